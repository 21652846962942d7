"""Every field of a state, declared once.

A state has view-wide settings (:data:`SETTINGS`: the years, the horizon,
feedback, lag, milestone shares, the correlation, the title), fields held
per category (:data:`CATEGORY_FIELDS`: positions, ranges, curves, weights),
the text of the user's own categories (:data:`CUSTOM_FIELDS`) and a second
state to compare against (:data:`COMPARE`).  Each entry names its link key,
its JSON key, its rule (a :class:`~scurve.kinds.Kind`), its default, its
place in the written link, and whether the CSV carries it, whether a view
stored in the crowd keeps it and whether the Monte Carlo seed depends on it.

The link, JSON and CSV codecs, the API's schema and query parameters, the
limits of the page's controls and the crowd's stored form are all read from
here; ``tests/test_field_table.py`` walks the table through every form.  A
new setting is one entry in :data:`SETTINGS` and its attribute on
:class:`~scurve.state.State` (default taken from the entry), then its
control on the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .catalog import WEIGHT_RANGE
from .curve import CEILING_RANGE, MIDPOINT_RANGE, STEEPNESS_RANGE
from .kinds import Kind, Number, Shares, Text, Year, Years
from .limits import MAX_BODY

#: Ids of a state's own categories, in their written order.
CUSTOM_IDS: tuple[str, ...] = tuple(f"u{i}" for i in range(1, 11))
CUSTOM_GROUP = "Your categories"
COMPARE_PREFIX = "vs."


@dataclass(frozen=True)
class Setting:
    """A view-wide setting: one value per state.

    ``always``: written in a link even at its default; ``tail``: written
    after the categories (else before them); ``nullable``: JSON ``null``
    reads as the default.  ``csv``, ``crowd`` and ``seed``: the CSV carries
    it, a view stored in the crowd keeps it, the Monte Carlo draws depend on it.
    """

    attr: str
    link: str
    json: str
    kind: Kind
    default: Any  # None for `years`: the catalog's years
    label: str  # what the page calls it ("feedback 1.5")
    doc: str
    always: bool = False
    tail: bool = False
    nullable: bool = True
    csv: bool = True
    crowd: bool = True
    seed: bool = False
    link_note: str = ""  # said after the rule when a link's value is bad

    def default_text(self) -> str:
        return "the catalog's years" if self.default is None else self.kind.write(self.default)


@dataclass(frozen=True)
class CategoryField:
    """A field held per category, as ``{id: ...}`` on the state: its link
    parameters (``<id>`` plus a suffix), its JSON key, its CSV columns and
    the numbers it is made of."""

    attr: str
    json: str
    link: tuple[str, ...]
    csv: tuple[str, ...]
    parts: tuple[tuple[str, Number], ...]
    doc: str
    crowd: bool = True
    seed: bool = True


@dataclass(frozen=True)
class CustomField:
    """A text of one of the user's own categories (``u1``..``u10``)."""

    attr: str
    link: str  # the suffix after the id: `u1.name`
    json: str
    csv: str
    max_length: int
    required: bool
    default: str
    doc: str
    crowd: bool
    seed: bool = False


@dataclass(frozen=True)
class Nested:
    """The state to compare against: every parameter again under a prefix."""

    attr: str
    link: str
    json: str
    doc: str
    csv: bool = False
    crowd: bool = False
    seed: bool = False


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "years",
        "years",
        "years",
        Years(),
        None,
        "years",
        "the years estimated (ascending: a rule a schema or pattern cannot state)",
        always=True,
        nullable=False,
        seed=True,
        link_note="; the whole link is shown at its defaults",
    ),
    Setting(
        "horizon", "horizon", "horizon", Year(), 2030, "horizon", "the forecast's last year", always=True, nullable=False
    ),
    Setting(
        "feedback",
        "fb",
        "feedback",
        Number(0.0, 3.0, 0.1),
        0.0,
        "feedback",
        "the exponent of the forecast's feedback of AI's help on progress; 0 is the plain extrapolation",
    ),
    Setting(
        "lag",
        "lag",
        "lag",
        Number(0.0, 3.0, 0.25, on_grid=True),
        0.0,
        "lag",
        "the years it takes for AI's help to feed back into progress",
    ),
    Setting(
        "milestones",
        "ms",
        "milestones",
        Shares(3),
        (0.5, 0.9),
        "milestones",
        "the shares of AI's potential help whose years the forecast names",
    ),
    Setting(
        "rho",
        "rho",
        "rho",
        Number(0.0, 1.0, 0.05),
        0.5,
        "correlation",
        "the correlation between categories when their ranges are sampled",
        seed=True,
    ),
    Setting(
        "title",
        "title",
        "title",
        Text(80),
        "",
        "title",
        "a title; control characters are dropped and white space collapsed",
        tail=True,
        crowd=False,
    ),
)
SETTING: dict[str, Setting] = {s.attr: s for s in SETTINGS}

POSITION = Number(0.0, 1.0, 0.001)
CATEGORY_FIELDS: tuple[CategoryField, ...] = (
    CategoryField(
        "estimates",
        "estimates",
        ("",),
        ("position",),
        (("position", POSITION),),
        "positions, one slot per year (a slot may be empty: no estimate)",
    ),
    CategoryField(
        "ranges",
        "ranges",
        (".lo", ".hi"),
        ("low", "high"),
        (("low", POSITION), ("high", POSITION)),
        "90% ranges [low, high] of some estimates",
    ),
    CategoryField(
        "curves",
        "curves",
        (".curve",),
        ("midpoint", "steepness", "ceiling"),
        (
            ("midpoint", Number(*MIDPOINT_RANGE, 0.01, pattern=r"0*\.(0[5-9][0-9]*|[1-8][0-9]*|9([0-4][0-9]*)?|950*)")),
            ("steepness", Number(*STEEPNESS_RANGE, 0.5, pattern=r"(0*([1-9]|[1-3][0-9])(\.[0-9]*)?|0*40(\.0*)?)")),
            ("ceiling", Number(*CEILING_RANGE, 0.01, pattern=r"(0*\.(0[5-9][0-9]*|[1-9][0-9]*)|0*1(\.0*)?)")),
        ),
        "curve as midpoint,steepness,ceiling",
    ),
    CategoryField(
        "weights",
        "weights",
        (".w",),
        ("weight",),
        (("weight", Number(*WEIGHT_RANGE, 0.5)),),
        "weight in the year aggregates; not every weight may be 0",
    ),
)
CATEGORY_FIELD: dict[str, CategoryField] = {f.attr: f for f in CATEGORY_FIELDS}
WEIGHT = CATEGORY_FIELD["weights"].parts[0][1]
CURVE_PARTS = dict(CATEGORY_FIELD["curves"].parts)

CUSTOM_FIELDS: tuple[CustomField, ...] = (
    CustomField("name", ".name", "name", "category", 60, True, "", "the name of your own category", crowd=True),
    CustomField("group", ".group", "group", "group", 40, False, CUSTOM_GROUP, "its group", crowd=False),
    CustomField("question", ".q", "question", "question", 140, False, "", "its question", crowd=False),
)
CUSTOM_FIELD: dict[str, CustomField] = {f.attr: f for f in CUSTOM_FIELDS}
MAX_NAME = CUSTOM_FIELD["name"].max_length
MAX_GROUP = CUSTOM_FIELD["group"].max_length
MAX_QUESTION = CUSTOM_FIELD["question"].max_length

COMPARE = Nested("compare", COMPARE_PREFIX, "vs", "a second state in the same form to compare against")

#: Every attribute of :class:`~scurve.state.State`, from the table.
STATE_ATTRS: tuple[str, ...] = (
    *(s.attr for s in SETTINGS),
    *(f.attr for f in CATEGORY_FIELDS),
    "custom",
    COMPARE.attr,
)


def page_limits() -> dict[str, Any]:
    """What the estimator's controls may offer, handed to the page in its
    data (the page copies no bound of its own)."""
    return {
        "settings": {
            s.json: {"link": s.link, "label": s.label, "default": _json_default(s), **s.kind.limits()}
            for s in SETTINGS
        },
        "categories": {f.json: {name: kind.limits() for name, kind in f.parts} for f in CATEGORY_FIELDS},
        "custom": {
            "max_count": len(CUSTOM_IDS),
            **{f.json: {"max_length": f.max_length, "default": f.default} for f in CUSTOM_FIELDS},
        },
        "body": {"max_bytes": MAX_BODY},
    }


def _json_default(s: Setting) -> Any:
    return None if s.default is None else s.kind.to_json(s.default)
