"""Issue 4, server side: CSV formula escaping, the link-preview text and the
meta tags the page carries."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from html import unescape

import pytest
from fastapi.testclient import TestClient

from scurve import Catalog, analyze
from scurve.csvio import HEADER, escape_formula, write_csv
from scurve.state import default_state
from scurve.summary import DEFAULT_TITLE, meta_summary, meta_title, year_words

# -- formula escaping ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-", "'-"),
        ("+", "'+"),
        ("- bullet", "'- bullet"),
        ("-1e3+A1", "'-1e3+A1"),
        ("-\u0663", "'-\u0663"),  # an Arabic-Indic digit is not a plain number to a spreadsheet
        ("-1\n=2", "'-1\n=2"),
        ("-1\n", "'-1\n"),
    ],
)
def test_escape_formula_prefixes_each_dangerous_first_character(text: str, expected: str) -> None:
    assert escape_formula(text) == expected


@pytest.mark.parametrize("number", ["-0.5", "-2", "+3", "-1.25e-3", "-.5", "0.300", "12"])
def test_escape_formula_leaves_plain_numbers_alone(number: str) -> None:
    assert escape_formula(number) == number


@pytest.mark.parametrize("text", ["Bug fixes", "a=b", "x+y", "mail@example", " =1", "'quoted", ""])
def test_escape_formula_leaves_text_that_does_not_start_a_formula(text: str) -> None:
    assert escape_formula(text) == text


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_export_escapes_formula_text_cells_and_keeps_numbers(catalog: Catalog) -> None:
    """A catalog whose names and groups start formulas: the CSV carries them
    escaped, and every numeric cell still reads as a number."""
    evil = list(catalog.categories)
    evil[0] = replace(evil[0], name="=1+1", group="@group")
    evil[1] = replace(evil[1], name="-dash", group="+plus")
    evil[2] = replace(evil[2], name="\tTab")
    hostile = replace(catalog, categories=tuple(evil))
    text = write_csv(analyze(default_state(hostile), hostile))
    rows = _rows(text)
    assert list(rows[0]) == list(HEADER)
    by_id = {r["category_id"]: r for r in rows}
    assert by_id["bug_fixes"]["category"] == "'=1+1"
    assert by_id["bug_fixes"]["group"] == "'@group"
    assert by_id["supporting_structures"]["category"] == "'-dash"
    assert by_id["supporting_structures"]["group"] == "'+plus"
    assert by_id["automated_experiments"]["category"] == "'\tTab"
    numeric = ("year", "position", "uplift", "slope", "relative_slope", "midpoint", "steepness", "ceiling", "weight")
    for r in rows:
        for name in numeric:
            assert re.fullmatch(r"\d+(\.\d+)?", r[name]), (name, r[name])
        assert not r["phase"].startswith(("=", "+", "-", "@"))


def test_export_of_default_state_has_no_escaped_cells(catalog: Catalog) -> None:
    text = write_csv(analyze(default_state(catalog), catalog))
    assert "'" not in text
    first = text.split("\r\n")[1]
    assert first == (
        "bug_fixes,Bug fixes,Software engineering,2024,0.300,0.1192,1.0499,0.4200,accelerating,true,"
        "0.5000,10.0000,1.0000,1.0000,,,,2024 2025 2026,2030,0,0,0.5 0.9,0.5,"
    )


# -- the link-preview text -----------------------------------------------------


def test_meta_summary_of_the_defaults(catalog: Catalog) -> None:
    a = analyze(default_state(catalog), catalog)
    assert meta_summary(a) == (
        "AI's help reaches half its potential around late 2027; "
        "7 of 10 AI self-improvement categories are super-critical in 2026."
    )
    assert meta_title(a) == DEFAULT_TITLE


def test_meta_summary_one_category_and_a_milestone_out_of_reach(catalog: Catalog) -> None:
    """All categories low and flat except bug fixes at the midpoint: one is
    super-critical (slope 10/4 = 2.5 > 1), the rest have slope
    10 s(1 - s) with s = sigma(10 (0.05 - 0.5)) = 0.0110, i.e. 0.109.  Nine
    of ten uplifts stay at 0.011, so U never reaches half of its potential 1."""
    base = default_state(catalog)
    est = {cid: {2024: 0.05, 2025: 0.05, 2026: 0.05} for cid in catalog.ids}
    est["bug_fixes"] = {2024: 0.3, 2025: 0.4, 2026: 0.5}
    a = analyze(replace(base, estimates=est, title="Slow & <steady>"), catalog)
    assert a.years[-1].supercritical_count == 1
    assert meta_summary(a) == (
        "AI's help does not reach half its potential by 2030; "
        "1 of 10 AI self-improvement categories is super-critical in 2026."
    )
    assert a.forecast.milestones[0].year is None
    assert meta_title(a) == "Slow & <steady>"


def test_meta_summary_of_a_reached_milestone(catalog: Catalog) -> None:
    """Every category rising alike from low positions towards its midpoint:
    U is half its potential exactly where x = m = 0.5, the trajectory's
    midpoint year."""
    base = default_state(catalog)
    est = {cid: {2024: 0.1, 2025: 0.2, 2026: 0.32} for cid in catalog.ids}
    a = analyze(replace(base, estimates=est, horizon=2035), catalog)
    ms = a.forecast.milestones[0]
    tr = a.categories[0].trajectory
    assert ms.year is not None and tr is not None and tr.midpoint_year is not None
    assert ms.year == pytest.approx(tr.midpoint_year, abs=1e-6)  # every category alike: U = 1/2 where x = m
    assert meta_summary(a) == (
        f"AI's help reaches half its potential around {year_words(ms.year)}; "
        "10 of 10 AI self-improvement categories are super-critical in 2026."
    )


# -- the meta tags on the page -------------------------------------------------

META_NAMES = (
    ('name="description"', "desc"),
    ('property="og:title"', "title"),
    ('property="og:description"', "desc"),
    ('name="twitter:title"', "title"),
    ('name="twitter:description"', "desc"),
)


def _meta(html: str, attr: str) -> list[str]:
    return [unescape(m) for m in re.findall(r"<meta " + re.escape(attr) + r' content="([^"]*)">', html)]


def test_page_meta_tags_of_the_defaults(client: TestClient) -> None:
    html = client.get("/").text
    desc = (
        "AI's help reaches half its potential around late 2027; "
        "7 of 10 AI self-improvement categories are super-critical in 2026."
    )
    for attr, kind in META_NAMES:
        assert _meta(html, attr) == [desc if kind == "desc" else DEFAULT_TITLE], attr
    assert _meta(html, 'property="og:type"') == ["website"]
    assert _meta(html, 'name="twitter:card"') == ["summary_large_image"]  # SPEC section 11: the preview image


def test_page_meta_tags_carry_the_title_escaped(client: TestClient) -> None:
    title = "\"><script>alert(1)</script> & 'x'"
    html = client.get("/", params={"title": title}).text
    assert "<script>alert(1)" not in html
    for attr, kind in META_NAMES:
        if kind == "title":
            assert _meta(html, attr) == [title], attr


def test_page_meta_description_follows_the_link(client: TestClient) -> None:
    html = client.get("/?v=1&years=2024,2025,2026&bug_fixes=0.05,0.05,0.05&horizon=2040").text
    (desc,) = _meta(html, 'property="og:description"')
    assert desc.startswith("AI's help reaches half its potential around ")
    assert desc.endswith("; 6 of 10 AI self-improvement categories are super-critical in 2026.")
