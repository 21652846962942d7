"""Pydantic models of the public JSON (docs/DESIGN.md §5), for the OpenAPI
document.  Request validation itself is done by `scurve` so that the API, the
CLI and the page give the same messages; these models describe the contract.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, create_model

from scurve.catalog import CATEGORY_IDS
from scurve.curve import DEFAULT_CURVE
from scurve.fields import CURVE_PARTS, CUSTOM_FIELD, CUSTOM_IDS, POSITION, SETTINGS, WEIGHT, CustomField, Setting
from scurve.kinds import Number

CategoryId = Literal[(*CATEGORY_IDS, *CUSTOM_IDS)]  # type: ignore[valid-type]
CustomId = Literal[CUSTOM_IDS]  # type: ignore[valid-type]
Year = Annotated[int, Field(ge=2000, le=2100)]
YEAR_KEY_PATTERN = "^(20[0-9]{2}|2100)$"
Position = Annotated[float, Field(ge=POSITION.lo, le=POSITION.hi, allow_inf_nan=False)]
# {"2024": 0.3, "2025": null}: keys are years (each must also be one of the
# state's `years`, a rule between fields that JSON Schema cannot state).
# Written out because pydantic would leave keys that fail the pattern allowed.
PositionsByYear = Annotated[
    dict[str, Position | None],
    WithJsonSchema(
        {
            "type": "object",
            "propertyNames": {"pattern": YEAR_KEY_PATTERN},
            "additionalProperties": {"anyOf": [{"type": "number", "minimum": 0, "maximum": 1}, {"type": "null"}]},
        }
    ),
]
Phase = Literal["early", "accelerating", "decelerating", "saturating"]
RangeByYear = Annotated[
    dict[str, Annotated[list[Position], Field(min_length=2, max_length=2)] | None],
    WithJsonSchema(
        {
            "type": "object",
            "propertyNames": {"pattern": YEAR_KEY_PATTERN},
            "additionalProperties": {
                "anyOf": [
                    {
                        "type": "array",
                        "items": {"type": "number", "minimum": 0, "maximum": 1},
                        "minItems": 2,
                        "maxItems": 2,
                    },
                    {"type": "null"},
                ]
            },
        }
    ),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


def _number(kind: Number) -> Any:
    """A number field with the table's bounds (for the document; scurve checks the value)."""
    return Field(ge=kind.lo, le=kind.hi, allow_inf_nan=False)


Weight = Annotated[float, _number(WEIGHT)]


class Out(BaseModel):
    """An output object: exactly the fields of its result dataclass in
    `scurve` (tests/test_result_shape.py holds them equal), nothing more."""

    model_config = ConfigDict(extra="forbid")


class CurveModel(Strict):
    midpoint: Annotated[float, _number(CURVE_PARTS["midpoint"])] = DEFAULT_CURVE.midpoint
    steepness: Annotated[float, _number(CURVE_PARTS["steepness"])] = DEFAULT_CURVE.steepness
    ceiling: Annotated[float, _number(CURVE_PARTS["ceiling"])] = DEFAULT_CURVE.ceiling


def _text(f: CustomField) -> Any:
    if f.required:
        return Field(min_length=1, max_length=f.max_length, description=f"{f.doc}: 1 to {f.max_length} characters after trimming")
    return Field(max_length=f.max_length, description=f"{f.doc}: at most {f.max_length} characters")


class CustomModel(Strict):
    """A category of your own: its text; its numbers go under its id in the state's other fields."""

    name: Annotated[str, _text(CUSTOM_FIELD["name"])]
    group: Annotated[str | None, _text(CUSTOM_FIELD["group"])] = CUSTOM_FIELD["group"].default
    question: Annotated[str | None, _text(CUSTOM_FIELD["question"])] = CUSTOM_FIELD["question"].default


def _drop_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def _setting(s: Setting) -> tuple[Any, Any]:
    """A setting's field: its JSON Schema is the table's (scurve checks the value itself)."""
    schema = s.kind.schema()
    if s.nullable:
        schema = {"anyOf": [schema, {"type": "null"}]}
    description = f"{s.doc[0].upper()}{s.doc[1:]}; {s.kind.rule.removeprefix('must be ')}."
    if s.nullable:
        description += " null reads as the default."
    if s.default is None:
        return Annotated[Any, WithJsonSchema(schema), Field(description=description, json_schema_extra=_drop_default)], None
    return Annotated[Any, WithJsonSchema(schema), Field(description=description)], s.kind.to_json(s.default)


class _PerCategory(Strict):
    estimates: Annotated[
        dict[CategoryId, PositionsByYear],
        Field(
            description="Per category, its position for each year of `years`; a category left out takes its defaults."
        ),
    ] = {}
    curves: dict[CategoryId, CurveModel] = {}
    weights: Annotated[
        dict[CategoryId, Weight],
        Field(description="Weights in the year aggregates; not every category's weight may be 0."),
    ] = {}
    ranges: Annotated[
        dict[CategoryId, RangeByYear],
        Field(description="90% ranges [low, high] of some estimates: 0 <= low <= position <= high <= 1, low < high."),
    ] = {}
    custom: Annotated[
        dict[CustomId, CustomModel],
        Field(description="Up to ten categories of your own, u1 to u10; names unique ignoring case."),
    ] = {}


# A state in its JSON form: the per-category fields above, then every setting of the field table.
_SETTING_FIELDS: dict[str, Any] = {s.json: _setting(s) for s in SETTINGS}
StateBody = create_model("StateBody", __base__=_PerCategory, __doc__="A state in its JSON form.", **_SETTING_FIELDS)


class StateModel(StateBody):  # type: ignore[valid-type,misc]
    vs: StateBody | None = None  # type: ignore[valid-type]


class CategoryOut(Out):
    id: str
    name: str
    group: str
    question: str
    description: str
    curve: CurveModel
    weight: float
    defaults: dict[str, float]
    anchors: Annotated[
        dict[str, str],
        Field(description='What AI can do on the task at positions "0.25", "0.5" and "0.75".'),
    ]


class CategoriesOut(Out):
    years: list[int]
    categories: list[CategoryOut]


class PointOut(Out):
    year: int
    position: float
    uplift: float
    slope: float
    relative_slope: float
    phase: Phase
    supercritical: bool
    elasticity: float
    supercritical_loglog: bool
    breakeven_payoff: float | None = Field(
        description="ceiling / slope: the smallest full payoff at which this mark would be super-critical, "
        "all else as drawn; null when the slope is below 1e-12"
    )


class TrajectoryOut(Out):
    rate: float
    rmse: float
    midpoint_year: float | None
    peak_year: float | None
    supercritical_from: float | None
    supercritical_to: float | None


class CategoryResultOut(Out):
    id: str
    name: str
    group: str
    curve: CurveModel
    weight: float
    band: Annotated[list[float], Field(min_length=2, max_length=2)] | None
    points: list[PointOut]
    trajectory: TrajectoryOut | None


class YearOut(Out):
    year: int
    mean_slope: float | None
    total_slope: float
    supercritical: bool
    supercritical_count: int
    accelerating_count: int
    mean_uplift: float | None
    past_midpoint_count: int
    loglog_supercritical_count: int
    newly_supercritical: list[str]
    breakeven_scale: float | None = Field(
        description="1 / mean_slope: the factor every ceiling would need for this year's mean slope to reach 1; "
        "null where mean_slope is null or below 1e-12"
    )


class CategoryForecastOut(Out):
    position: list[float] | None
    slope: list[float] | None
    uplift: list[float] | None
    share: list[float] | None = Field(
        None, description="weight × uplift / Σ weights on the grid: this category's part of mean_uplift"
    )


class MilestoneOut(Out):
    share: Annotated[float, Field(gt=0, lt=1, description="q: the share of the potential")]
    year: float | None = Field(
        description="The first time in the forecast with U(t) >= q U_max (to 0.001 year); null when not reached"
    )
    already: bool = Field(description="It holds at the grid's start (year is then the start)")


class ForecastOut(Out):
    t: list[float]
    mean_slope: list[float | None]
    total_slope: list[float]
    peak_year: float | None
    peak_at_edge: bool
    supercritical_from: float | None
    supercritical_to: float | None
    categories: dict[str, CategoryForecastOut]
    mean_uplift: list[float | None]
    potential: float | None = Field(description="U_max = Σ w L / Σ w over the categories with an estimate")
    gain: list[float | None] = Field(description="dU/dt per year on the grid")
    gain_peak_year: float | None = Field(description="The grid point of the largest gain; null when it is flat")
    speedup: list[float] = Field(description="The feedback factor g(t) on the grid (1 without feedback)")
    milestones: list[MilestoneOut]


Band3 = Annotated[list[float], Field(min_length=3, max_length=3, description="[p5, p50, p95]")]


class PointBandOut(Out):
    year: int
    position: Band3
    slope: Band3
    p_supercritical: float


class YearBandOut(Out):
    year: int
    mean_slope: Annotated[list[float], Field(min_length=5, max_length=5)] | None
    p_supercritical: float
    supercritical_count: Band3


class QuantileSeries(Out):
    p5: list[float | None]
    p25: list[float | None]
    p50: list[float | None]
    p75: list[float | None]
    p95: list[float | None]


class MilestoneBandOut(Out):
    share: float
    year: Band3 | None = Field(description="[p5, p50, p95] over the draws that reach it; null when none does")
    p_reached: float = Field(description="The share of draws that reach it by the forecast's end")


class ForecastBandOut(Out):
    mean_slope: QuantileSeries
    p_supercritical: list[float]
    peak_year: Band3 | None
    p_peak_at_edge: float
    gain: QuantileSeries
    mean_uplift: QuantileSeries = Field(description="p5 .. p95 of the mean uplift U(t) over the draws: the progress chart's fan")
    milestones: list[MilestoneBandOut]


Pair = Annotated[list[float | None], Field(min_length=2, max_length=2, description="[at low_x, at high_x]")]


class SensitivityOut(Out):
    id: str
    low_x: float
    high_x: float
    mean_slope: Pair
    milestone: Pair


class UncertaintyOut(Out):
    samples: int
    rho: float
    categories: dict[str, list[PointBandOut]]
    years: list[YearBandOut]
    forecast: ForecastBandOut


class AnalysisFields(Out):
    """What an analysis and its compared view share."""

    state: StateModel
    permalink: str
    categories: list[CategoryResultOut]
    years: list[YearOut]
    forecast: ForecastOut
    uncertainty: UncertaintyOut | None = None
    warnings: list[str]
    sensitivity: list[SensitivityOut] | None = Field(
        description="Each last-year estimate moved to its range's ends (without one, x ± 0.05), sorted by how far "
        "the last year's mean slope moves; null when the last year has no estimate"
    )
    summary: str


class AnalysisCore(AnalysisFields):
    """The analysis of a compared view."""

    compare: Annotated[None, Field(description="A compared view has no comparison of its own")] = None


class AnalysisOut(AnalysisFields):
    compare: AnalysisCore | None = None


class ImportOut(Out):
    state: StateModel
    permalink: str
    warnings: list[str]
    defaulted: Annotated[
        list[str],
        Field(description="JSON keys of the settings the CSV has no column for (an older export), at their defaults"),
    ]


class CurveSamplesOut(Out):
    x: list[float]
    uplift: list[float]
    slope: list[float]


class ClaimOut(Out):
    id: str
    date: str
    organization: str
    subject: str
    quote: str
    source: str | None
    stance: Literal["for", "against", "mixed"]
    categories: list[str]
    note: str


class ErrorItem(Out):
    loc: list[str | int]
    msg: str
    value: object = None


class ErrorOut(Out):
    detail: str
    errors: list[ErrorItem]


class Health(Out):
    status: Literal["ok"]


ERRORS: dict[int | str, dict[str, object]] = {
    400: {"model": ErrorOut, "description": "The input breaks a rule; `detail` names it."},
}
