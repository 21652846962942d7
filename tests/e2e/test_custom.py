"""Your own categories (docs/DESIGN.md §4.6, issue 12) in a real browser: add one
with the keyboard, name it, drag its markers by mouse, touch and keyboard
(each a role="slider" named "<name>, <year>"), and check getState(), the
address bar and the panel; remove it and undo; open its link afresh; names
full of markup, right-to-left marks and emoji show as text inside the card;
and the "Leave out of the aggregate" toggle.

Expected means are worked out here from the curve's formula (see
test_estimator.py), not read from the app.
"""

from __future__ import annotations

import re
import urllib.request
from typing import Any
from urllib.parse import quote, urlsplit

from playwright.sync_api import Browser, Locator, Page, expect

from tests.stated_values import DEFAULTS

from .conftest import LiveServer, PageGuard
from .helpers import api, ready, state
from .test_estimator import center, drag_by_mouse, open_estimator, plot_area, query_of, slope, year_mean_cell

START = {"2024": 0.1, "2025": 0.2, "2026": 0.3}  # a new category's markers (js/custom.js)
HOSTILE = "<img src=x onerror=alert(1)>"
RTL = "\u05e9\u05dc\u05d5\u05dd evil name \u05e9"  # right-to-left text (an override, U+202E, is refused in names)
EMOJI = "\U0001f600" * 60


def hand_mean(year_index: int, extra: list[float], weights: dict[str, float] | None = None) -> float:
    """Mean slope of a year over the ten defaults (with weights) and extra
    categories of weight 1 on the version-1 curve."""
    w = weights or {}
    num = sum(w.get(cid, 1.0) * slope(row[year_index]) for cid, row in DEFAULTS.items()) + sum(slope(x) for x in extra)
    den = sum(w.get(cid, 1.0) for cid in DEFAULTS) + len(extra)
    return num / den


def slider(page: Page, name: str, year: int) -> Locator:
    return page.get_by_role("slider", name=f"{name}, {year}", exact=True)


def custom_pos(page: Page, cid: str, year: int) -> float:
    return float(state(page)["estimates"][cid][str(year)])


def panel_means(page: Page) -> list[str]:
    return [year_mean_cell(page, y).inner_text() for y in (2024, 2025, 2026)]


def expect_panel_matches_server(page: Page, live_server: LiveServer) -> dict[str, Any]:
    """The panel shows what /api/analyze says of the link in the address bar."""
    analysis = api(live_server, urlsplit(page.url).query)
    for y in analysis["years"]:
        expect(year_mean_cell(page, y["year"])).to_have_text(re.compile(rf"^{y['mean_slope']:.2f}"))
    return analysis


def add_category(page: Page, name: str) -> None:
    """Add a category with the keyboard and type its name over the proposed one."""
    page.locator("#custom-add").focus()
    page.keyboard.press("Enter")
    field = page.locator(".card-custom .custom-name:focus")
    expect(field).to_be_visible()
    page.keyboard.type(name)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()


def test_add_name_drag_by_mouse_and_keyboard(page: Page, guard: PageGuard, live_server: LiveServer) -> None:
    open_estimator(page)
    expect(page.locator("#panel-title")).to_have_text("Across all ten")
    add_category(page, "Hardware bottlenecks")

    s = state(page)
    assert s["custom"] == {"u1": {"name": "Hardware bottlenecks", "group": "Your categories", "question": ""}}
    assert s["estimates"]["u1"] == START
    expect(page).to_have_url(re.compile(r"u1\.name=Hardware(%20|\+)bottlenecks"))
    assert query_of(page)["u1"] == ["0.1,0.2,0.3"]
    expect(page.locator("#panel-title")).to_have_text("Across all eleven")
    card = page.locator("#card-u1")
    expect(card.locator("xpath=ancestor::section[1]/h2")).to_have_text("Your categories")
    for i, y in enumerate((2024, 2025, 2026)):
        expect(year_mean_cell(page, y)).to_have_text(re.compile(rf"^{hand_mean(i, [START[str(y)]]):.2f}"))

    # Mouse: the 2026 marker a quarter of the plot to the right.
    m = slider(page, "Hardware bottlenecks", 2026)
    expect(m).to_have_attribute("aria-valuenow", "0.3")
    area = plot_area(page, "u1")
    drag_by_mouse(page, m, 0.25 * area["width"])
    x = custom_pos(page, "u1", 2026)
    assert abs(x - 0.55) <= 0.006, x
    expect(m).to_have_attribute("aria-valuenow", f"{x:g}")
    expect(page).to_have_url(re.compile(rf"u1=0\.1,0\.2,{x:g}(&|$)"))
    expect(year_mean_cell(page, 2026)).to_have_text(re.compile(rf"^{hand_mean(2, [x]):.2f}"))

    # Keyboard: Tab reaches the markers; arrows move the focused one.
    k = slider(page, "Hardware bottlenecks", 2025)
    k.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(k).to_have_attribute("aria-valuenow", "0.23")
    expect(k).to_have_attribute("aria-valuetext", re.compile(r"^Hardware bottlenecks, 2025: 0\.23"))
    expect(page).to_have_url(re.compile(rf"u1=0\.1,0\.23,{x:g}(&|$)"))
    expect(year_mean_cell(page, 2025)).to_have_text(re.compile(rf"^{hand_mean(1, [0.23]):.2f}"))
    analysis = expect_panel_matches_server(page, live_server)
    assert [c["name"] for c in analysis["categories"]][-1] == "Hardware bottlenecks"

    # Renaming in place relabels its markers and the link (the edit box opened with the card).
    expect(card.get_by_role("button", name="Edit")).to_have_attribute("aria-expanded", "true")
    name_field = card.get_by_label("Name")
    name_field.fill("Hardware supply")
    name_field.press("Enter")
    expect(slider(page, "Hardware supply", 2025)).to_have_attribute("aria-valuenow", "0.23")
    expect(page).to_have_url(re.compile(r"u1\.name=Hardware(%20|\+)supply"))
    assert state(page)["custom"]["u1"]["name"] == "Hardware supply"


def test_names_are_checked_inline(page: Page, guard: PageGuard) -> None:
    open_estimator(page)
    add_category(page, "Taste")
    card = page.locator("#card-u1")
    edit = card.get_by_role("button", name="Edit")
    edit.click()  # closes the box the new card opened with
    expect(card.get_by_label("Name")).to_be_hidden()
    edit.click()
    field = card.get_by_label("Name")
    error = card.locator(".field-error").first
    before = page.url

    field.fill("BUG fixes")  # a built-in's name, ignoring case
    expect(error).to_have_text(re.compile(r"“\u2068Bug fixes\u2069” is already a category here"))
    expect(field).to_have_attribute("aria-invalid", "true")
    field.press("Enter")
    field.fill("x" * 61)
    expect(error).to_have_text("A name is at most 60 characters; this one has 61.")
    field.fill("   ")
    expect(error).to_have_text("A name is needed (1 to 60 characters).")
    # Leaving the field: the card keeps its name and says why.
    page.locator("#custom-add").focus()
    expect(field).to_have_value("Taste")
    expect(error).to_have_text("Not renamed: A name is needed (1 to 60 characters).")
    assert state(page)["custom"]["u1"]["name"] == "Taste"
    assert page.url == before


def test_touch_drag_of_a_new_category(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(
        base_url=live_server.url, has_touch=True, is_mobile=True, viewport={"width": 375, "height": 740}
    )
    page = context.new_page()
    guard = PageGuard(page, live_server.url)
    try:
        open_estimator(page)
        page.locator("#custom-add").tap()
        page.keyboard.type("Chip fabs")
        page.keyboard.press("Enter")
        m = slider(page, "Chip fabs", 2024)
        expect(m).to_have_attribute("aria-valuenow", "0.1")
        # The edit box is open above the chart: the marker must be on screen to be touched.
        m.scroll_into_view_if_needed()
        area = plot_area(page, "u1")
        x, y = center(m)
        cdp = context.new_cdp_session(page)
        # What the finger must feel: the chart stays put under it. (scrollY
        # itself may move: when a sentence above grows a line during the drag,
        # scroll anchoring shifts scrollY to keep the chart where it is.)
        top = area["y"]
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
        for i in range(1, 11):
            point = {"x": x + 0.04 * area["width"] * i, "y": y - 2 * i}
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        assert abs(plot_area(page, "u1")["y"] - top) <= 1
        moved = custom_pos(page, "u1", 2024)
        assert abs(moved - 0.5) <= 0.01, moved
        expect(m).to_have_attribute("aria-valuenow", f"{moved:g}")
        expect(page).to_have_url(re.compile(rf"u1={moved:g},0\.2,0\.3"))
        expect(year_mean_cell(page, 2024)).to_have_text(re.compile(rf"^{hand_mean(0, [moved]):.2f}"))
        assert guard.errors == [] and guard.foreign == []
    finally:
        context.close()


def test_remove_is_one_undoable_step(page: Page, guard: PageGuard) -> None:
    open_estimator(page, "?u1.name=Kept&u1=0.2,0.3,0.4&u2.name=Dropped&u2.group=Data&u2=0.3,0.5,0.7&u2.w=2")
    expect(page.locator("#panel-title")).to_have_text("Across all twelve")
    # In the group it names, after that group's built-in cards.
    expect(page.locator("section[data-group='Data'] .card").last).to_have_id("card-u2")
    page.locator("#card-u2").get_by_role("button", name="Remove Dropped").click()
    expect(page.locator("#card-u2")).to_have_count(0)
    expect(page.locator("#custom-add")).to_be_focused()
    s = state(page)
    assert set(s["custom"]) == {"u1"} and "u2" not in s["estimates"] and "u2" not in s["weights"]
    expect(page).not_to_have_url(re.compile(r"u2"))
    expect(page.locator("#panel-title")).to_have_text("Across all eleven")
    expect(year_mean_cell(page, 2026)).to_have_text(re.compile(rf"^{hand_mean(2, [0.4]):.2f}"))

    page.locator("#undo").click()
    expect(slider(page, "Dropped", 2026)).to_have_attribute("aria-valuenow", "0.7")
    s = state(page)
    assert s["custom"]["u2"] == {"name": "Dropped", "group": "Data", "question": ""}
    assert s["estimates"]["u2"] == {"2024": 0.3, "2025": 0.5, "2026": 0.7}
    assert s["weights"]["u2"] == 2
    expect(page).to_have_url(re.compile(r"u2\.name=Dropped&u2\.group=Data&u2=0\.3,0\.5,0\.7&u2\.w=2"))
    expect(page.locator("section[data-group='Data'] .card").last).to_have_id("card-u2")
    page.locator("#redo").click()
    expect(page.locator("#card-u2")).to_have_count(0)


def test_the_link_reopens_with_the_card_drawn_by_the_server(
    page: Page, guard: PageGuard, browser: Browser, live_server: LiveServer
) -> None:
    open_estimator(page)
    page.select_option("#custom-add-group", "Conceptual")
    add_category(page, "Evaluation design")
    slider(page, "Evaluation design", 2025).focus()
    page.keyboard.press("PageUp")  # +0.1
    expect(page).to_have_url(re.compile(r"u1=0\.1,0\.3,0\.3"))
    link = page.url
    # The CSV export (the page's own link to it) has the category's rows, by name and group.
    href = page.locator("#export-csv").get_attribute("href")
    assert href is not None and "u1.name=Evaluation" in href
    with urllib.request.urlopen(live_server.url + href) as r:
        rows = [line for line in r.read().decode().splitlines() if ",u1," in line or line.startswith("u1,")]
    assert rows and all("Evaluation design" in row and "Conceptual" in row for row in rows), rows

    with urllib.request.urlopen(link) as r:
        html = r.read().decode()
    assert 'id="card-u1"' in html and '<h3 id="name-u1">Evaluation design</h3>' in html
    card_html = html[html.index('id="card-u1"') :]
    assert card_html.index('class="plot-static"') < card_html.index("</article>")  # the first-paint chart
    assert "Across all eleven" in html

    fresh = browser.new_page(base_url=live_server.url)
    fresh_guard = PageGuard(fresh, live_server.url)
    try:
        open_estimator(fresh, "?" + urlsplit(link).query)
        expect(slider(fresh, "Evaluation design", 2025)).to_have_attribute("aria-valuenow", "0.3")
        expect(fresh.locator("section[data-group='Conceptual'] .card").last).to_have_id("card-u1")
        assert state(fresh)["custom"] == {"u1": {"name": "Evaluation design", "group": "Conceptual", "question": ""}}
        assert panel_means(fresh) == panel_means(page)
        assert fresh_guard.errors == []
    finally:
        fresh.close()

    # Without JavaScript, the table lists it by name.
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    nojs = context.new_page()
    try:
        nojs.goto("/?" + urlsplit(link).query)
        expect(nojs.locator("#values-categories tbody tr").last.locator("th")).to_have_text("Evaluation design")
    finally:
        context.close()


def test_hostile_names_are_text_and_stay_in_their_card(page: Page, guard: PageGuard) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    q = "<script>alert(2)</script>"
    query = "&".join(
        [
            f"u1.name={quote(HOSTILE)}",
            f"u1.q={quote(q)}",
            "u1=0.2,0.3,0.4",
            f"u2.name={quote(RTL)}",
            "u2=0.1,0.2,0.3",
            f"u3.name={quote(EMOJI)}",
            "u3=0.3,0.4,0.5",
            f"title={quote('“Quotes” & <b>bold</b>')}",
        ]
    )
    open_estimator(page, "?" + query)
    expect(page.locator("#name-u1")).to_have_text(HOSTILE)
    expect(page.locator("#card-u1 .question")).to_have_text(q)
    expect(page.locator("#name-u2")).to_have_text(RTL)
    expect(page.locator("#name-u3")).to_have_text(EMOJI)
    assert page.locator(".card img, .card script, #page-title b").count() == 0
    expect(slider(page, HOSTILE, 2026)).to_have_attribute("aria-valuenow", "0.4")

    # A name typed in is text too.
    add_category(page, '"><svg onload=alert(3)>')
    expect(page.locator("#name-u4")).to_have_text('"><svg onload=alert(3)>')
    assert page.locator(".card-head svg").count() == 0

    # Nothing breaks out of its card: headings wrap inside, cards keep the grid's width.
    width = page.locator("#card-bug_fixes").bounding_box()["width"]  # type: ignore[index]
    for cid in ("u1", "u2", "u3", "u4"):
        card = page.locator(f"#card-{cid}").bounding_box()
        head = page.locator(f"#name-{cid}").bounding_box()
        assert card is not None and head is not None
        assert abs(card["width"] - width) < 1, cid
        assert head["x"] >= card["x"] and head["x"] + head["width"] <= card["x"] + card["width"] + 0.5, cid
    expect(page.locator("#panel-title")).to_have_text("Across all fourteen")

    # The values table and the PNG export take the names as text as well.
    page.locator("#values-block summary").click()
    expect(page.locator("#values-categories tbody th").filter(has_text="onerror")).to_have_text(HOSTILE)
    with page.expect_download() as download:
        page.locator("#card-u1 .save-png").click()
    assert download.value.suggested_filename == "scurve-u1.png"
    # The export's title, as Plotly draws it, is the name's text: no tag read, no link made.
    drawn = page.evaluate(
        """async () => {
        const png = await import("/static/js/png.js");
        const card = document.getElementById("card-u1");
        const chart = {figure: () => ({data: [], layout: {}}), defaults: new Map(), compares: new Map(),
          markers: new Map(), name: card.querySelector("h3").textContent,
          cat: {question: card.querySelector(".question").textContent}};
        const div = document.createElement("div");
        document.body.append(div);
        const fig = png.exportFigure(chart, new Map(), false);
        await Plotly.newPlot(div, fig.data, fig.layout);
        const out = [div.querySelector(".gtitle").textContent, div.querySelectorAll(".gtitle a, img").length];
        Plotly.purge(div);
        div.remove();
        return out;
    }"""
    )
    assert drawn == [HOSTILE + q, 0]
    page.wait_for_timeout(300)
    assert dialogs == []


def test_leave_out_of_the_aggregate_and_back(page: Page, guard: PageGuard) -> None:
    open_estimator(page, "?synthetic_data.w=2")
    box = page.locator("#card-bug_fixes").get_by_label("Leave out of the aggregate")
    box.check()
    expect(page).to_have_url(re.compile(r"bug_fixes\.w=0"))
    assert state(page)["weights"] == {"bug_fixes": 0, "synthetic_data": 2}
    weights = {"bug_fixes": 0.0, "synthetic_data": 2.0}
    expect(year_mean_cell(page, 2026)).to_have_text(re.compile(rf"^{hand_mean(2, [], weights):.2f}"))
    expect(page.locator("#card-bug_fixes")).to_have_class(re.compile(r"\bis-left-out\b"))

    # Back in: the weight it had before (2 for synthetic data, here 1).
    sd = page.locator("#card-synthetic_data").get_by_label("Leave out of the aggregate")
    sd.check()
    expect(page).to_have_url(re.compile(r"synthetic_data\.w=0"))
    sd.uncheck()
    expect(page).to_have_url(re.compile(r"synthetic_data\.w=2"))
    box.uncheck()
    expect(page).not_to_have_url(re.compile(r"bug_fixes\.w="))
    assert state(page)["weights"] == {"synthetic_data": 2}
    # One undo step each.
    page.locator("#undo").click()
    expect(box).to_be_checked()


def test_at_most_ten_of_your_own(page: Page, guard: PageGuard) -> None:
    query = "&".join(f"u{i}.name=C{i}&u{i}=0.1,0.2,0.3" for i in range(1, 10))
    open_estimator(page, "?" + query)
    add = page.locator("#custom-add")
    expect(add).to_be_enabled()
    add.click()
    expect(page.locator("#card-u10")).to_have_count(1)
    expect(add).to_be_disabled()
    expect(page.locator("#custom-add-why")).to_have_text(re.compile(r"^You have 10 of your own"))
    expect(page.locator("#panel-title")).to_have_text("Across all twenty")


def test_changing_the_group_moves_the_card(page: Page, guard: PageGuard) -> None:
    open_estimator(page, "?u1.name=Mine&u1=0.2,0.3,0.4")
    card = page.locator("#card-u1")
    card.get_by_role("button", name="Edit").click()
    group = card.get_by_label("Group")
    group.fill("Data")
    group.press("Enter")
    expect(page.locator("section[data-group='Data'] .card").last).to_have_id("card-u1")
    expect(page.locator("section[data-group='Your categories']")).to_have_count(0)  # left empty, it goes
    expect(group).to_be_focused()
    expect(page).to_have_url(re.compile(r"u1\.name=Mine&u1\.group=Data&u1=0\.2,0\.3,0\.4"))
    group.fill("x" * 41)
    expect(card.locator(".field-error").nth(1)).to_have_text("At most 40 characters; this has 41.")
    group.fill("")
    group.press("Enter")  # empty: back to the default group, a section of its own after the built-in ones
    expect(page.locator("section.group").last).to_have_attribute("data-group", "Your categories")
    assert state(page)["custom"]["u1"]["group"] == "Your categories"
    page.locator("#undo").click()
    expect(page.locator("section[data-group='Data'] .card").last).to_have_id("card-u1")


def test_a_range_on_your_own_category(page: Page, guard: PageGuard, live_server: LiveServer) -> None:
    """A category added on the page gets "Add range" and end handles like the
    ten; its interval is the API's, and a link with it reopens with handles."""
    open_estimator(page)
    add_category(page, "Robotics")
    page.get_by_role("button", name="Add range: Robotics, 2026").click()
    # x = 0.3: the default range is ±0.05.
    expect(page).to_have_url(re.compile(r"u1\.lo=,,0\.25&u1\.hi=,,0\.35"))
    assert state(page)["ranges"] == {"u1": {"2026": [0.25, 0.35]}}
    hi = page.get_by_role("slider", name="Robotics, 2026, high end of range", exact=True)
    expect(hi).to_have_attribute("aria-valuenow", "0.35")
    hi.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    expect(hi).to_have_attribute("aria-valuenow", "0.4")
    expect(page).to_have_url(re.compile(r"u1\.hi=,,0\.4(&|$)"))
    # The readout's interval is the server's for this link.
    cell = page.locator("#card-u1 .readout tr[data-year='2026'] .range-interval")
    expect(cell).not_to_have_class(re.compile("stale"))
    answer = api(live_server, urlsplit(page.url).query)
    band = next(b for b in answer["uncertainty"]["categories"]["u1"] if b["year"] == 2026)
    expect(cell).to_have_text(re.compile(rf"^90%: slope {band['slope'][0]:.2f} to {band['slope'][2]:.2f} · "))
    # Reopened from its link, the server-drawn card has its handles too.
    ready(page, page.url)
    expect(page.get_by_role("slider", name="Robotics, 2026, low end of range", exact=True)).to_have_attribute(
        "aria-valuenow", "0.25"
    )
    expect(page.get_by_role("slider", name="Robotics, 2026, high end of range", exact=True)).to_have_attribute(
        "aria-valuenow", "0.4"
    )


def test_your_names_keep_their_capitals_in_sentences(page: Page, guard: PageGuard) -> None:
    # 0.25 then 0.4 on the version-1 curve: slope 0.70, then 1.97, so newly super-critical in 2026.
    open_estimator(page, "?u1.name=Robotics%20labs&u1=0.1,0.25,0.4")
    expect(page.locator("#panel-signals")).to_contain_text("automated experiments and Robotics labs")
