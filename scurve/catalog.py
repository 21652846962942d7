"""Load and validate ``data/categories.yaml``.

The file is checked whole when the app starts: a missing required field, a
wrong type, an unknown or duplicated id, a position outside [0, 1] or an
`anchors` mapping without exactly its three short texts raises
:class:`~scurve.errors.CatalogError` whose message names the file, the entry
and the field.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .curve import Curve, curve_problems
from .errors import CatalogError, Problem

#: The public category ids (docs/DESIGN.md §2).  Never rename one.
CATEGORY_IDS: tuple[str, ...] = (
    "bug_fixes",
    "supporting_structures",
    "automated_experiments",
    "closed_loop_optimisation",
    "chip_design",
    "supercomputer_infrastructure",
    "data_cleaning_ordering",
    "synthetic_data",
    "surfacing_ideas",
    "qualitative_research",
)

YEAR_RANGE = (2000, 2100)
MAX_YEARS = 10
WEIGHT_RANGE = (0.0, 10.0)
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
#: The keys a category entry may have (`curve` and `weight` are optional).
ENTRY_KEYS = ("id", "name", "group", "question", "description", "curve", "weight", "defaults", "anchors")
#: The positions an entry's `anchors` describe, and the longest text allowed
#: (an anchor is a tick's tooltip and a readout's "near: ..." line).
ANCHOR_POSITIONS: tuple[float, ...] = (0.25, 0.5, 0.75)
ANCHOR_MAX_CHARS = 100


@dataclass(frozen=True)
class Category:
    """One task category with its curve, weight and default positions."""

    id: str
    name: str
    group: str
    question: str
    description: str
    curve: Curve
    weight: float
    defaults: Mapping[int, float]
    #: What AI can do on the task at positions 0.25, 0.5 and 0.75, in that order.
    anchors: tuple[str, str, str] = ("", "", "")

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "group": self.group,
            "question": self.question,
            "description": self.description,
            "curve": self.curve.as_dict(),
            "weight": self.weight,
            "defaults": {str(y): x for y, x in self.defaults.items()},
            "anchors": {str(x): text for x, text in zip(ANCHOR_POSITIONS, self.anchors, strict=True)},
        }


@dataclass(frozen=True)
class Catalog:
    """The categories in file order, and the default years."""

    years: tuple[int, ...]
    categories: tuple[Category, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)

    def get(self, category_id: str) -> Category:
        for c in self.categories:
            if c.id == category_id:
                return c
        raise KeyError(category_id)

    @property
    def groups(self) -> tuple[str, ...]:
        seen: list[str] = []
        for c in self.categories:
            if c.group not in seen:
                seen.append(c.group)
        return tuple(seen)

    def as_dict(self) -> dict[str, Any]:
        return {"years": list(self.years), "categories": [c.as_dict() for c in self.categories]}


def is_number(value: object) -> bool:
    """True for a finite int or float that is not a bool.

    An int is always finite (and ``math.isfinite`` overflows on a huge one).

    >>> is_number(10**400), is_number(float("inf")), is_number(True)
    (True, False, False)
    """
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


def years_problems(years: object, loc: tuple[str | int, ...]) -> list[Problem]:
    """Rule for a years list: 1 to 10 distinct ascending integers in 2000..2100."""
    rule = f"1 to {MAX_YEARS} distinct ascending years in {YEAR_RANGE[0]}..{YEAR_RANGE[1]}"
    if not isinstance(years, list | tuple) or not years:
        return [Problem(loc, f"`years` must be a list of {rule}, got {years!r}", years)]
    ok = (
        len(years) <= MAX_YEARS
        and all(isinstance(y, int) and not isinstance(y, bool) for y in years)
        and all(YEAR_RANGE[0] <= y <= YEAR_RANGE[1] for y in years)
        and all(a < b for a, b in itertools.pairwise(years))
    )
    if not ok:
        shown = ",".join(str(y) for y in years)
        return [Problem(loc, f"`years` must be {rule}, got {shown}", list(years))]
    return []


class _Checker:
    """Collects problems for one YAML entry, naming file, entry and field."""

    def __init__(self, path: str, entry: str):
        self.path = path
        self.entry = entry
        self.problems: list[Problem] = []

    def add(self, loc: tuple[str | int, ...], field: str, rule: str, value: object) -> None:
        self.problems.append(Problem(loc, f"{self.path}: {self.entry}: `{field}` {rule}, got {value!r}", value))

    def missing(self, loc: tuple[str | int, ...], field: str) -> None:
        self.problems.append(Problem(loc, f"{self.path}: {self.entry}: missing required field `{field}`"))

    def text(self, raw: Mapping[str, Any], field: str, loc: tuple[str | int, ...]) -> str:
        if field not in raw:
            self.problems.append(Problem((*loc, field), f"{self.path}: {self.entry}: missing required field `{field}`"))
            return ""
        value = raw[field]
        if not isinstance(value, str) or not value.strip():
            self.add((*loc, field), field, "must be a non-empty string", value)
            return ""
        return value.strip()


def _anchor_key(key: object) -> float | None:
    """The position a key of `anchors` names: 0.25, 0.5 or 0.75 (YAML reads
    them as numbers; quoted keys are accepted too), else None."""
    if isinstance(key, bool):
        return None
    if isinstance(key, str):
        try:
            key = float(key)
        except ValueError:
            return None
    return float(key) if isinstance(key, int | float) and float(key) in ANCHOR_POSITIONS else None


def _anchors(raw: Mapping[str, Any], check: _Checker, loc: tuple[str | int, ...]) -> tuple[str, str, str]:
    """Rule for `anchors`: a mapping with exactly the keys 0.25, 0.5 and 0.75,
    each a non-empty text of at most ANCHOR_MAX_CHARS characters."""
    if "anchors" not in raw:
        check.problems.append(
            Problem((*loc, "anchors"), f"{check.path}: {check.entry}: missing required field `anchors`")
        )
        return ("", "", "")
    value = raw["anchors"]
    rule = "must be a mapping with exactly the keys 0.25, 0.5 and 0.75"
    if not isinstance(value, dict):
        check.add((*loc, "anchors"), "anchors", rule, value)
        return ("", "", "")
    texts: dict[float, str] = {}
    for key, text in value.items():
        x = _anchor_key(key)
        if x is None or x in texts:
            check.add((*loc, "anchors", str(key)), "anchors", f"{rule}; not {key!r}", key)
            continue
        field = f"anchors.{x:g}"
        if not isinstance(text, str) or not text.strip():
            check.add((*loc, "anchors", str(x)), field, "must be a non-empty string", text)
        elif len(text.strip()) > ANCHOR_MAX_CHARS or "\n" in text.strip():
            check.add(
                (*loc, "anchors", str(x)), field, f"must be one line of at most {ANCHOR_MAX_CHARS} characters", text
            )
        texts[x] = text.strip() if isinstance(text, str) else ""
    for x in ANCHOR_POSITIONS:
        if x not in texts:
            check.problems.append(
                Problem(
                    (*loc, "anchors", str(x)), f"{check.path}: {check.entry}: missing required field `anchors.{x:g}`"
                )
            )
    return (texts.get(0.25, ""), texts.get(0.5, ""), texts.get(0.75, ""))


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogError(Problem((str(path),), f"{path}: cannot read: {exc.strerror}")) from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise CatalogError(Problem((str(path),), f"{path}: not valid YAML{where}")) from exc


def load_catalog(path: Path | str | None = None) -> Catalog:
    """Read and validate the categories file.

    Parameters
    ----------
    path : path, optional
        Defaults to ``data/categories.yaml`` beside the package.

    Raises
    ------
    CatalogError
        Naming the file, the entry and the field of every problem found.
    """
    path = Path(path) if path is not None else DEFAULT_DATA_DIR / "categories.yaml"
    raw = _read_yaml(path)
    name = str(path)
    if not isinstance(raw, dict):
        raise CatalogError(Problem((), f"{name}: must be a mapping with `years` and `categories`"))
    problems: list[Problem] = []
    years = _catalog_years(raw.get("years"), name, problems)
    cats_raw = raw.get("categories")
    if not isinstance(cats_raw, list) or not cats_raw:
        problems.append(Problem(("categories",), f"{name}: `categories` must be a non-empty list"))
        raise CatalogError(problems)
    categories: list[Category] = []
    seen: set[str] = set()
    for i, entry in enumerate(cats_raw):
        cid = entry.get("id") if isinstance(entry, dict) else None
        label = f"categories[{i}]" + (f" (id {cid!r})" if isinstance(cid, str) else "")
        check = _Checker(name, label)
        category = _category(entry, ("categories", i), years, seen, check)
        problems += check.problems
        if category is not None and not check.problems:
            categories.append(category)
    missing = [c for c in CATEGORY_IDS if c not in seen]
    if missing and not problems:
        problems.append(Problem(("categories",), f"{name}: missing categories: {', '.join(missing)}", missing))
    if problems:
        # Each message starts with the file's name; the summary names it once.
        raise CatalogError(
            problems, summary=f"{name} is invalid: " + "; ".join(p.msg.removeprefix(f"{name}: ") for p in problems)
        )
    return Catalog(years=years, categories=tuple(categories))


def _catalog_years(years_raw: object, name: str, problems: list[Problem]) -> tuple[int, ...]:
    """The file's `years`, or () with its problems added."""
    if years_raw is None:
        problems.append(Problem(("years",), f"{name}: missing required field `years`"))
        return ()
    yp = years_problems(years_raw, ("years",))
    problems += [Problem(p.loc, f"{name}: {p.msg}", p.value) for p in yp]
    return tuple(years_raw) if not yp else ()  # type: ignore[arg-type]


def _category(
    entry: object, loc: tuple[str | int, ...], years: tuple[int, ...], seen: set[str], check: _Checker
) -> Category | None:
    """One entry of `categories`, its problems added to ``check``."""
    if not isinstance(entry, dict):
        check.add(loc, "entry", "must be a mapping", entry)
        return None
    # A misspelt optional key (`wieght`) would otherwise be dropped in silence.
    for key in entry:
        if key not in ENTRY_KEYS:
            check.add((*loc, str(key)), str(key), f"is not a known field; allowed: {', '.join(ENTRY_KEYS)}", key)
    cid = entry.get("id")
    if "id" not in entry:
        check.missing((*loc, "id"), "id")
    elif cid not in CATEGORY_IDS:
        check.add((*loc, "id"), "id", f"must be one of {', '.join(CATEGORY_IDS)}", cid)
    elif cid in seen:
        check.add((*loc, "id"), "id", "is duplicated", cid)
    else:
        seen.add(cid)
    texts = {f: check.text(entry, f, loc) for f in ("name", "group", "question", "description")}
    curve = _entry_curve(entry, loc, check)
    weight = entry.get("weight", 1)
    if not is_number(weight) or not WEIGHT_RANGE[0] <= weight <= WEIGHT_RANGE[1]:
        check.add((*loc, "weight"), "weight", "must be a number in [0, 10]", weight)
        weight = 1
    defaults = _entry_defaults(entry, loc, years, check)
    anchors = _anchors(entry, check, loc)
    return Category(
        id=str(cid),
        name=texts["name"],
        group=texts["group"],
        question=texts["question"],
        description=texts["description"],
        curve=curve,
        weight=float(weight),
        defaults=dict(sorted(defaults.items())),
        anchors=anchors,
    )


def _entry_curve(entry: dict[str, Any], loc: tuple[str | int, ...], check: _Checker) -> Curve:
    """The entry's `curve`, or the default curve (with its problems added)."""
    if "curve" not in entry:
        return Curve()
    c = entry["curve"]
    if not isinstance(c, dict):
        check.add((*loc, "curve"), "curve", "must be a mapping of midpoint, steepness, ceiling", c)
        return Curve()
    unknown = set(c) - {"midpoint", "steepness", "ceiling"}
    if unknown:
        check.add((*loc, "curve"), "curve", "has unknown keys", sorted(map(str, unknown)))
    params = (c.get("midpoint", 0.5), c.get("steepness", 10), c.get("ceiling", 1))
    cp = curve_problems(*params, (*loc, "curve"))
    for p in cp:
        check.problems.append(Problem(p.loc, f"{check.path}: {check.entry}: curve {p.msg}", p.value))
    return Curve() if cp else Curve(float(params[0]), float(params[1]), float(params[2]))


def _entry_defaults(
    entry: dict[str, Any], loc: tuple[str | int, ...], years: tuple[int, ...], check: _Checker
) -> dict[int, float]:
    """The entry's `defaults`, one position for each of the file's years."""
    defaults: dict[int, float] = {}
    d = entry.get("defaults")
    if d is None:
        check.missing((*loc, "defaults"), "defaults")
        return defaults
    if not isinstance(d, dict):
        check.add((*loc, "defaults"), "defaults", "must be a mapping of year to position", d)
        return defaults
    for key, x in d.items():
        try:
            year = int(key)
        except (TypeError, ValueError):
            check.add((*loc, "defaults", str(key)), f"defaults.{key}", "must be keyed by year", key)
            continue
        if years and year not in years:
            check.add((*loc, "defaults", year), f"defaults.{year}", f"must be one of the years {list(years)}", year)
        elif not is_number(x) or not 0.0 <= x <= 1.0:
            check.add((*loc, "defaults", year), f"defaults.{year}", "must be a position in [0, 1]", x)
        else:
            defaults[year] = float(x)
    for year in years:
        if year not in defaults and not any(p.loc[-1:] == (year,) for p in check.problems):
            check.missing((*loc, "defaults", year), f"defaults.{year}")
    return defaults
