"""CSV export of an analysis and CSV import of a state (SPEC section 5)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from .analysis import Analysis
from .catalog import MAX_YEARS, WEIGHT_RANGE, YEAR_RANGE, Catalog
from .curve import DEFAULT_CURVE, Curve, curve_problems
from .errors import ImportFileError, Problem, TooLargeError
from .permalink import _decimal
from .state import (
    CUSTOM_GROUP,
    CUSTOM_IDS,
    MAX_GROUP,
    MAX_NAME,
    CustomCategory,
    State,
    custom_order,
    defaults_for,
    names_problems,
    range_rule,
    round3,
    text_problem,
    weights_problems,
)

HEADER = (
    "category_id",
    "category",
    "group",
    "year",
    "position",
    "uplift",
    "slope",
    "relative_slope",
    "phase",
    "supercritical",
    "midpoint",
    "steepness",
    "ceiling",
    "weight",
    "low",
    "high",
)
REQUIRED = ("category_id", "year", "position")
MAX_BYTES = 1024 * 1024
MAX_ROWS = 1000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A plain number (``-0.25``, ``+3``, ``1e-3``) is read by a spreadsheet as that
# number, never as a formula, so it keeps its sign and stays a number.
_PLAIN_NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$")  # ASCII digits only


def escape_formula(text: str) -> str:
    """Make a text cell safe to open in a spreadsheet: a cell a spreadsheet
    would read as a formula (a leading ``=``, ``+``, ``-``, ``@``, tab or
    carriage return) gets a leading apostrophe; plain numbers stay as they are.

    >>> escape_formula("=1+1"), escape_formula("Bug fixes"), escape_formula("-0.5")
    ("'=1+1", 'Bug fixes', '-0.5')
    """
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def write_csv(analysis: Analysis) -> str:
    """One row per category and estimated year, in catalog then year order.

    Positions have 3 decimals, other numbers 4, booleans are ``true`` /
    ``false``, lines end in CRLF; text cells are formula-escaped.
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HEADER)
    ranges = analysis.state.ranges
    for c in analysis.categories:
        own = ranges.get(c.id, {})
        for p in c.points:
            rng = own.get(p.year)
            w.writerow(
                (
                    escape_formula(c.id),
                    escape_formula(c.name),
                    escape_formula(c.group),
                    p.year,
                    f"{p.position:.3f}",
                    f"{p.uplift:.4f}",
                    f"{p.slope:.4f}",
                    f"{p.relative_slope:.4f}",
                    escape_formula(p.phase),
                    "true" if p.supercritical else "false",
                    f"{c.curve.midpoint:.4f}",
                    f"{c.curve.steepness:.4f}",
                    f"{c.curve.ceiling:.4f}",
                    f"{c.weight:.4f}",
                    "" if rng is None else f"{rng[0]:.3f}",
                    "" if rng is None else f"{rng[1]:.3f}",
                )
            )
    return buf.getvalue()


@dataclass(frozen=True)
class ImportResult:
    state: State
    warnings: tuple[str, ...]


def _col_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def decode_csv(data: bytes) -> str:
    """Bytes to text: at most 1 MiB of UTF-8, with or without a BOM."""
    if len(data) > MAX_BYTES:
        raise TooLargeError(
            Problem(("body",), f"the CSV is {len(data)} bytes; the limit is {MAX_BYTES} bytes (1 MiB)", len(data))
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            Problem(("line", line), f"line {line}: the file is not UTF-8 text (byte {exc.start})", None)
        ) from exc
    return text.removeprefix("\ufeff")


def read_csv(data: bytes | str, catalog: Catalog) -> ImportResult:
    """Read a CSV in the export form into a state.

    ``category_id``, ``year`` and ``position`` are required; ``midpoint``,
    ``steepness``, ``ceiling`` and ``weight`` are read when present; other
    columns are ignored.  Every problem is reported with its line (the header
    is line 1) and column.  A category with no rows takes its defaults, with
    a warning.

    Raises
    ------
    ImportFileError
        Listing every problem found.
    TooLargeError
        Over 1 MiB or 1,000 rows.
    """
    text = decode_csv(data) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise TooLargeError(Problem(("body",), f"the CSV is over the limit of {MAX_BYTES} bytes (1 MiB)", None))
    if "\x00" in text:
        raise ImportFileError(Problem(("body",), "the file contains NUL bytes: it is not a CSV text file", None))
    reader = csv.reader(io.StringIO(text, newline=""))
    problems: list[Problem] = []

    def bad(line: int, col: int | None, name: str, msg: str, value: object = None) -> None:
        where = f"line {line}" + (f", column {_col_letter(col)} ({name})" if col is not None else "")
        problems.append(Problem(("line", line, name), f"{where}: {msg}", value))

    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError(
            Problem(("line", 1), "line 1: the file is empty; expected a header with category_id,year,position", None)
        ) from None
    except csv.Error as exc:
        raise ImportFileError(Problem(("line", 1), f"line 1: not valid CSV ({exc})", None)) from None
    names = [h.strip().lower() for h in header]
    cols = {n: i for i, n in reversed(list(enumerate(names)))}
    missing = [r for r in REQUIRED if r not in cols]
    if missing:
        raise ImportFileError(
            Problem(
                ("line", 1, "header"),
                f"line 1: the header lacks the required column(s) {', '.join(missing)}; it has {','.join(header)[:200]!r}",
                header[:20],
            )
        )

    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            rows.append((reader.line_num, row))
            if len(rows) > MAX_ROWS:
                raise TooLargeError(
                    Problem(("rows",), f"the CSV has more than {MAX_ROWS} rows; the limit is {MAX_ROWS}", None)
                )
    except csv.Error as exc:
        raise ImportFileError(
            Problem(("line", reader.line_num), f"line {reader.line_num}: not valid CSV ({exc})", None)
        ) from None

    def cell(row: list[str], name: str) -> str | None:
        i = cols.get(name)
        if i is None or i >= len(row):
            return None
        return row[i].strip()

    positions: dict[str, dict[int, float]] = {}
    ranges: dict[str, dict[int, tuple[float, float]]] = {}
    custom_seen: dict[str, tuple[int, str, str]] = {}
    seen: dict[tuple[str, int], int] = {}
    curve_seen: dict[str, tuple[int, tuple[float, float, float]]] = {}
    weight_seen: dict[str, tuple[int, float]] = {}
    for line, row in rows:
        cid = cell(row, "category_id") or ""
        cid_ok = cid in catalog.ids or cid in CUSTOM_IDS
        if not cid_ok:
            bad(
                line,
                cols["category_id"],
                "category_id",
                f"unknown category id {cid!r}; known: {', '.join(catalog.ids)}, or u1..u10 for your own",
                cid,
            )
        elif cid in CUSTOM_IDS:
            raw_name = cell(row, "category")
            name, rule = text_problem(raw_name or "", "category", MAX_NAME, required=True)
            group, grule = text_problem(cell(row, "group") or "", "group", MAX_GROUP, required=False)
            if rule:
                bad(line, cols.get("category"), "category", f"your category {cid} needs a name: {rule}", raw_name)
                cid_ok = False
            elif grule:
                bad(line, cols.get("group"), "group", f"the group of {cid} {grule}", cell(row, "group"))
                cid_ok = False
            elif cid in custom_seen and custom_seen[cid][1:] != (name, group or CUSTOM_GROUP):
                bad(
                    line,
                    cols.get("category"),
                    "category",
                    f"the name or group of {cid} differs from line {custom_seen[cid][0]}",
                    name,
                )
                cid_ok = False
            else:
                custom_seen.setdefault(cid, (line, name, group or CUSTOM_GROUP))
        ytext = cell(row, "year") or ""
        year = int(ytext) if ytext.isascii() and ytext.isdigit() and len(ytext) == 4 else None
        if year is None or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
            bad(
                line,
                cols["year"],
                "year",
                f"year must be a whole year in {YEAR_RANGE[0]}..{YEAR_RANGE[1]}, got {ytext!r}",
                ytext,
            )
            year = None
        ptext = cell(row, "position") or ""
        d = _decimal(ptext)
        if d is None or not 0 <= d <= 1:
            bad(line, cols["position"], "position", f"position must be a number in [0, 1], got {ptext!r}", ptext)
            d = None
        if cid_ok and year is not None:
            if (cid, year) in seen:
                bad(line, cols["year"], "year", f"{cid} {year} is repeated (first on line {seen[(cid, year)]})", year)
            else:
                seen[(cid, year)] = line
                if d is not None:
                    positions.setdefault(cid, {})[year] = round3(d)
        low_text, high_text = cell(row, "low") or "", cell(row, "high") or ""
        if low_text or high_text:
            lo_d, hi_d = _decimal(low_text), _decimal(high_text)
            if not low_text or not high_text:
                name = "low" if not low_text else "high"
                bad(line, cols.get(name), name, f"a range needs both low and high; {name} is empty", None)
            elif lo_d is None or hi_d is None:
                for name, text_, dv in (("low", low_text, lo_d), ("high", high_text, hi_d)):
                    if dv is None:
                        bad(line, cols.get(name), name, f"{name} must be a number in [0, 1], got {text_!r}", text_)
            else:
                lo_v, hi_v = round3(lo_d), round3(hi_d)
                why = range_rule(None if d is None else round3(d), lo_v, hi_v)
                if why:
                    bad(
                        line,
                        cols.get("low"),
                        "low",
                        f"the range [{low_text}, {high_text}] {why}",
                        [low_text, high_text],
                    )
                elif cid_ok and year is not None and d is not None:
                    ranges.setdefault(cid, {})[year] = (lo_v, hi_v)
        params = [cell(row, n) for n in ("midpoint", "steepness", "ceiling")]
        if any(p for p in params):
            nums = [_decimal(p or "") for p in params]
            if any(n is None for n in nums):
                for name, p, n in zip(("midpoint", "steepness", "ceiling"), params, nums, strict=True):
                    if n is None:
                        bad(line, cols.get(name), name, f"{name} must be a number, got {p!r}", p)
            else:
                m, k, ceil = (float(n) for n in nums if n is not None)
                for cp in curve_problems(m, k, ceil, ()):
                    name = str(cp.loc[-1])
                    bad(line, cols.get(name), name, cp.msg.replace("`", ""), cp.value)
                if cid_ok and not curve_problems(m, k, ceil, ()):
                    trio = (round3(m), round3(k), round3(ceil))
                    if cid in curve_seen and curve_seen[cid][1] != trio:
                        bad(
                            line,
                            cols.get("midpoint"),
                            "midpoint",
                            f"the curve of {cid} differs from line {curve_seen[cid][0]}",
                            list(trio),
                        )
                    curve_seen.setdefault(cid, (line, trio))
        wtext = cell(row, "weight")
        if wtext:
            wd = _decimal(wtext)
            if wd is None or not WEIGHT_RANGE[0] <= wd <= WEIGHT_RANGE[1]:
                bad(line, cols["weight"], "weight", f"weight must be a number in [0, 10], got {wtext!r}", wtext)
            elif cid_ok:
                wv = round3(wd)
                if cid in weight_seen and weight_seen[cid][1] != wv:
                    bad(
                        line,
                        cols["weight"],
                        "weight",
                        f"the weight of {cid} differs from line {weight_seen[cid][0]}",
                        wv,
                    )
                weight_seen.setdefault(cid, (line, wv))

    years = tuple(sorted({y for (_, y) in seen}))
    if not rows:
        problems.append(Problem(("line", 2), "the file has a header but no rows", None))
    elif len(years) > MAX_YEARS:
        problems.append(
            Problem(("year",), f"the CSV has {len(years)} distinct years; at most {MAX_YEARS} are allowed", list(years))
        )
    warnings: list[str] = []
    estimates: dict[str, dict[int, float]] = {}
    for c in catalog.categories:
        if c.id in seen_ids(seen):
            estimates[c.id] = dict(sorted(positions.get(c.id, {}).items()))
        else:
            estimates[c.id] = defaults_for(c.defaults, years)
            if rows:
                warnings.append(f"the CSV has no rows for {c.name} ({c.id}): it takes its default positions")
    custom = {
        cid: CustomCategory(name=custom_seen[cid][1], group=custom_seen[cid][2])
        for cid in sorted(custom_seen, key=custom_order)
    }
    for np_ in names_problems(custom, catalog, (), "{}"):
        cid = str(np_.loc[0])
        bad(custom_seen[cid][0], cols.get("category"), "category", np_.msg.replace("`", ""), np_.value)
    for cid in custom:
        estimates[cid] = dict(sorted(positions.get(cid, {}).items()))
    curves = {c.id: Curve(*curve_seen[c.id][1]) if c.id in curve_seen else c.curve for c in catalog.categories}
    curves.update({cid: Curve(*curve_seen[cid][1]) if cid in curve_seen else DEFAULT_CURVE for cid in custom})
    weights = {c.id: weight_seen[c.id][1] if c.id in weight_seen else c.weight for c in catalog.categories}
    weights.update({cid: weight_seen[cid][1] if cid in weight_seen else 1.0 for cid in custom})
    wp = weights_problems(weights, estimates, ("weight",))
    problems += wp
    if problems:
        raise ImportFileError(
            problems, summary=f"the CSV has {len(problems)} problem(s): " + "; ".join(p.msg for p in problems[:20])
        )
    state = State(
        years=years,
        estimates=estimates,
        curves=curves,
        weights=weights,
        ranges={cid: dict(sorted(r.items())) for cid, r in ranges.items()},
        custom=custom,
    )
    return ImportResult(state, tuple(warnings))


def seen_ids(seen: dict[tuple[str, int], int]) -> set[str]:
    return {cid for cid, _ in seen}
