"""Model version 2 on the page (docs/DESIGN.md §3.2 and §3.6 to §3.9): the tornado chart and
the milestones follow a drag, the Lag slider works by keyboard and goes into
the link, every verdict word is the same on linear and log-log axes, the
tornado reads by keyboard, the full payoff is on each card, and a year whose
interval holds 1 is too close to call.

What the page should show is the server's analysis of the page's own link,
fetched here, or values worked out by hand from the curve's formula."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from scurve.summary import year_words

from .conftest import LiveServer, PageGuard
from .helpers import api
from .test_estimator import drag_by_mouse, marker, open_estimator, position, slope
from .test_loglog_overlays import use_axes


def until(page: Page, check: Callable[[], bool], timeout_ms: int = 5000) -> None:
    """Wait (on the page's clock) until check() holds; fail after timeout_ms."""
    for _ in range(timeout_ms // 50):
        if check():
            return
        page.wait_for_timeout(50)
    assert check()


def link_query(page: Page) -> str:
    return urlsplit(page.url).query


def milestone_lines(page: Page) -> list[str]:
    return [t.strip() for t in page.locator("#milestone-list li").all_text_contents()]


def tornado_names(page: Page) -> list[str]:
    return [t.rstrip("…") for t in page.locator("#tornado-chart .tb-name").all_text_contents()]


def base_labels(page: Page) -> list[str]:
    return page.locator("#tornado-chart .tb-base-label").all_text_contents()


def names_of(analysis: dict) -> dict[str, str]:
    return {c["id"]: c["name"] for c in analysis["categories"]}


def page_matches(page: Page, a: dict) -> bool:
    """The milestones and the tornado show analysis a (the server's answer for the page's link)."""
    first = a["forecast"]["milestones"][0]
    lines = milestone_lines(page)
    if not lines or f"around {year_words(first['year'])}" not in lines[0]:
        return False
    names = names_of(a)
    wanted = [names[r["id"]] for r in a["sensitivity"]]
    shown = tornado_names(page)
    if len(shown) != len(wanted) or not all(w.startswith(s) for s, w in zip(shown, wanted, strict=True)):
        return False
    last = a["years"][-1]["mean_slope"]
    return base_labels(page)[:2] == [f"as drawn {last:.2f}", f"as drawn around {year_words(first['year'])}"]


def expect_page_matches(page: Page, live_server: LiveServer) -> dict:
    """Wait until the page shows the server's analysis of its own link: a drag
    may leave an answer for an intermediate position on screen for a moment
    before the release's answer lands."""
    for _ in range(100):
        a = api(live_server, link_query(page))
        if page_matches(page, a):
            return a
        page.wait_for_timeout(50)
    a = api(live_server, link_query(page))
    names = names_of(a)
    assert page_matches(page, a), (
        milestone_lines(page),
        tornado_names(page),
        base_labels(page),
        [names[r["id"]] for r in a["sensitivity"]],
    )
    return a


def test_a_drag_moves_the_tornado_and_the_milestones(page: Page, guard: PageGuard, live_server: LiveServer) -> None:
    open_estimator(page)
    expect(page.locator("#tornado-chart .tb-name")).to_have_count(10)
    before = expect_page_matches(page, live_server)
    lines_before = milestone_lines(page)
    labels_before = base_labels(page)

    # Automated experiments' 2026 mark, dragged well to the right (0.40 -> about 0.7).
    start = position(page, "automated_experiments", 2026)
    drag_by_mouse(page, marker(page, "automated_experiments", 2026), 120)
    until(page, lambda: position(page, "automated_experiments", 2026) != start)
    moved = position(page, "automated_experiments", 2026)
    assert moved is not None and start is not None and moved > start + 0.15
    # The panel catches up with the release's answer.
    expect(page.locator("#tornado-chart .tb-base-label").first).not_to_have_text(labels_before[0])
    after = expect_page_matches(page, live_server)

    assert after["years"][-1]["mean_slope"] != before["years"][-1]["mean_slope"]
    assert milestone_lines(page) != lines_before or after["forecast"]["milestones"] == before["forecast"]["milestones"]
    # Moving the mark this far moved the first milestone by at least a month.
    assert abs(after["forecast"]["milestones"][0]["year"] - before["forecast"]["milestones"][0]["year"]) > 1 / 12


def verdict_texts(page: Page) -> list[str]:
    """Every verdict the page states: each mark's phase and break-even words,
    each card's fitted path, the panel's counts, its summary and per-year
    break-even lines, the forecast's sentences and the tornado's lede."""
    selectors = [
        ".readout .phase",
        ".readout .verdict",
        ".card .fitted, .card .trajectory",
        "#year-table",
        "#breakeven-list li",
        ".panel-summary, #summary",
        "#progress-text",
        "#forecast-text",
        "#milestone-list li",
        "#tornado-lede",
    ]
    texts: list[str] = []
    for sel in selectors:
        texts.extend(f"{sel}: {t.strip()}" for t in page.locator(sel).all_text_contents())
    return texts


def test_log_log_changes_no_verdict_word(page: Page, guard: PageGuard) -> None:
    # Qualitative research at 0.14: elastic on log-log (elasticity 1.36) but not super-critical.
    open_estimator(page)
    linear = verdict_texts(page)
    assert sum("super-critical" in t for t in linear) >= 10
    use_axes(page, "log")
    row = page.locator("#card-qualitative_research .readout tr[data-year='2026']")
    expect(row.locator(".elastic-word")).to_have_text("elastic")
    expect(row.locator(".verdict")).to_contain_text("super-critical only with a full payoff of at least")
    assert verdict_texts(page) == linear
    switch = page.get_by_role("switch", name="Log-log axes")
    switch.focus()
    page.keyboard.press("Space")
    expect(switch).not_to_be_checked()
    expect(page.locator("#card-bug_fixes .plot .xtick text").first).to_have_text("0")
    assert verdict_texts(page) == linear


def test_lag_slider_by_keyboard_goes_into_the_link_and_the_forecast(
    page: Page, guard: PageGuard, live_server: LiveServer
) -> None:
    open_estimator(page, "?v=2&fb=2")
    text_before = page.locator("#progress-text").text_content()
    lag = page.get_by_role("slider", name=re.compile("^Lag"))
    lag.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#lag-value")).to_have_text("0.5")
    expect(lag).to_have_attribute("aria-valuetext", "0.5 years")
    until(page, lambda: "lag=0.5" in link_query(page))
    expect(page.locator("#progress-text")).not_to_have_text(text_before or "")
    a = expect_page_matches(page, live_server)
    assert a["state"]["lag"] == 0.5
    # One undo step takes the whole burst of presses back.
    page.keyboard.press("Control+z")
    expect(page.locator("#lag-value")).to_have_text("0")
    until(page, lambda: "lag=" not in link_query(page))


def test_the_tornado_reads_row_by_row_by_keyboard(page: Page, guard: PageGuard, live_server: LiveServer) -> None:
    open_estimator(page)
    a = api(live_server, link_query(page))
    names = names_of(a)
    chart = page.locator("#tornado-chart")
    chart.focus()  # reads the first row
    first = a["sensitivity"][0]
    status = page.locator("#tornado-readout")
    expect(status).to_contain_text(names[first["id"]])
    lo, hi = first["mean_slope"]
    expect(status).to_contain_text(f"{lo:.2f}")
    expect(status).to_contain_text(f"{hi:.2f}")
    page.keyboard.press("ArrowDown")
    expect(status).to_contain_text(names[a["sensitivity"][1]["id"]])
    page.keyboard.press("ArrowUp")
    expect(status).to_contain_text(names[first["id"]])
    page.keyboard.press("End")
    expect(status).to_contain_text(names[a["sensitivity"][-1]["id"]])


def test_each_card_states_its_full_payoff_and_what_its_verdict_needs(page: Page, guard: PageGuard) -> None:
    # Bug fixes at 0.3, 0.42, 0.55 with ceiling 1, midpoint 0.5, steepness 10:
    # break-even payoff = 1 / slope(x), by hand from the logistic.
    open_estimator(page, "?v=2&bug_fixes=0.3,0.42,0.55")
    card = page.locator("#card-bug_fixes")
    expect(card).to_contain_text("Full payoff 1")
    for year, x in ((2024, 0.3), (2025, 0.42), (2026, 0.55)):
        need = 1 / slope(x)
        verdict = card.locator(f".readout tr[data-year='{year}'] .verdict")
        expect(verdict).to_contain_text(f"at least {need:.2g}" if need < 1 else f"{need:.2g}")
        expect(verdict).to_contain_text("(you drew 1)")


def test_a_year_whose_interval_holds_1_is_too_close_to_call(
    page: Page, guard: PageGuard, live_server: LiveServer
) -> None:
    # A range from 0.05 to 0.95 on every 2026 mark puts 1 inside the 2026
    # mean slope's 90% interval (about 0.27 to 1.35).
    open_estimator(page)
    ids = [c["id"] for c in api(live_server, "")["categories"]]
    ranges = "&".join(f"{cid}.lo=,,0.05&{cid}.hi=,,0.95" for cid in ids)
    open_estimator(page, f"?v=2&{ranges}")
    a = api(live_server, link_query(page))
    band = a["uncertainty"]["years"][-1]["mean_slope"]
    assert band[0] < 1 < band[-1]
    expect(page.locator("#year-table")).to_contain_text("too close to call")
    # The progress chart's fan: U(t)'s 90% and 50% bands over the draws.
    for cls in ("fan-90", "fan-50"):
        d = page.locator(f"#progress-chart path.{cls}").get_attribute("d") or ""
        assert d.startswith("M") and d.endswith("Z") and d.count("L") > 20, cls
    # The years without a range are exact (0% and 100% are then true); 2026's
    # probability comes from the draws and reads as the server's figure.
    p = a["uncertainty"]["years"][-1]["p_supercritical"]
    assert 0.01 < p < 0.99
    row = page.locator("#ranges-panel tr:has(th:text-is('2026')), #ranges-panel tr:has(td:text-is('2026'))").first
    expect(row).to_contain_text(f"{round(p * 100)}%")


def test_a_version_1_link_with_feedback_says_its_forecast_changed(page: Page, guard: PageGuard) -> None:
    open_estimator(page, "?fb=1")
    note = page.get_by_role("status").filter(has_text="About this link")
    expect(note).to_contain_text("version-1 link")
    expect(note).to_contain_text("forecast's formula changed with version 2")
    expect(note).not_to_contain_text("Ignored")
    # The page writes its own link as version 2, with the feedback kept.
    until(page, lambda: "v=2" in link_query(page) and "fb=1" in link_query(page))


def test_the_tornado_axes_name_years_as_the_page_does_and_no_ticks_collide(page: Page, guard: PageGuard) -> None:
    open_estimator(page)
    ticks = page.locator("#tornado-chart text.tick")
    expect(ticks.first).to_be_visible()
    texts = ticks.all_text_contents()
    years = [t for t in texts if re.search(r"\d{4}", t)]
    # A whole year is its end ("end 2027"), never a bare "2027" beside "mid 2027".
    assert years and all(re.fullmatch(r"(early|mid|late|end) \d{4}", t) for t in years), texts
    boxes = [b for b in (t.bounding_box() for t in ticks.all()) if b]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            same_row = abs(a["y"] - b["y"]) < a["height"]
            apart = a["x"] + a["width"] + 4 <= b["x"] or b["x"] + b["width"] + 4 <= a["x"]
            assert not same_row or apart, (a, b, texts)


def test_milestone_shares_are_typed_as_percentages_checked_and_undone(
    page: Page, guard: PageGuard, live_server: LiveServer
) -> None:
    open_estimator(page)
    field = page.get_by_role("textbox", name="Milestones at")
    expect(field).to_have_value("50, 90")
    field.click()
    field.press("Control+a")
    page.keyboard.type("25, 75")
    page.keyboard.press("Enter")
    until(page, lambda: "ms=0.25,0.75" in link_query(page))
    a = api(live_server, link_query(page))
    assert [m["share"] for m in a["forecast"]["milestones"]] == [0.25, 0.75]
    # The list names the server's year of each, in words.
    until(page, lambda: len(milestone_lines(page)) == 2)
    for line, m in zip(milestone_lines(page), a["forecast"]["milestones"], strict=True):
        assert f"around {year_words(m['year'])}" in line, (line, m)
    # The chart marks each as a percentage, as the field takes them.
    labels = page.locator("#progress-chart .milestone-label")
    expect(labels).to_have_count(2)
    assert [t.split(":")[0] for t in labels.all_text_contents()] == ["25%", "75%"]
    # A falling list, a share out of range or too many: a message names the
    # problem, the field goes back and the view keeps its shares.
    for text, problem in (
        ("60, 40", "40 does not come after 60"),
        ("50, 100", '"100" is not a whole percentage'),
        ("10 20 30 40", "4 milestones given; at most 3"),
    ):
        field.click()
        field.press("Control+a")
        page.keyboard.type(text)
        page.keyboard.press("Enter")
        expect(page.locator("#messages")).to_contain_text(problem)
        expect(field).to_have_value("25, 75")
        assert "ms=0.25,0.75" in link_query(page)
    # Reset brings the default shares back (a state that leaves them out),
    # Undo the typed ones, and Undo again the defaults, which the link leaves out.
    page.get_by_role("button", name="Reset to defaults").click()
    expect(field).to_have_value("50, 90")
    until(page, lambda: "ms=" not in link_query(page))
    page.get_by_role("button", name="Undo").click()
    expect(field).to_have_value("25, 75")
    until(page, lambda: "ms=0.25,0.75" in link_query(page))
    page.get_by_role("button", name="Undo").click()
    expect(field).to_have_value("50, 90")
    until(page, lambda: "ms=" not in link_query(page))
