"""Pydantic models of the public JSON (SPEC section 5), for the OpenAPI
document.  Request validation itself is done by `scurve` so that the API, the
CLI and the page give the same messages; these models describe the contract.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from scurve.catalog import CATEGORY_IDS
from scurve.state import CUSTOM_IDS, MAX_GROUP, MAX_NAME, MAX_QUESTION

CategoryId = Literal[(*CATEGORY_IDS, *CUSTOM_IDS)]  # type: ignore[valid-type]
CustomId = Literal[CUSTOM_IDS]  # type: ignore[valid-type]
Year = Annotated[int, Field(ge=2000, le=2100)]
YEAR_KEY_PATTERN = "^(20[0-9]{2}|2100)$"
Position = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
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


class CurveModel(Strict):
    midpoint: Annotated[float, Field(ge=0.05, le=0.95, allow_inf_nan=False)] = 0.5
    steepness: Annotated[float, Field(ge=1, le=40, allow_inf_nan=False)] = 10
    ceiling: Annotated[float, Field(ge=0.05, le=1, allow_inf_nan=False)] = 1


class CustomModel(Strict):
    name: Annotated[str, Field(min_length=1, max_length=MAX_NAME, description="1 to 60 characters after trimming")]
    group: Annotated[str | None, Field(max_length=MAX_GROUP)] = "Your categories"
    question: Annotated[str | None, Field(max_length=MAX_QUESTION)] = ""


class StateBody(Strict):
    """A state in its JSON form (SPEC section 4)."""

    years: Annotated[
        list[Year],
        Field(
            min_length=1,
            max_length=10,
            json_schema_extra={"uniqueItems": True},
            description="Distinct years in ascending order (the order is a rule JSON Schema cannot state).",
        ),
    ] = [2024, 2025, 2026]
    estimates: Annotated[
        dict[CategoryId, PositionsByYear],
        Field(
            description="Per category, its position for each year of `years`; a category left out takes its defaults."
        ),
    ] = {}
    curves: dict[CategoryId, CurveModel] = {}
    weights: Annotated[
        dict[CategoryId, Annotated[float, Field(ge=0, le=10, allow_inf_nan=False)]],
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
    horizon: Year = 2030
    feedback: Annotated[
        float | None, Field(ge=0, le=3, allow_inf_nan=False, description="Feedback exponent of the forecast")
    ] = 0
    rho: Annotated[
        float | None, Field(ge=0, le=1, allow_inf_nan=False, description="Correlation between categories' draws")
    ] = 0.5
    title: Annotated[str | None, Field(max_length=80, description="null reads as no title")] = ""


class StateModel(StateBody):
    vs: StateBody | None = None


class CategoryOut(BaseModel):
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


class CategoriesOut(BaseModel):
    years: list[int]
    categories: list[CategoryOut]


class PointOut(BaseModel):
    year: int
    position: float
    uplift: float
    slope: float
    relative_slope: float
    phase: Phase
    supercritical: bool
    elasticity: float
    supercritical_loglog: bool


class TrajectoryOut(BaseModel):
    rate: float
    rmse: float
    midpoint_year: float | None
    peak_year: float | None
    supercritical_from: float | None
    supercritical_to: float | None


class CategoryResultOut(BaseModel):
    id: str
    name: str
    group: str
    curve: CurveModel
    weight: float
    band: Annotated[list[float], Field(min_length=2, max_length=2)] | None
    points: list[PointOut]
    trajectory: TrajectoryOut | None


class YearOut(BaseModel):
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


class CategoryForecastOut(BaseModel):
    position: list[float] | None
    slope: list[float] | None
    uplift: list[float] | None
    share: list[float] | None = Field(
        None, description="weight × uplift / Σ weights on the grid: this category's part of mean_uplift"
    )


class ForecastOut(BaseModel):
    t: list[float]
    mean_slope: list[float | None]
    total_slope: list[float]
    peak_year: float | None
    peak_at_edge: bool
    supercritical_from: float | None
    supercritical_to: float | None
    categories: dict[str, CategoryForecastOut]
    mean_uplift: list[float | None]


Band3 = Annotated[list[float], Field(min_length=3, max_length=3, description="[p5, p50, p95]")]


class PointBandOut(BaseModel):
    year: int
    position: Band3
    slope: Band3
    p_supercritical: float


class YearBandOut(BaseModel):
    year: int
    mean_slope: Annotated[list[float], Field(min_length=5, max_length=5)] | None
    p_supercritical: float
    supercritical_count: Band3


class QuantileSeries(BaseModel):
    p5: list[float | None]
    p25: list[float | None]
    p50: list[float | None]
    p75: list[float | None]
    p95: list[float | None]


class ForecastBandOut(BaseModel):
    mean_slope: QuantileSeries
    p_supercritical: list[float]
    peak_year: Band3 | None
    p_peak_at_edge: float


class UncertaintyOut(BaseModel):
    samples: int
    rho: float
    categories: dict[str, list[PointBandOut]]
    years: list[YearBandOut]
    forecast: ForecastBandOut


class AnalysisCore(BaseModel):
    state: StateModel
    permalink: str
    categories: list[CategoryResultOut]
    years: list[YearOut]
    forecast: ForecastOut
    uncertainty: UncertaintyOut | None = None
    warnings: list[str]
    summary: str


class AnalysisOut(AnalysisCore):
    compare: AnalysisCore | None = None


class ImportOut(BaseModel):
    state: StateModel
    permalink: str
    warnings: list[str]


class CurveSamplesOut(BaseModel):
    x: list[float]
    uplift: list[float]
    slope: list[float]


class ClaimOut(BaseModel):
    id: str
    date: str
    organization: str
    subject: str
    quote: str
    source: str | None
    stance: Literal["for", "against", "mixed"]
    categories: list[str]
    note: str


class ErrorItem(BaseModel):
    loc: list[str | int]
    msg: str
    value: object = None


class ErrorOut(BaseModel):
    detail: str
    errors: list[ErrorItem]


class Health(BaseModel):
    status: Literal["ok"]


ERRORS: dict[int | str, dict[str, object]] = {
    400: {"model": ErrorOut, "description": "The input breaks a rule; `detail` names it."},
}
