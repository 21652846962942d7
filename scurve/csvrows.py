"""The rows of an imported CSV, read one at a time into a state.

:class:`Rows` checks each row's cells (every problem named by its line and
column, as a spreadsheet numbers them) and gathers what the state needs:
positions, ranges, curves and weights per category, the text of the user's
own categories, and the settings, which every row repeats and which must
agree from row to row.  :mod:`scurve.csvio` reads the table and calls it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from .catalog import YEAR_RANGE, Catalog
from .curve import DEFAULT_CURVE, Curve, curve_problems
from .errors import Problem
from .fields import CUSTOM_IDS, WEIGHT, CustomField, Setting
from .kinds import Invalid, cell_decimal, round3
from .state import (
    CustomCategory,
    State,
    custom_order,
    defaults_for,
    names_problems,
    range_rule,
    text_problem,
    weights_problems,
)

_CURVE_COLUMNS = ("midpoint", "steepness", "ceiling")


def col_letter(index: int) -> str:
    """A spreadsheet's name of a column: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class Rows:
    """What the rows of one CSV say, and every problem with them."""

    def __init__(
        self,
        names: list[str],
        catalog: Catalog,
        settings: Sequence[Setting],
        custom_fields: Sequence[CustomField],
        unescape: Callable[[str], str],
    ):
        self.cols = {n: i for i, n in reversed(list(enumerate(names)))}
        self.catalog, self.settings, self.custom_fields, self.unescape = catalog, settings, custom_fields, unescape
        self.problems: list[Problem] = []
        self.n_rows = 0
        self.positions: dict[str, dict[int, float]] = {}
        self.ranges: dict[str, dict[int, tuple[float, float]]] = {}
        self.custom_seen: dict[str, tuple[int, tuple[str, ...]]] = {}
        self.seen: dict[tuple[str, int], int] = {}  # (id, year) -> line
        self.declared: set[str] = set()  # categories with a row
        self.curve_seen: dict[str, tuple[int, tuple[float, float, float]]] = {}
        self.weight_seen: dict[str, tuple[int, float]] = {}
        self.setting_seen: dict[str, tuple[int, str, Any]] = {}

    # -- cells ---------------------------------------------------------------------
    def cell(self, row: list[str], name: str) -> str | None:
        i = self.cols.get(name)
        if i is None or i >= len(row):
            return None
        return row[i].strip()

    def bad(self, line: int, name: str, msg: str, value: object = None, *, column: bool = True) -> None:
        col = self.cols.get(name) if column else None
        where = f"line {line}" + (f", column {col_letter(col)} ({name})" if col is not None else "")
        self.problems.append(Problem(("line", line, name), f"{where}: {msg}", value))

    # -- one row -------------------------------------------------------------------
    def row(self, line: int, row: list[str]) -> None:
        self.n_rows += 1
        cid, cid_ok = self.category(line, row)
        ytext, ptext = self.cell(row, "year") or "", self.cell(row, "position") or ""
        # A row with neither year nor position declares a category with no estimate.
        declares_only = not ytext and not ptext
        year = None if declares_only else self.year(line, ytext)
        d = None if declares_only else self.position(line, ptext)
        if cid_ok:
            self.declared.add(cid)
        if cid_ok and year is not None:
            if (cid, year) in self.seen:
                self.bad(line, "year", f"{cid} {year} is repeated (first on line {self.seen[(cid, year)]})", year)
            else:
                self.seen[(cid, year)] = line
                if d is not None:
                    self.positions.setdefault(cid, {})[year] = round3(d)
        self.range(line, row, cid if cid_ok and year is not None and d is not None else None, year, d)
        self.curve(line, row, cid if cid_ok else None)
        self.weight(line, row, cid if cid_ok else None)
        self.setting_cells(line, row)

    def category(self, line: int, row: list[str]) -> tuple[str, bool]:
        cid = self.cell(row, "category_id") or ""
        if cid in CUSTOM_IDS:
            return cid, self.custom_texts(line, row, cid)
        if cid not in self.catalog.ids:
            known = ", ".join(self.catalog.ids)
            self.bad(line, "category_id", f"unknown category id {cid!r}; known: {known}, or u1..u10 for your own", cid)
            return cid, False
        return cid, True

    def custom_texts(self, line: int, row: list[str], cid: str) -> bool:
        texts: list[str] = []
        for f in self.custom_fields:
            raw = self.cell(row, f.csv)
            text, rule = text_problem(self.unescape(raw or ""), f.csv, f.max_length, required=f.required)
            if rule:
                msg = f"your category {cid} needs a name: {rule}" if f.required else f"the {f.json} of {cid} {rule}"
                self.bad(line, f.csv, msg, raw)
                return False
            texts.append(text or f.default)
        first = self.custom_seen.setdefault(cid, (line, tuple(texts)))
        if first[1] != tuple(texts):
            *others, last = [f.json for f in self.custom_fields]
            what = f"{', '.join(others)} or {last}"
            self.bad(line, "category", f"the {what} of {cid} differs from line {first[0]}", texts[0])
            return False
        return True

    def year(self, line: int, ytext: str) -> int | None:
        year = int(ytext) if ytext.isascii() and ytext.isdigit() and len(ytext) == 4 else None
        if year is None or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
            rule = f"year must be a whole year in {YEAR_RANGE[0]}..{YEAR_RANGE[1]}, got {ytext!r}"
            self.bad(line, "year", rule, ytext)
            return None
        return year

    def position(self, line: int, ptext: str) -> Decimal | None:
        d = cell_decimal(ptext)
        if d is None or not 0 <= d <= 1:
            self.bad(line, "position", f"position must be a number in [0, 1], got {ptext!r}", ptext)
            return None
        return d

    def range(self, line: int, row: list[str], cid: str | None, year: int | None, d: Decimal | None) -> None:
        """``low`` and ``high``; kept for ``cid`` (None: checked only)."""
        low_text, high_text = self.cell(row, "low") or "", self.cell(row, "high") or ""
        if not low_text and not high_text:
            return
        if not low_text or not high_text:
            name = "low" if not low_text else "high"
            self.bad(line, name, f"a range needs both low and high; {name} is empty")
            return
        lo_d, hi_d = cell_decimal(low_text), cell_decimal(high_text)
        for name, text, dv in (("low", low_text, lo_d), ("high", high_text, hi_d)):
            if dv is None:
                self.bad(line, name, f"{name} must be a number in [0, 1], got {text!r}", text)
        if lo_d is None or hi_d is None:
            return
        lo, hi = round3(lo_d), round3(hi_d)
        why = range_rule(None if d is None else round3(d), lo, hi)
        if why:
            self.bad(line, "low", f"the range [{low_text}, {high_text}] {why}", [low_text, high_text])
        elif cid is not None and year is not None:
            self.ranges.setdefault(cid, {})[year] = (lo, hi)

    def curve(self, line: int, row: list[str], cid: str | None) -> None:
        params = [self.cell(row, n) for n in _CURVE_COLUMNS]
        if not any(params):
            return
        nums = [cell_decimal(p or "") for p in params]
        if any(n is None for n in nums):
            for name, p, n in zip(_CURVE_COLUMNS, params, nums, strict=True):
                if n is None:
                    self.bad(line, name, f"{name} must be a number, got {p!r}", p)
            return
        m, k, ceil = (float(n) for n in nums if n is not None)
        cp = curve_problems(m, k, ceil, ())
        for broken in cp:
            self.bad(line, str(broken.loc[-1]), broken.msg.replace("`", ""), broken.value)
        if cid is None or cp:
            return
        trio = (round3(m), round3(k), round3(ceil))
        first = self.curve_seen.setdefault(cid, (line, trio))
        if first[1] != trio:
            self.bad(line, "midpoint", f"the curve of {cid} differs from line {first[0]}", list(trio))

    def weight(self, line: int, row: list[str], cid: str | None) -> None:
        wtext = self.cell(row, "weight")
        if not wtext:
            return
        try:
            wv = WEIGHT.read_cell(wtext)
        except Invalid as bad:
            self.bad(line, "weight", f"weight {bad.rule}, got {wtext!r}", wtext)
            return
        if cid is None:
            return
        first = self.weight_seen.setdefault(cid, (line, wv))
        if first[1] != wv:
            self.bad(line, "weight", f"the weight of {cid} differs from line {first[0]}", wv)

    def setting_cells(self, line: int, row: list[str]) -> None:
        """The settings, repeated on every row: an empty cell says nothing;
        the first value given holds and a different one later is a problem."""
        for s in self.settings:
            text = self.unescape(self.cell(row, s.json) or "")
            if not text:
                continue
            first = self.setting_seen.get(s.attr)
            if first is not None:
                if first[1] != text:
                    self.bad(line, s.json, f"the {s.json} differs from line {first[0]}", text)
                continue
            value = None
            try:
                value = s.kind.read_cell(text)
            except Invalid as bad:
                self.bad(line, s.json, f"{s.json} {bad.rule}, got {text!r}", text)
            self.setting_seen[s.attr] = (line, text, value)

    # -- the state -------------------------------------------------------------------
    def defaulted(self) -> tuple[str, ...]:
        """JSON keys of the settings this CSV has no column for (``years`` comes from the rows)."""
        return tuple(s.json for s in self.settings if s.json not in self.cols and s.attr != "years")

    def setting_values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for s in self.settings:
            seen = self.setting_seen.get(s.attr)
            if seen is not None and seen[2] is not None:
                out[s.attr] = seen[2]
            elif s.default is not None:
                out[s.attr] = s.default
        return out

    def years(self, settings: dict[str, Any], max_years: int) -> tuple[int, ...]:
        """The ``years`` column where given (every row's year must be one of
        them), else the distinct years of the rows."""
        if "years" not in settings:
            years = tuple(sorted({y for (_, y) in self.seen}))
            if len(years) > max_years:
                self.problems.append(
                    Problem(("year",), f"the CSV has {len(years)} distinct years; at most {max_years} are allowed", list(years))
                )
            elif not years and self.n_rows and not self.problems:
                self.problems.append(
                    Problem(("year",), "the CSV estimates no year: give a row with a year, or a `years` column", None)
                )
            return years
        years = settings.pop("years")
        for (cid, y), line in self.seen.items():
            if y not in years:
                self.bad(line, "year", f"{cid} {y} is not one of the years {','.join(map(str, years))} (column years)", y)
        return tuple(years)

    def state(self, max_years: int) -> tuple[State | None, list[str]]:
        settings = self.setting_values()
        years = self.years(settings, max_years)
        warnings: list[str] = []
        estimates: dict[str, dict[int, float]] = {}
        for c in self.catalog.categories:
            if c.id in self.declared:
                estimates[c.id] = dict(sorted(self.positions.get(c.id, {}).items()))
            else:
                estimates[c.id] = defaults_for(c.defaults, years)
                if self.n_rows:
                    warnings.append(f"the CSV has no rows for {c.name} ({c.id}): it takes its default positions")
        custom = self.custom()
        for cid in custom:
            estimates[cid] = dict(sorted(self.positions.get(cid, {}).items()))
        curves = {c.id: self._curve_of(c.id, c.curve) for c in self.catalog.categories}
        curves.update({cid: self._curve_of(cid, DEFAULT_CURVE) for cid in custom})
        weights = {c.id: self._weight_of(c.id, c.weight) for c in self.catalog.categories}
        weights.update({cid: self._weight_of(cid, 1.0) for cid in custom})
        self.problems += weights_problems(weights, ("weight",))
        if self.problems:
            return None, warnings
        ranges = {cid: dict(sorted(r.items())) for cid, r in self.ranges.items()}
        state = State(
            years=years, estimates=estimates, curves=curves, weights=weights, ranges=ranges, custom=custom, **settings
        )
        return state, warnings

    def custom(self) -> dict[str, CustomCategory]:
        attrs = [f.attr for f in self.custom_fields]
        custom = {
            cid: CustomCategory(**dict(zip(attrs, self.custom_seen[cid][1], strict=True)))
            for cid in sorted(self.custom_seen, key=custom_order)
        }
        for p in names_problems(custom, self.catalog, (), "{}"):
            cid = str(p.loc[0])
            self.bad(self.custom_seen[cid][0], "category", p.msg.replace("`", ""), p.value)
        return custom

    def _curve_of(self, cid: str, base: Curve) -> Curve:
        return Curve(*self.curve_seen[cid][1]) if cid in self.curve_seen else base

    def _weight_of(self, cid: str, base: float) -> float:
        return self.weight_seen[cid][1] if cid in self.weight_seen else base
