"""The state: years, positions per category and year, curve and weight
overrides, horizon and title, and optionally a second state to compare against.

A :class:`State` always holds every category of the catalog, with its
effective curve and weight; it is built by :func:`state_from_json` or
:func:`scurve.permalink.parse_query`, never by hand from untrusted input.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from .catalog import WEIGHT_RANGE, YEAR_RANGE, Catalog, is_number, years_problems
from .curve import DEFAULT_CURVE, Curve, curve_problems
from .errors import Problem, StateError

DEFAULT_HORIZON = 2030
MAX_TITLE = 80
DEFAULT_FEEDBACK = 0.0
FEEDBACK_RANGE = (0.0, 3.0)
DEFAULT_RHO = 0.5
RHO_RANGE = (0.0, 1.0)
#: Ids of a state's own categories (SPEC section 9), in their written order.
CUSTOM_IDS: tuple[str, ...] = tuple(f"u{i}" for i in range(1, 11))
CUSTOM_GROUP = "Your categories"
MAX_NAME = 60
MAX_GROUP = 40
MAX_QUESTION = 140
_MILLI = Decimal("0.001")


def round3(value: float | str | Decimal) -> float:
    """Round half-even to 3 decimals, on the decimal text of the value.

    >>> round3(0.0005), round3(0.0015), round3("0.12349")
    (0.0, 0.002, 0.123)
    """
    if isinstance(value, float):
        # Fast path for a float that already is the nearest double to a
        # 3-decimal number (every value a state holds): rounding keeps it.
        # Distinct 3-decimal numbers are far more than an ulp apart here,
        # so the test cannot mistake another number for this one.
        fast = f"{value:.3f}"
        if float(fast) == value:
            return value
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    return float(d.quantize(_MILLI, rounding=ROUND_HALF_EVEN))


def fmt_number(value: float) -> str:
    """Shortest text of a number rounded to 3 decimals: ``0.3``, ``10``, ``0.055``.

    >>> fmt_number(0.30), fmt_number(10.0), fmt_number(0.0)
    ('0.3', '10', '0')
    """
    text = f"{round3(value):.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


@dataclass(frozen=True)
class CustomCategory:
    """A category of the user's own (SPEC section 9): its text only; its
    positions, ranges, curve and weight live in the state under its id."""

    name: str
    group: str = CUSTOM_GROUP
    question: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "group": self.group, "question": self.question}


@dataclass(frozen=True)
class State:
    """One view of where AI stands: positions per category and year.

    ``estimates`` maps every category id (the catalog's, then the state's own
    ``custom`` ones) to ``{year: position}``; a year left out means "no
    estimate".  ``curves`` and ``weights`` hold every category's effective
    values.  ``ranges`` holds the 90% ranges ``(lo, hi)`` that some
    estimates carry; ``rho`` is the correlation between categories used when
    sampling them, ``feedback`` the exponent of the forecast's feedback.
    """

    years: tuple[int, ...]
    estimates: Mapping[str, Mapping[int, float]]
    curves: Mapping[str, Curve]
    weights: Mapping[str, float]
    horizon: int = DEFAULT_HORIZON
    title: str = ""
    feedback: float = DEFAULT_FEEDBACK
    rho: float = DEFAULT_RHO
    lag: float = 0.0
    milestones: tuple[float, ...] = (0.5, 0.9)
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


def name_key(name: str) -> str:
    """Names compare ignoring case and runs of white space."""
    return " ".join(name.split()).casefold()


def text_problem(value: object, field_name: str, limit: int, *, required: bool) -> tuple[str, str | None]:
    """Check one custom-category text: a string, at most ``limit`` characters
    after trimming (at least 1 when ``required``), no control characters.
    Returns (cleaned text, rule broken or None)."""
    if not isinstance(value, str):
        return "", f"must be a string of at most {limit} characters"
    text = value.strip()
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        return "", "must not contain control characters"
    if required and not text:
        return "", f"must be 1 to {limit} characters after trimming"
    if len(text) > limit:
        return "", f"must be at most {limit} characters after trimming (has {len(text)})"
    return text, None


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


def weights_problems(
    weights: Mapping[str, float], estimates: Mapping[str, Mapping[int, float]], loc: tuple[str | int, ...]
) -> list[Problem]:
    if weights and all(w == 0 for w in weights.values()):
        return [Problem(loc, "weights must not all be 0: at least one category needs weight > 0", 0)]
    return []


def state_from_json(obj: object, catalog: Catalog, *, allow_compare: bool = True) -> State:
    """Validate a JSON state (already decoded) and build a :class:`State`.

    Rules: ``years`` 1 to 10 distinct ascending years in 2000..2100;
    positions numbers in [0, 1] (``null`` or an absent year: no estimate),
    keyed by a year of ``years``; curve parameters within their ranges;
    weights in [0, 10], not all 0; ``horizon`` an integer in 2000..2100;
    ``title`` at most 80 characters.  Numbers must be JSON numbers (not
    strings or booleans) and finite.  A category absent from ``estimates``
    takes its catalog defaults.

    Raises
    ------
    StateError
        Listing every problem, each with its location.
    """
    problems: list[Problem] = []
    state = _state_from_json(obj, catalog, (), problems, allow_compare)
    if problems or state is None:
        raise StateError(problems or [Problem((), "invalid state")])
    return state


def _state_from_json(
    obj: object, catalog: Catalog, loc: tuple[str | int, ...], problems: list[Problem], allow_compare: bool
) -> State | None:
    if not isinstance(obj, dict):
        problems.append(Problem(loc, f"a state must be a JSON object, got {type(obj).__name__}", None))
        return None
    allowed = {"years", "estimates", "curves", "weights", "horizon", "title", "feedback", "rho", "ranges", "custom"}
    if allow_compare:
        allowed.add("vs")
    for key in obj:
        if key not in allowed:
            problems.append(Problem((*loc, key), f"unknown field `{key}`; allowed: {', '.join(sorted(allowed))}", key))
    start = len(problems)
    years_raw = obj.get("years", list(catalog.years))
    if isinstance(years_raw, list):
        # JSON has one number type: 2024.0 is the year 2024, as for `horizon`.
        years_raw = [int(y) if isinstance(y, float) and y.is_integer() else y for y in years_raw]
    yp = years_problems(years_raw, (*loc, "years"))
    problems += yp
    years: tuple[int, ...] = tuple(years_raw) if not yp else catalog.years

    custom = _custom_from_json(obj.get("custom", {}), catalog, loc, problems)
    known = set(catalog.ids) | set(custom)
    named = {cid for cid in CUSTOM_IDS if cid in custom}

    def unknown_id(where: str, cid: str, cloc: tuple[str | int, ...]) -> bool:
        if cid in known:
            return False
        if cid in CUSTOM_IDS:
            problems.append(
                Problem(cloc, f"`{where}.{cid}`: your category `{cid}` needs a name in `custom.{cid}.name`", cid)
            )
        else:
            problems.append(Problem(cloc, f"unknown category id `{cid}`", cid))
        return True

    Loc = tuple[str | int, ...]

    def year_cells(field: str, what: str) -> Iterator[tuple[str, Iterator[tuple[str, int, Any, Loc]]]]:
        """`obj[field]`, an object of category id to {year: <what>}, one id
        at a time: (id, its cells (year key, year, value, location)). Bad
        shapes, ids and years are reported here; null values are skipped."""
        raw = obj.get(field, {})
        if not isinstance(raw, dict):
            problems.append(
                Problem((*loc, field), f"`{field}` must be an object of category id to {{year: {what}}}", raw)
            )
            return
        for cid, per_year in raw.items():
            cloc = (*loc, field, cid)
            if unknown_id(field, cid, cloc):
                continue
            if not isinstance(per_year, dict):
                problems.append(Problem(cloc, f"`{field}.{cid}` must be an object of year to {what}", per_year))
                continue
            yield cid, cells_of(field, cid, per_year, cloc)

    def cells_of(field: str, cid: str, per_year: dict[Any, Any], cloc: Loc) -> Iterator[tuple[str, int, Any, Loc]]:
        for ykey, value in per_year.items():
            yloc = (*cloc, ykey)
            year = _year_key(ykey)
            if year is None or year not in years:
                problems.append(
                    Problem(yloc, f"`{field}.{cid}` year {ykey!r} must be one of the years {list(years)}", ykey)
                )
            elif value is not None:
                yield ykey, year, value, yloc

    estimates: dict[str, dict[int, float]] = {}
    for cid, cells in year_cells("estimates", "position"):
        row: dict[int, float] = {}
        for ykey, year, x, yloc in cells:
            if not is_number(x) or not 0.0 <= x <= 1.0:
                problems.append(
                    Problem(yloc, f"`estimates.{cid}.{ykey}` must be a position (number in [0, 1]), got {x!r}", x)
                )
                continue
            row[year] = round3(x)
        estimates[cid] = dict(sorted(row.items()))
    for c in catalog.categories:
        if c.id not in estimates:
            estimates[c.id] = defaults_for(c.defaults, years)
    for cid in named:
        estimates.setdefault(cid, {})

    ranges: dict[str, dict[int, tuple[float, float]]] = {}
    for cid, cells in year_cells("ranges", "[low, high]"):
        rrow: dict[int, tuple[float, float]] = {}
        for ykey, year, pair, yloc in cells:
            if not (isinstance(pair, list) and len(pair) == 2 and all(is_number(v) for v in pair)):
                problems.append(
                    Problem(
                        yloc, f"`ranges.{cid}.{ykey}` must be [low, high], two numbers in [0, 1], got {pair!r}", pair
                    )
                )
                continue
            lo, hi = round3(pair[0]), round3(pair[1])
            rule = range_rule(estimates.get(cid, {}).get(year), lo, hi)
            if rule:
                problems.append(Problem(yloc, f"`ranges.{cid}.{ykey}` {rule}, got {pair!r}", pair))
                continue
            rrow[year] = (lo, hi)
        if rrow:
            ranges[cid] = dict(sorted(rrow.items()))

    curves: dict[str, Curve] = {c.id: c.curve for c in catalog.categories}
    curves.update({cid: DEFAULT_CURVE for cid in named})
    curves_raw = obj.get("curves", {})
    if not isinstance(curves_raw, dict):
        problems.append(
            Problem(
                (*loc, "curves"),
                "`curves` must be an object of category id to {midpoint, steepness, ceiling}",
                curves_raw,
            )
        )
        curves_raw = {}
    for cid, c in curves_raw.items():
        cloc = (*loc, "curves", cid)
        if unknown_id("curves", cid, cloc):
            continue
        if not isinstance(c, dict):
            problems.append(Problem(cloc, f"`curves.{cid}` must be an object with midpoint, steepness, ceiling", c))
            continue
        extra = [k for k in c if k not in ("midpoint", "steepness", "ceiling")]
        for k in extra:
            problems.append(Problem((*cloc, k), f"unknown field `curves.{cid}.{k}`", k))
        base = curves[cid]
        params = (c.get("midpoint", base.midpoint), c.get("steepness", base.steepness), c.get("ceiling", base.ceiling))
        cp = curve_problems(*params, cloc)
        problems += [Problem(p.loc, f"`curves.{cid}`: {p.msg}", p.value) for p in cp]
        if not cp and not extra:
            curves[cid] = Curve(*(round3(v) for v in params))

    weights: dict[str, float] = {c.id: c.weight for c in catalog.categories}
    weights.update({cid: 1.0 for cid in named})
    weights_raw = obj.get("weights", {})
    if not isinstance(weights_raw, dict):
        problems.append(Problem((*loc, "weights"), "`weights` must be an object of category id to weight", weights_raw))
        weights_raw = {}
    for cid, w in weights_raw.items():
        wloc = (*loc, "weights", cid)
        if unknown_id("weights", cid, wloc):
            continue
        if not is_number(w) or not WEIGHT_RANGE[0] <= w <= WEIGHT_RANGE[1]:
            problems.append(Problem(wloc, f"`weights.{cid}` must be a number in [0, 10], got {w!r}", w))
        else:
            weights[cid] = round3(w)
    problems += weights_problems(weights, estimates, (*loc, "weights"))

    horizon = obj.get("horizon", DEFAULT_HORIZON)
    if not (isinstance(horizon, int) and not isinstance(horizon, bool) and YEAR_RANGE[0] <= horizon <= YEAR_RANGE[1]):
        if isinstance(horizon, float) and horizon.is_integer() and YEAR_RANGE[0] <= horizon <= YEAR_RANGE[1]:
            horizon = int(horizon)
        else:
            problems.append(
                Problem(
                    (*loc, "horizon"),
                    f"`horizon` must be a whole year in {YEAR_RANGE[0]}..{YEAR_RANGE[1]}, got {horizon!r}",
                    horizon,
                )
            )
            horizon = DEFAULT_HORIZON

    title = obj.get("title", "")
    if title is None:
        title = ""
    if not isinstance(title, str):
        problems.append(Problem((*loc, "title"), f"`title` must be a string, got {title!r}", title))
        title = ""
    elif len(title) > MAX_TITLE:
        problems.append(
            Problem((*loc, "title"), f"`title` must be at most {MAX_TITLE} characters, got {len(title)}", title[:100])
        )
        title = ""

    feedback = _bounded(obj, "feedback", DEFAULT_FEEDBACK, FEEDBACK_RANGE, loc, problems)
    rho = _bounded(obj, "rho", DEFAULT_RHO, RHO_RANGE, loc, problems)

    compare = None
    if allow_compare and obj.get("vs") is not None:
        compare = _state_from_json(obj["vs"], catalog, (*loc, "vs"), problems, False)
    if len(problems) > start:
        return None
    return State(
        years=years,
        estimates=estimates,
        curves=curves,
        weights=weights,
        horizon=int(horizon),
        title=clean_title(title),
        feedback=feedback,
        rho=rho,
        ranges=ranges,
        custom=custom,
        compare=compare,
    )


def _year_key(ykey: object) -> int | None:
    if isinstance(ykey, str) and ykey.isascii() and ykey.isdigit() and len(ykey) == 4:
        return int(ykey)
    return None


def _bounded(
    obj: Mapping[str, object],
    key: str,
    default: float,
    bounds: tuple[float, float],
    loc: tuple[str | int, ...],
    problems: list[Problem],
) -> float:
    value = obj.get(key, default)
    if value is None:
        return default
    if not is_number(value) or not bounds[0] <= value <= bounds[1]:  # type: ignore[operator]
        problems.append(
            Problem((*loc, key), f"`{key}` must be a number in [{bounds[0]:g}, {bounds[1]:g}], got {value!r}", value)
        )
        return default
    return round3(value)  # type: ignore[arg-type]


def _custom_from_json(
    raw: object, catalog: Catalog, loc: tuple[str | int, ...], problems: list[Problem]
) -> dict[str, CustomCategory]:
    """The ``custom`` object: up to ten of the user's own categories, ``u1``..``u10``."""
    out: dict[str, CustomCategory] = {}
    if not isinstance(raw, dict):
        problems.append(
            Problem((*loc, "custom"), "`custom` must be an object of id (u1..u10) to {name, group, question}", raw)
        )
        return out
    for cid, entry in raw.items():
        cloc = (*loc, "custom", cid)
        if cid not in CUSTOM_IDS:
            problems.append(Problem(cloc, f"`custom.{cid}`: a custom category id must be one of u1..u10", cid))
            continue
        if not isinstance(entry, dict):
            problems.append(Problem(cloc, f"`custom.{cid}` must be an object with name, group, question", entry))
            continue
        bad = False
        for k in entry:
            if k not in ("name", "group", "question"):
                problems.append(
                    Problem((*cloc, k), f"unknown field `custom.{cid}.{k}`; allowed: group, name, question", k)
                )
                bad = True
        if "name" not in entry:
            problems.append(Problem((*cloc, "name"), f"`custom.{cid}.name` is required", None))
            continue
        fields: dict[str, str] = {}
        for k, limit, required in (
            ("name", MAX_NAME, True),
            ("group", MAX_GROUP, False),
            ("question", MAX_QUESTION, False),
        ):
            if k not in entry or (not required and entry[k] is None):
                continue
            text, rule = text_problem(entry[k], k, limit, required=required)
            if rule:
                problems.append(
                    Problem((*cloc, k), f"`custom.{cid}.{k}` {rule}, got {_shown(entry[k])}", _shown(entry[k]))
                )
                bad = True
            fields[k] = text
        if bad:
            continue
        out[cid] = CustomCategory(
            name=fields["name"], group=fields.get("group") or CUSTOM_GROUP, question=fields.get("question", "")
        )
    problems += names_problems(out, catalog, (*loc, "custom"), "custom.{}.name")
    return {cid: out[cid] for cid in sorted(out, key=custom_order)}


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def names_problems(
    custom: Mapping[str, CustomCategory], catalog: Catalog, loc: tuple[str | int, ...], param: str
) -> list[Problem]:
    """Names must be unique, ignoring case, among all of a state's categories."""
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


def clean_title(title: str) -> str:
    """Collapse white space and drop control characters."""
    return " ".join("".join(ch for ch in title if ch.isprintable() or ch.isspace()).split())


def state_to_json(state: State, catalog: Catalog) -> dict[str, Any]:
    """The JSON form of a state (SPEC sections 4, 7, 8 and 9); lists every
    category's estimates, built-in then custom.

    ``curves`` and ``weights`` list only the categories whose values differ
    from the catalog's (for a custom category: from 0.5, 10, 1 and 1);
    ``ranges`` only the estimates that have one.
    """
    ids = category_ids(state, catalog)
    base_curve = {c.id: c.curve for c in catalog.categories}
    base_weight = {c.id: c.weight for c in catalog.categories}
    out: dict[str, Any] = {
        "years": list(state.years),
        "estimates": {cid: {str(y): x for y, x in state.estimates.get(cid, {}).items()} for cid in ids},
        "curves": {
            cid: state.curves[cid].as_dict() for cid in ids if state.curves[cid] != base_curve.get(cid, DEFAULT_CURVE)
        },
        "weights": {cid: state.weights[cid] for cid in ids if state.weights[cid] != base_weight.get(cid, 1.0)},
        "ranges": {
            cid: {str(y): [lo, hi] for y, (lo, hi) in state.ranges[cid].items()} for cid in ids if state.ranges.get(cid)
        },
        "custom": {cid: state.custom[cid].as_dict() for cid in ids if cid in state.custom},
        "horizon": state.horizon,
        "feedback": state.feedback,
        "rho": state.rho,
        "title": state.title,
    }
    if state.compare is not None:
        out["vs"] = state_to_json(state.compare, catalog)
    return out
