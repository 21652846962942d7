"""The state: years, positions per category and year, curve and weight
overrides, horizon and title, and optionally a second state to compare against.

A :class:`State` always holds every category of the catalog, with its
effective curve and weight; it is built by :func:`state_from_json` or
:func:`scurve.permalink.parse_query`, never by hand from untrusted input.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from .catalog import WEIGHT_RANGE, YEAR_RANGE, Catalog, is_number, years_problems
from .curve import Curve, curve_problems
from .errors import Problem, StateError

DEFAULT_HORIZON = 2030
MAX_TITLE = 80
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
class State:
    """One view of where AI stands: positions per category and year.

    ``estimates`` maps every category id to ``{year: position}``; a year left
    out means "no estimate".  ``curves`` and ``weights`` hold every category's
    effective values.
    """

    years: tuple[int, ...]
    estimates: Mapping[str, Mapping[int, float]]
    curves: Mapping[str, Curve]
    weights: Mapping[str, float]
    horizon: int = DEFAULT_HORIZON
    title: str = ""
    compare: State | None = field(default=None, compare=True)


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
    allowed = {"years", "estimates", "curves", "weights", "horizon", "title"}
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

    estimates: dict[str, dict[int, float]] = {}
    est_raw = obj.get("estimates", {})
    if not isinstance(est_raw, dict):
        problems.append(
            Problem((*loc, "estimates"), "`estimates` must be an object of category id to {year: position}", est_raw)
        )
        est_raw = {}
    for cid, per_year in est_raw.items():
        eloc = (*loc, "estimates", cid)
        if cid not in catalog.ids:
            problems.append(Problem(eloc, f"unknown category id `{cid}`", cid))
            continue
        if not isinstance(per_year, dict):
            problems.append(Problem(eloc, f"`estimates.{cid}` must be an object of year to position", per_year))
            continue
        row: dict[int, float] = {}
        for ykey, x in per_year.items():
            yloc = (*eloc, ykey)
            year = int(ykey) if isinstance(ykey, str) and ykey.isascii() and ykey.isdigit() and len(ykey) == 4 else None
            if year is None or year not in years:
                problems.append(
                    Problem(yloc, f"`estimates.{cid}` year {ykey!r} must be one of the years {list(years)}", ykey)
                )
                continue
            if x is None:
                continue
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

    curves: dict[str, Curve] = {c.id: c.curve for c in catalog.categories}
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
        if cid not in catalog.ids:
            problems.append(Problem(cloc, f"unknown category id `{cid}`", cid))
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
    weights_raw = obj.get("weights", {})
    if not isinstance(weights_raw, dict):
        problems.append(Problem((*loc, "weights"), "`weights` must be an object of category id to weight", weights_raw))
        weights_raw = {}
    for cid, w in weights_raw.items():
        wloc = (*loc, "weights", cid)
        if cid not in catalog.ids:
            problems.append(Problem(wloc, f"unknown category id `{cid}`", cid))
        elif not is_number(w) or not WEIGHT_RANGE[0] <= w <= WEIGHT_RANGE[1]:
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
        compare=compare,
    )


def clean_title(title: str) -> str:
    """Collapse white space and drop control characters."""
    return " ".join("".join(ch for ch in title if ch.isprintable() or ch.isspace()).split())


def state_to_json(state: State, catalog: Catalog) -> dict[str, Any]:
    """The JSON form of a state (SPEC section 4); lists every category's estimates.

    ``curves`` and ``weights`` list only the categories whose values differ
    from the catalog's.
    """
    out: dict[str, Any] = {
        "years": list(state.years),
        "estimates": {c.id: {str(y): x for y, x in state.estimates[c.id].items()} for c in catalog.categories},
        "curves": {c.id: state.curves[c.id].as_dict() for c in catalog.categories if state.curves[c.id] != c.curve},
        "weights": {c.id: state.weights[c.id] for c in catalog.categories if state.weights[c.id] != c.weight},
        "horizon": state.horizon,
        "title": state.title,
    }
    if state.compare is not None:
        out["vs"] = state_to_json(state.compare, catalog)
    return out
