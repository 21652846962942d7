"""CSV export (exact text) and import (every problem with its line and column)."""

from __future__ import annotations

import csv
import io

import pytest

from scurve import Catalog, ImportFileError, TooLargeError, analyze, default_state, state_from_json
from scurve.csvio import HEADER, escape_formula, read_csv, write_csv

OLD_HEADER_LINE = (
    "category_id,category,group,year,position,uplift,slope,relative_slope,phase,supercritical,"
    "midpoint,steepness,ceiling,weight,low,high"
)
HEADER_LINE = OLD_HEADER_LINE + ",question,years,horizon,feedback,lag,milestones,rho,title"
SETTINGS_CELLS = ",,2024 2025 2026,2030,0,0,0.5 0.9,0.5,"  # question (empty for a built-in), then the settings


def placeholder(cid: str, name: str, group: str) -> str:
    """The row of a category with no estimate: empty year and position, its curve and weight."""
    return f"{cid},{name},{group},,,,,,,,0.5000,10.0000,1.0000,1.0000,," + SETTINGS_CELLS + "\r\n"


# Worked by hand: bug_fixes at 0.5 (k=10, L=1): u = 0.5, s = 2.5, relative 1;
# at 0.3: u = sigma(-2) = 0.1192, s = 10 * 0.1192 * 0.8808 = 1.0499, relative 0.4200.
# chip_design at 0.1 with m=0.4, k=20, L=0.5: sigma(-6) = 0.0024726, u = 0.0012,
# s = 10 * 0.0024726 * 0.9975274 = 0.0247, relative 0.0247 / 2.5 = 0.0099.
BUG_FIXES_ROWS = (
    "bug_fixes,Bug fixes,Software engineering,2024,0.500,0.5000,2.5000,1.0000,decelerating,true,"
    "0.5000,10.0000,1.0000,1.0000,,",
    "bug_fixes,Bug fixes,Software engineering,2026,0.300,0.1192,1.0499,0.4200,accelerating,true,"
    "0.5000,10.0000,1.0000,1.0000,,",
)
CHIP_ROW = (
    "chip_design,Chip design,Hardware engineering,2025,0.100,0.0012,0.0247,0.0099,early,false,"
    "0.4000,20.0000,0.5000,2.5000,,"
)
# An export made before the CSV carried the settings: its header and rows end at `high`.
OLD_EXPORT = OLD_HEADER_LINE + "\r\n" + "".join(row + "\r\n" for row in (*BUG_FIXES_ROWS, CHIP_ROW))
EXPECTED = (
    HEADER_LINE
    + "\r\n"
    + "".join(row + SETTINGS_CELLS + "\r\n" for row in BUG_FIXES_ROWS)
    + placeholder("supporting_structures", "Supporting structures", "Software engineering")
    + placeholder("automated_experiments", "Automated experiments", "Software engineering")
    + placeholder("closed_loop_optimisation", "Closed-loop software optimisation", "Software engineering")
    + CHIP_ROW
    + SETTINGS_CELLS
    + "\r\n"
    + placeholder("supercomputer_infrastructure", "Supercomputer layout and infrastructure", "Hardware engineering")
    + placeholder("data_cleaning_ordering", "Data cleaning and ordering", "Data")
    + placeholder("synthetic_data", "Synthetic data", "Data")
    + placeholder("surfacing_ideas", "Surfacing the best existing ideas", "Conceptual")
    + placeholder("qualitative_research", "Qualitative research", "Conceptual")
)
STATE = {
    "estimates": {
        "bug_fixes": {"2024": 0.5, "2026": 0.3},
        "chip_design": {"2025": 0.1},
    },
    "curves": {"chip_design": {"midpoint": 0.4, "steepness": 20, "ceiling": 0.5}},
    "weights": {"chip_design": 2.5},
}


def small_state(catalog: Catalog) -> dict[str, object]:
    est: dict[str, object] = {cid: {} for cid in catalog.ids}
    est.update(STATE["estimates"])  # type: ignore[arg-type]
    return {**STATE, "estimates": est}


def test_header_constant_matches_spec() -> None:
    assert ",".join(HEADER) == HEADER_LINE


def test_exact_export_text(catalog: Catalog) -> None:
    s = state_from_json(small_state(catalog), catalog)
    assert write_csv(analyze(s, catalog)) == EXPECTED


def test_default_export_has_one_row_per_category_and_year(catalog: Catalog) -> None:
    text = write_csv(analyze(default_state(catalog), catalog))
    assert not text.startswith("\ufeff")
    lines = text.split("\r\n")
    assert lines[0] == HEADER_LINE and lines[-1] == ""
    rows = [line.split(",") for line in lines[1:-1]]
    assert len(rows) == 30
    assert [(r[0], r[3]) for r in rows] == [(cid, str(y)) for cid in catalog.ids for y in (2024, 2025, 2026)]
    assert "\n" not in text.replace("\r\n", "")


def test_export_reads_back_as_the_same_state(catalog: Catalog) -> None:
    s = state_from_json(small_state(catalog), catalog)
    result = read_csv(EXPECTED.encode(), catalog)
    assert result.state == s and result.warnings == () and result.defaulted == ()


def test_an_older_export_still_imports(catalog: Catalog) -> None:
    s = state_from_json(small_state(catalog), catalog)
    result = read_csv(OLD_EXPORT.encode(), catalog)
    assert result.defaulted == ("horizon", "feedback", "lag", "milestones", "rho", "title")
    assert result.state.years == (2024, 2025, 2026)
    assert result.state.estimates["bug_fixes"] == {2024: 0.5, 2026: 0.3}
    assert result.state.estimates["chip_design"] == {2025: 0.1}
    assert result.state.curves == s.curves and result.state.weights == s.weights
    # the eight categories without rows take their defaults, each with a warning
    assert result.state.estimates["synthetic_data"] == {2024: 0.33, 2025: 0.45, 2026: 0.57}
    assert len(result.warnings) == 8
    assert result.warnings[0] == (
        "the CSV has no rows for Supporting structures (supporting_structures): it takes its default positions"
    )


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbfcategory_id,year,position\r\nbug_fixes,2024,0.25\r\n",  # BOM, CRLF
        b"category_id,year,position\nbug_fixes,2024,0.25\n",  # LF
        b"category_id,year,position\nbug_fixes,2024,0.25",  # no final newline
        b"Position,Year,Category_ID,notes\n0.25,2024,bug_fixes,anything\n\n",  # order, case, extra column, blank line
        b'category_id,year,position\n"bug_fixes", 2024 ,"0.250"\n',
    ],
)
def test_import_accepts_the_variants(catalog: Catalog, data: bytes) -> None:
    s = read_csv(data, catalog).state
    assert s.years == (2024,)
    assert s.estimates["bug_fixes"] == {2024: 0.25}
    assert s.estimates["chip_design"] == {2024: 0.12}


def test_import_str_input(catalog: Catalog) -> None:
    assert read_csv("category_id,year,position\nbug_fixes,2024,0.25\n", catalog).state.estimates["bug_fixes"] == {
        2024: 0.25
    }


def problems_of(data: bytes | str, catalog: Catalog) -> list[str]:
    with pytest.raises(ImportFileError) as info:
        read_csv(data, catalog)
    return [p.msg for p in info.value.problems]


BAD_ROWS = [
    ("nope,2024,0.3", "line 2, column A (category_id): unknown category id 'nope'"),
    (",2024,0.3", "line 2, column A (category_id): unknown category id ''"),
    ("bug_fixes,20x4,0.3", "line 2, column B (year): year must be a whole year in 2000..2100, got '20x4'"),
    ("bug_fixes,1999,0.3", "line 2, column B (year): year must be a whole year in 2000..2100, got '1999'"),
    ("bug_fixes,2024.0,0.3", "got '2024.0'"),
    ("bug_fixes,2024,1.5", "line 2, column C (position): position must be a number in [0, 1], got '1.5'"),
    ("bug_fixes,2024,-0.1", "got '-0.1'"),
    ("bug_fixes,2024,x", "got 'x'"),
    ("bug_fixes,2024,nan", "got 'nan'"),
    ("bug_fixes,2024,inf", "got 'inf'"),
    ("bug_fixes,2024,", "line 2, column C (position): position must be a number in [0, 1], got ''"),
    ("bug_fixes,2024", "got ''"),
]


@pytest.mark.parametrize(("row", "message"), BAD_ROWS)
def test_bad_row_names_line_and_column(catalog: Catalog, row: str, message: str) -> None:
    msgs = problems_of(f"category_id,year,position\n{row}\n", catalog)
    assert len(msgs) == 1
    assert message in msgs[0]


def test_every_problem_is_reported_with_its_line(catalog: Catalog) -> None:
    data = (
        "category_id,year,position,midpoint,steepness,ceiling,weight\n"
        "bug_fixes,2024,0.3,,,,\n"  # line 2: fine
        "nope,2024,0.3,,,,\n"  # line 3
        "bug_fixes,2024,0.4,,,,\n"  # line 4: repeated
        "chip_design,2024,2,,,,\n"  # line 5
        "chip_design,2025,0.2,0.99,10,1,\n"  # line 6: midpoint out of range
        "synthetic_data,2025,0.2,0.5,x,1,\n"  # line 7: steepness not a number
        "synthetic_data,2026,0.2,,,,11\n"  # line 8: weight out of range
        "surfacing_ideas,2024,0.2,0.5,10,1,1\n"  # line 9
        "surfacing_ideas,2025,0.2,0.6,10,1,2\n"  # line 10: curve and weight differ from line 9
    )
    msgs = problems_of(data, catalog)
    assert msgs == [
        "line 3, column A (category_id): unknown category id 'nope'; known: "
        + ", ".join(catalog.ids)
        + ", or u1..u10 for your own",
        "line 4, column B (year): bug_fixes 2024 is repeated (first on line 2)",
        "line 5, column C (position): position must be a number in [0, 1], got '2'",
        "line 6, column D (midpoint): midpoint must be a number in [0.05, 0.95], got 0.99",
        "line 7, column E (steepness): steepness must be a number, got 'x'",
        "line 8, column G (weight): weight must be a number in [0, 10], got '11'",
        "line 10, column D (midpoint): the curve of surfacing_ideas differs from line 9",
        "line 10, column G (weight): the weight of surfacing_ideas differs from line 9",
    ]
    with pytest.raises(ImportFileError) as info:
        read_csv(data, catalog)
    assert str(info.value).startswith("the CSV has 8 problem(s): line 3, column A")
    assert info.value.problems[0].loc == ("line", 3, "category_id")


def test_quoted_newline_counts_lines_as_a_spreadsheet_does(catalog: Catalog) -> None:
    msgs = problems_of('category_id,year,position,notes\nbug_fixes,2024,0.3,"a\nb"\nnope,2024,0.3,\n', catalog)
    assert msgs[0].startswith("line 4, column A (category_id)")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "line 1: the file is empty"),
        (b"category_id,position\nbug_fixes,0.3\n", "line 1: the header lacks the required column(s) year"),
        (b"a,b\n", "lacks the required column(s) category_id, year, position"),
        (b"category_id,year,position\n", "the file has a header but no rows"),
        (b"category_id,year,position\nbug_fixes,2024,\xff\n", "line 2: the file is not UTF-8 text"),
        (b"category_id,year,position\nbug_fixes,2024,0.3\x00\n", "NUL bytes"),
    ],
)
def test_bad_file(catalog: Catalog, data: bytes, message: str) -> None:
    msgs = problems_of(data, catalog)
    assert message in msgs[0]


def test_more_than_ten_years_is_a_problem(catalog: Catalog) -> None:
    rows = "".join(f"bug_fixes,{y},0.5\n" for y in range(2000, 2011))
    msgs = problems_of("category_id,year,position\n" + rows, catalog)
    assert msgs == ["the CSV has 11 distinct years; at most 10 are allowed"]


def test_all_weights_zero_is_a_problem(catalog: Catalog) -> None:
    rows = "".join(f"{cid},2024,0.5,0\n" for cid in catalog.ids)
    msgs = problems_of("category_id,year,position,weight\n" + rows, catalog)
    assert msgs == ["weights must not all be 0: at least one category needs weight > 0"]


def test_row_and_byte_limits(catalog: Catalog) -> None:
    rows = "".join(f"bug_fixes,{2000 + i % 10},0.5\n" for i in range(1001))
    with pytest.raises(TooLargeError, match="more than 1000 rows"):
        read_csv("category_id,year,position\n" + rows, catalog)
    with pytest.raises(TooLargeError, match="the limit is 1048576 bytes"):
        read_csv(b"category_id,year,position\n" + b" " * (1024 * 1024), catalog)


def test_exactly_1000_rows_is_allowed_to_be_read(catalog: Catalog) -> None:
    # 1,000 rows read; here they repeat (id, year), which is reported, not refused as too large.
    rows = "".join("bug_fixes,2024,0.5\n" for _ in range(1000))
    msgs = problems_of("category_id,year,position\n" + rows, catalog)
    assert len(msgs) == 999 and msgs[-1] == "line 1001, column B (year): bug_fixes 2024 is repeated (first on line 2)"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("=1+1", "'=1+1"),
        ("+x", "'+x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Bug fixes", "Bug fixes"),
        ("-0.5", "-0.5"),
    ],
)
def test_formula_escaping(text: str, escaped: str) -> None:
    assert escape_formula(text) == escaped


def test_custom_categories_and_ranges_round_trip(catalog: Catalog) -> None:
    obj = {
        "custom": {
            "u1": {"name": '=HYPERLINK("x")', "group": "+Hardware"},
            "u10": {"name": "<b>Data</b> א 😀", "question": "=How often?"},
        },
        "estimates": {"u1": {"2025": 0.2, "2026": 0.3}, "u10": {"2026": 0.6}},
        "ranges": {"u1": {"2026": [0.25, 0.4]}, "bug_fixes": {"2024": [0.2, 0.35]}},
        "weights": {"u10": 2},
    }
    state = state_from_json(obj, catalog)
    text = write_csv(analyze(state, catalog))
    lines = text.split("\r\n")
    rows = list(csv.reader(io.StringIO(text)))
    col = {name: i for i, name in enumerate(HEADER)}
    # custom rows come last, in id order, named, formula-escaped
    assert lines[-4].startswith('u1,"\'=HYPERLINK(""x"")",\'+Hardware,2025,0.200,')
    assert rows[-2][0] == "u1" and rows[-2][col["low"]] == "0.250" and rows[-2][col["high"]] == "0.400"
    assert lines[-2].startswith("u10,<b>Data</b> א 😀,Your categories,2026,0.600,")
    assert rows[-1][col["question"]] == "'=How often?" and rows[-2][col["question"]] == ""
    assert (rows[1][col["low"]], rows[1][col["high"]]) == ("0.200", "0.350")
    assert (rows[2][col["low"]], rows[2][col["high"]]) == ("", "")
    back = read_csv(text.encode(), catalog).state
    assert back.custom["u1"].name == '=HYPERLINK("x")' and back.custom["u1"].group == "+Hardware"
    # The question comes back too (it used to be dropped).
    assert back.custom["u10"].name == "<b>Data</b> א 😀" and back.custom["u10"].question == "=How often?"
    assert back == state


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("u1,,2025,0.3,,", "line 2, column B (category): your category u1 needs a name"),
        ("u11,X,2025,0.3,,", "unknown category id 'u11'"),
        ("bug_fixes,,2025,0.3,0.4,", "line 2, column F (high): a range needs both low and high; high is empty"),
        (
            "bug_fixes,,2025,0.3,0.4,0.5",
            "line 2, column E (low): the range [0.4, 0.5] low must be at most the position 0.3",
        ),
        ("bug_fixes,,2025,0.3,0.1,x", "line 2, column F (high): high must be a number in [0, 1], got 'x'"),
        ("bug_fixes,,2025,0.3,0.3,0.3", "low < high"),
        ("u1,Bug Fixes,2025,0.3,,", "must differ (ignoring case) from every other category's name"),
        (
            "u1,A,2025,0.3,,\nu1,B,2026,0.3,,",
            "line 3, column B (category): the name, group or question of u1 differs from line 2",
        ),
    ],
)
def test_bad_custom_and_range_cells_name_row_and_column(catalog: Catalog, rows: str, message: str) -> None:
    msgs = problems_of("category_id,category,year,position,low,high\n" + rows + "\n", catalog)
    assert any(message in m for m in msgs), msgs
