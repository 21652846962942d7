"""CSV export of an analysis and CSV import of a state.

The CSV is one plain table: a row per category and estimated year (a
category with no estimate at all gets one row with empty ``year`` and
``position``, so it survives the round trip), its computed figures, its
curve, weight and range, and after them the columns that make the whole
state travel: ``question`` (of your own categories) and one column per
setting the field table marks ``csv`` (:data:`scurve.fields.SETTINGS`),
the same value on every row.  Import reads every column it knows; a CSV
without the setting columns (an older export) takes their defaults and
says which in :attr:`ImportResult.defaulted`.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from .analysis import Analysis, CategoryResult
from .catalog import MAX_YEARS, Catalog
from .csvrows import Rows
from .errors import ImportFileError, Problem, TooLargeError
from .fields import CUSTOM_FIELD, CUSTOM_FIELDS, SETTINGS
from .limits import MAX_BODY, MAX_CSV_ROWS, size_text
from .state import State

__all__ = ["HEADER", "MAX_BYTES", "MAX_ROWS", "ImportResult", "escape_formula", "read_csv", "write_csv"]

SETTING_COLUMNS = tuple(s for s in SETTINGS if s.csv)
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
    CUSTOM_FIELD["question"].csv,
    *(s.json for s in SETTING_COLUMNS),
)
REQUIRED = ("category_id", "year", "position")
MAX_BYTES = MAX_BODY
MAX_ROWS = MAX_CSV_ROWS
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A plain number (``-0.25``, ``+3``, ``1e-3``) is read by a spreadsheet as that
# number, never as a formula, so it keeps its sign and stays a number.
_PLAIN_NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$")  # ASCII digits only


def escape_formula(text: str) -> str:
    """Make a text cell safe to open in a spreadsheet: a cell a spreadsheet
    would read as a formula (a leading ``=``, ``+``, ``-``, ``@``, tab or
    carriage return) gets a leading apostrophe; plain numbers stay as they
    are.  A text that is already apostrophes then a formula gets one more,
    so :func:`unescape_formula` gives every text back.

    >>> escape_formula("=1+1"), escape_formula("Bug fixes"), escape_formula("-0.5"), escape_formula("'=x")
    ("'=1+1", 'Bug fixes', '-0.5', "''=x")
    """
    bare = text.lstrip("'")
    if bare.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(bare):
        return "'" + text
    return text


def unescape_formula(text: str) -> str:
    """The inverse of :func:`escape_formula`, for the text cells import reads back.

    >>> unescape_formula("'=1+1"), unescape_formula("'quoted"), unescape_formula("''=x")
    ('=1+1', "'quoted", "'=x")
    """
    bare = text.lstrip("'")
    if text.startswith("'") and bare.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(bare):
        return text[1:]
    return text


def write_csv(analysis: Analysis) -> str:
    """One row per category and estimated year, in catalog then year order;
    one row with empty ``year`` and ``position`` for a category with no estimate.

    Positions have 3 decimals, other numbers 4, booleans are ``true`` /
    ``false``, lines end in CRLF; text cells are formula-escaped.  The
    settings are written on every row, lists separated by spaces (a comma
    could be read as a thousands separator).
    """
    state = analysis.state
    settings = [escape_formula(s.kind.write_cell(getattr(state, s.attr))) for s in SETTING_COLUMNS]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HEADER)
    for c in analysis.categories:
        own = state.ranges.get(c.id, {})
        custom = state.custom.get(c.id)
        tail = [
            f"{c.curve.midpoint:.4f}",
            f"{c.curve.steepness:.4f}",
            f"{c.curve.ceiling:.4f}",
            f"{c.weight:.4f}",
        ]
        question = escape_formula(custom.question) if custom else ""
        for cells in _point_cells(c) or [["", "", "", "", "", "", ""]]:
            rng = own.get(int(cells[0])) if cells[0] else None
            ends = ["", ""] if rng is None else [f"{rng[0]:.3f}", f"{rng[1]:.3f}"]
            head = [escape_formula(c.id), escape_formula(c.name), escape_formula(c.group)]
            w.writerow([*head, *cells, *tail, *ends, question, *settings])
    return buf.getvalue()


def _point_cells(c: CategoryResult) -> list[list[str]]:
    return [
        [
            str(p.year),
            f"{p.position:.3f}",
            f"{p.uplift:.4f}",
            f"{p.slope:.4f}",
            f"{p.relative_slope:.4f}",
            escape_formula(p.phase),
            "true" if p.supercritical else "false",
        ]
        for p in c.points
    ]


@dataclass(frozen=True)
class ImportResult:
    """The state a CSV holds, its warnings, and the JSON keys of the
    settings it has no column for (taken at their defaults)."""

    state: State
    warnings: tuple[str, ...]
    defaulted: tuple[str, ...] = ()


def decode_csv(data: bytes) -> str:
    """Bytes to text: at most 1 MiB of UTF-8, with or without a BOM."""
    if len(data) > MAX_BYTES:
        raise TooLargeError(
            Problem(
                ("body",),
                f"the CSV is {len(data)} bytes; the limit is {MAX_BYTES} bytes ({size_text(MAX_BYTES)})",
                len(data),
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            Problem(("line", line), f"line {line}: the file is not UTF-8 text (byte {exc.start})", None)
        ) from exc
    return text.removeprefix("\ufeff")


def _table(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the non-blank rows (each with its line number), or the error that stops reading."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise TooLargeError(
            Problem(("body",), f"the CSV is over the limit of {MAX_BYTES} bytes ({size_text(MAX_BYTES)})", None)
        )
    if "\x00" in text:
        raise ImportFileError(Problem(("body",), "the file contains NUL bytes: it is not a CSV text file", None))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError(
            Problem(("line", 1), "line 1: the file is empty; expected a header with category_id,year,position", None)
        ) from None
    except csv.Error as exc:
        raise ImportFileError(Problem(("line", 1), f"line 1: not valid CSV ({exc})", None)) from None
    names = [h.strip().lower() for h in header]
    missing = [r for r in REQUIRED if r not in names]
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
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
            if len(rows) > MAX_ROWS:
                raise TooLargeError(
                    Problem(("rows",), f"the CSV has more than {MAX_ROWS} rows; the limit is {MAX_ROWS}", None)
                )
    except csv.Error as exc:
        raise ImportFileError(
            Problem(("line", reader.line_num), f"line {reader.line_num}: not valid CSV ({exc})", None)
        ) from None
    return names, rows


def read_csv(data: bytes | str, catalog: Catalog) -> ImportResult:
    """Read a CSV in the export form into a state.

    ``category_id``, ``year`` and ``position`` are required; every other
    column of the export is read when present (``category``, ``group`` and
    ``question`` for your own categories; the curve, weight and range; the
    settings), unknown columns are ignored.  Every problem is reported with
    its line (the header is line 1) and column.  A built-in category with
    no rows takes its defaults, with a warning.

    Raises
    ------
    ImportFileError
        Listing every problem found.
    TooLargeError
        Over 1 MiB or 1,000 rows.
    """
    text = decode_csv(data) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    names, rows = _table(text)
    reader = Rows(names, catalog, SETTING_COLUMNS, CUSTOM_FIELDS, unescape_formula)
    for line, row in rows:
        reader.row(line, row)
    if not rows:
        reader.problems.append(Problem(("line", 2), "the file has a header but no rows", None))
    state, warnings = reader.state(MAX_YEARS)
    problems = reader.problems
    if problems or state is None:
        raise ImportFileError(
            problems, summary=f"the CSV has {len(problems)} problem(s): " + "; ".join(p.msg for p in problems[:20])
        )
    return ImportResult(state, tuple(warnings), reader.defaulted())
