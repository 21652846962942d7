"""The state: years, positions per category and year, curve and weight
overrides, the view-wide settings, and optionally a second state to compare
against.

A :class:`State` always holds every category of the catalog, with its
effective curve and weight; it is built by
:func:`scurve.statejson.state_from_json`, :func:`scurve.permalink.parse_query`
or :func:`scurve.csvio.read_csv`, never by hand from untrusted input.  Its
fields are declared in :mod:`scurve.fields`.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .catalog import Catalog
from .curve import Curve
from .errors import Problem
from .fields import (
    CUSTOM_FIELDS,
    CUSTOM_GROUP,
    CUSTOM_IDS,
    MAX_GROUP,
    MAX_NAME,
    MAX_QUESTION,
    SETTING,
    SETTINGS,
)
from .kinds import clean_text, fmt_number, round3

__all__ = [
    "CUSTOM_GROUP",
    "CUSTOM_IDS",
    "MAX_GROUP",
    "MAX_NAME",
    "MAX_QUESTION",
    "CustomCategory",
    "State",
    "category_ids",
    "category_label",
    "clean_title",
    "custom_order",
    "default_state",
    "defaults_for",
    "fmt_number",
    "name_key",
    "names_problems",
    "range_rule",
    "round3",
    "stored_form",
    "text_problem",
    "weights_problems",
]

DEFAULT_HORIZON: int = SETTING["horizon"].default
MAX_TITLE: int = SETTING["title"].kind.limits()["max_length"]
clean_title = clean_text


@dataclass(frozen=True)
class CustomCategory:
    """A category of the user's own: its text only; its positions, ranges,
    curve and weight live in the state under its id."""

    name: str
    group: str = CUSTOM_GROUP
    question: str = ""

    def as_dict(self) -> dict[str, str]:
        return {f.json: getattr(self, f.attr) for f in CUSTOM_FIELDS}


@dataclass(frozen=True)
class State:
    """One view of where AI stands: positions per category and year.

    ``estimates`` maps every category id (the catalog's, then the state's own
    ``custom`` ones) to ``{year: position}``; a year left out means "no
    estimate".  ``curves`` and ``weights`` hold every category's effective
    values.  ``ranges`` holds the 90% ranges ``(lo, hi)`` that some
    estimates carry.  The settings (``horizon`` to ``title``) are described
    in :data:`scurve.fields.SETTINGS`: ``feedback`` and ``lag`` shape the
    forecast's feedback, ``milestones`` are the shares of the potential
    whose years it names, ``rho`` the correlation used when sampling ranges.
    """

    years: tuple[int, ...]
    estimates: Mapping[str, Mapping[int, float]]
    curves: Mapping[str, Curve]
    weights: Mapping[str, float]
    horizon: int = SETTING["horizon"].default
    feedback: float = SETTING["feedback"].default
    lag: float = SETTING["lag"].default
    milestones: tuple[float, ...] = SETTING["milestones"].default
    rho: float = SETTING["rho"].default
    title: str = SETTING["title"].default
    ranges: Mapping[str, Mapping[int, tuple[float, float]]] = field(default_factory=dict)
    custom: Mapping[str, CustomCategory] = field(default_factory=dict)
    compare: State | None = field(default=None, compare=True)

    def with_compare(self, compare: State | None) -> State:
        return replace(self, compare=compare)

    @property
    def has_ranges(self) -> bool:
        return any(self.ranges.values())


def custom_order(cid: str) -> int:
    """Sort key of a custom id: u2 before u10."""
    return int(cid[1:])


def category_ids(state: State, catalog: Catalog) -> tuple[str, ...]:
    """Every category of a state: the catalog's in file order, then its own in id order."""
    return catalog.ids + tuple(sorted(state.custom, key=custom_order))


def category_label(state: State, catalog: Catalog, cid: str) -> tuple[str, str]:
    """(name, group) of a built-in or custom category."""
    if cid in state.custom:
        c = state.custom[cid]
        return c.name, c.group
    cat = catalog.get(cid)
    return cat.name, cat.group


def stored_form(state: State) -> State:
    """What a view stored in the crowd keeps: the fields the table marks
    ``crowd``; the title, the custom categories' groups and questions and
    the comparison go back to their defaults (free text can name someone)."""
    settings = {s.attr: s.default for s in SETTINGS if not s.crowd}
    dropped = {f.attr: f.default for f in CUSTOM_FIELDS if not f.crowd}
    custom = {cid: replace(c, **dropped) for cid, c in state.custom.items()}
    return replace(state, **settings, custom=custom, compare=None)


# -- custom categories' text ------------------------------------------------------

_NAME_KEY_MAX = 64  # the crowd stores name keys in 64 characters


def name_key(name: str) -> str:
    """The key two names are compared by: NFKC, white space collapsed,
    case folded; never cut short (a key too long to store whole becomes a
    digest, so two long names never share a key).

    >>> name_key("Bug  ﬁxes") == name_key("bug fixes")
    True
    >>> name_key("x" * 59 + "ß") == name_key("x" * 59 + "ss"), len(name_key("ß" * 60))
    (True, 64)
    """
    key = unicodedata.normalize("NFKC", " ".join(unicodedata.normalize("NFKC", name).split()).casefold())
    if len(key) <= _NAME_KEY_MAX:
        return key
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()[: _NAME_KEY_MAX - 7]


def _format_characters(text: str) -> list[str]:
    return [f"U+{ord(ch):04X}" for ch in text if unicodedata.category(ch) == "Cf"]


def text_problem(value: object, field_name: str, limit: int, *, required: bool) -> tuple[str, str | None]:
    """Check one custom-category text: a string, at most ``limit`` characters
    after trimming (at least 1 when ``required``), no control characters.
    A name (``required``) is normalised to NFKC first and must hold no
    invisible format characters (Unicode category Cf, such as U+200B or
    U+202E), so it cannot hide or pass for another name.
    Returns (cleaned text, rule broken or None)."""
    if not isinstance(value, str):
        return "", f"must be a string of at most {limit} characters"
    text = (unicodedata.normalize("NFKC", value) if required else value).strip()
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        return "", "must not contain control characters"
    hidden = _format_characters(text) if required else []
    if hidden:
        return "", f"must not contain invisible format characters (Unicode category Cf); has {', '.join(hidden[:3])}"
    if required and not text:
        return "", f"must be 1 to {limit} characters after trimming"
    if len(text) > limit:
        return "", f"must be at most {limit} characters after trimming (has {len(text)})"
    return text, None


def names_problems(
    custom: Mapping[str, CustomCategory], catalog: Catalog, loc: tuple[str | int, ...], param: str
) -> list[Problem]:
    """Names must be unique, ignoring case and compatibility forms, among all of a state's categories."""
    seen = {name_key(c.name): c.name for c in catalog.categories}
    out: list[Problem] = []
    for cid in sorted(custom, key=custom_order):
        name = custom[cid].name
        key = name_key(name)
        if key in seen:
            where = param.format(cid)
            out.append(
                Problem(
                    (*loc, cid, "name"),
                    f"`{where}` must differ (ignoring case) from every other category's name; {name!r} is taken by {seen[key]!r}",
                    name,
                )
            )
        else:
            seen[key] = name
    return out


# -- rules between values ------------------------------------------------------------


def range_rule(x: float | None, lo: float, hi: float) -> str | None:
    """The rule a 90% range breaks, or None: ``0 <= lo <= x <= hi <= 1``, ``lo < hi``."""
    if x is None:
        return "needs a position in the same slot"
    if not 0.0 <= lo <= 1.0 or not 0.0 <= hi <= 1.0:
        return "must lie in [0, 1]"
    if not lo < hi:
        return "must have low < high"
    if lo > x:
        return f"low must be at most the position {fmt_number(x)}"
    if hi < x:
        return f"high must be at least the position {fmt_number(x)}"
    return None


def weights_problems(weights: Mapping[str, float], loc: tuple[str | int, ...]) -> list[Problem]:
    if weights and all(w == 0 for w in weights.values()):
        return [Problem(loc, "weights must not all be 0: at least one category needs weight > 0", 0)]
    return []


def default_state(catalog: Catalog, years: tuple[int, ...] | None = None) -> State:
    """The catalog's defaults for ``years`` (the catalog's own years by default)."""
    yrs = catalog.years if years is None else years
    return State(
        years=yrs,
        estimates={c.id: defaults_for(c.defaults, yrs) for c in catalog.categories},
        curves={c.id: c.curve for c in catalog.categories},
        weights={c.id: c.weight for c in catalog.categories},
    )


def defaults_for(defaults: Mapping[int, float], years: tuple[int, ...]) -> dict[int, float]:
    return {y: defaults[y] for y in years if y in defaults}
