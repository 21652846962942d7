"""The estimator page around the charts: the table without JavaScript, a
link with problems, the claims of a category, the PNG export with its
markers, the compared view, default markers, and the phone layout."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from .conftest import LiveServer, PageGuard
from .helpers import in_view_box
from .test_estimator import DEFAULTS, marker, mean_slope, open_estimator, plot_area, slope, state, uplift

# -- a PNG reader (8-bit RGB or RGBA, as browsers write them) ------------------


def read_png(data: bytes) -> tuple[int, int, int, bytes]:
    """Width, height, bytes per pixel and the unfiltered pixel rows."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    width = height = bpp = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6), (depth, color)
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    out = bytearray()
    prev = bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out += line
        prev = line
    return width, height, bpp, bytes(out)


def has_colour_near(png: tuple[int, int, int, bytes], cx: int, cy: int, rgb: tuple[int, int, int]) -> bool:
    width, height, bpp, px = png
    for y in range(max(0, cy - 12), min(height, cy + 13)):
        for x in range(max(0, cx - 12), min(width, cx + 13)):
            i = (y * width + x) * bpp
            if all(abs(px[i + k] - rgb[k]) <= 12 for k in range(3)):
                return True
    return False


# -- tests ----------------------------------------------------------------------


def test_without_javascript_the_page_is_a_table(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/?v=1&years=2025,2026&bug_fixes=0.6,0.7")
        table = page.locator("#values-categories")
        expect(table).to_be_visible()
        row = table.locator("tbody tr", has=page.locator("th", has_text="Bug fixes"))
        cells = row.locator("td")
        expect(cells.nth(0)).to_have_text("0.600")
        expect(cells.nth(1)).to_have_text(f"{slope(0.6):.2f}")
        expect(cells.nth(2)).to_contain_text("past the midpoint")
        # Per-year aggregates and the sentence are there too.
        years = page.locator("#values-years tbody tr")
        expect(years).to_have_count(2)
        mean_2026 = mean_slope(2, {"bug_fixes": 0.7})
        expect(years.nth(1).locator("td").first).to_contain_text(f"{mean_2026:.2f}")
        expect(page.locator(".values-summary")).to_contain_text("super-critical in 2026")
        # The interactive parts are not shown.
        expect(page.locator(".workspace")).to_be_hidden()
        expect(page.locator("#toolbar")).to_be_hidden()
    finally:
        context.close()


def test_a_link_with_problems_shows_them_and_keeps_the_rest(page: Page, guard: PageGuard) -> None:
    open_estimator(page, "?v=1&bug_fixes=0.5,oops,0.7&chip_design=0.2,0.3,0.4&colour=blue")
    alert = page.locator("#messages [role=alert]")
    expect(alert).to_contain_text("bug_fixes")
    expect(alert).to_contain_text("oops")
    expect(page.locator("#messages .msg-quiet")).to_contain_text("colour")
    s = state(page)
    assert s["estimates"]["bug_fixes"] == {"2024": 0.3, "2025": 0.42, "2026": 0.55}  # at its defaults
    assert s["estimates"]["chip_design"] == {"2024": 0.2, "2025": 0.3, "2026": 0.4}  # as linked
    # The address bar shows the permalink of what is on screen: repaired.
    expect(page).to_have_url(re.compile(r"bug_fixes=0\.3,0\.42,0\.55&.*chip_design=0\.2,0\.3,0\.4"))
    assert "colour" not in page.url


def test_claims_button_lists_the_category_claims(page: Page, guard: PageGuard) -> None:
    open_estimator(page)
    button = page.locator("#card-chip_design .claims-btn")
    expect(button).to_have_text("1 claim")
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    panel = page.locator("#claims-chip_design")
    expect(panel.locator("li.claim")).to_have_count(1)
    expect(panel).to_contain_text("Google DeepMind")
    expect(panel).to_contain_text("AlphaChip")
    expect(panel.locator(".stance")).to_have_text("for")
    expect(panel.locator(".stance svg")).to_have_count(1)  # a shape, not colour alone
    expect(panel.locator("time")).to_have_attribute("datetime", "2024-09-26")
    expect(panel.locator("a.claims-more")).to_have_attribute("href", "/claims?category=chip_design")
    # Enter on the focused button closes it again.
    button.focus()
    page.keyboard.press("Enter")
    expect(panel).to_be_hidden()
    # Every chart's count is the number of appendix claims naming it.
    counts = page.evaluate("JSON.parse(document.getElementById('scurve-data').textContent).claims_count")
    for cid, n in counts.items():
        btn = page.locator(f"#card-{cid} .claims-btn")
        if n:
            expect(btn).to_have_text(f"{n} claim{'' if n == 1 else 's'}")
        else:
            expect(btn).to_have_count(0)


def test_save_png_draws_the_markers(page: Page, guard: PageGuard, tmp_path: Path) -> None:
    open_estimator(page)
    with page.expect_download() as info:
        page.locator("#card-bug_fixes .save-png").click()
    download = info.value
    assert download.suggested_filename == "scurve-bug_fixes.png"
    target = tmp_path / "chart.png"
    download.save_as(target)
    png = read_png(target.read_bytes())
    assert (png[0], png[1]) == (1640, 1040)  # 820 x 520 at scale 2
    # Each year's marker is drawn where its estimate sits on the curve
    # (plot area 64..796 x 70..460 at scale 1, y from 0 to 1.05).
    colours = {2024: (0x00, 0x72, 0xB2), 2025: (0xD5, 0x5E, 0x00), 2026: (0x00, 0x9E, 0x73)}
    for i, (year, rgb) in enumerate(colours.items()):
        x = DEFAULTS["bug_fixes"][i]
        px = 2 * (64 + x * 732)
        py = 2 * (70 + (1 - uplift(x) / 1.05) * 390)
        assert has_colour_near(png, round(px), round(py), rgb), year
    # And not where there is no marker.
    assert not has_colour_near(png, round(2 * (64 + 0.9 * 732)), round(2 * (70 + 0.5 * 390)), colours[2024])


def test_compared_view_is_drawn_hollow_with_a_legend(page: Page, guard: PageGuard) -> None:
    open_estimator(page, "?v=1&bug_fixes=0.3,0.42,0.55&vs.years=2025&vs.bug_fixes=0.7&vs.title=Theirs")
    ghosts = page.locator("#card-bug_fixes .ghost-compare")
    expect(ghosts).to_have_count(1)
    expect(ghosts.first).to_be_visible()
    expect(page.locator("#legend")).to_contain_text("compared view (Theirs)")
    expect(page.locator("#panel-compare")).to_contain_text("Compared view:")
    expect(page.locator("#forecast-chart path.compare-line")).to_have_count(1)
    expect(page.locator("#years-chart rect.bar-compare")).to_have_count(1)
    # The hollow marker stands at the compared estimate on the curve.
    area = plot_area(page, "bug_fixes")
    box = ghosts.first.bounding_box()
    assert box is not None
    assert abs(box["x"] + box["width"] / 2 - (area["x"] + 0.7 * area["width"])) <= 1.5
    assert abs(box["y"] + box["height"] / 2 - (area["y"] + (1 - uplift(0.7) / 1.05) * area["height"])) <= 1.5


def test_default_markers_can_be_shown(page: Page, guard: PageGuard) -> None:
    open_estimator(page, "?v=1&bug_fixes=0.6,0.7,0.8")
    faint = page.locator("#card-bug_fixes .ghost-default")
    expect(faint.first).to_be_hidden()
    page.locator("#show-defaults").check()
    expect(faint).to_have_count(3)
    area = plot_area(page, "bug_fixes")
    box = faint.nth(1).bounding_box()
    assert box is not None
    assert abs(box["x"] + box["width"] / 2 - (area["x"] + 0.42 * area["width"])) <= 1.5
    expect(marker(page, "bug_fixes", 2025)).to_have_attribute("aria-valuenow", "0.7")


def test_phone_layout_has_no_sideways_scroll(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    guard = PageGuard(page, live_server.url)
    try:
        open_estimator(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        # One chart per row, each as wide as the column.
        boxes = [page.locator(f"#card-{cid}").bounding_box() for cid in ("bug_fixes", "supporting_structures")]
        assert boxes[0] and boxes[1] and boxes[1]["y"] > boxes[0]["y"] + boxes[0]["height"] - 1
        assert boxes[0]["width"] >= 330
        # The strip at the foot shows once the headline is scrolled away.
        page.mouse.move(200, 400)
        page.mouse.wheel(0, 1200)
        expect(page.locator("#live-strip")).to_be_visible()
        expect(page.locator("#live-strip")).to_contain_text(f"2026: mean slope {mean_slope(2):.2f}")
        assert guard.errors == [] and guard.foreign == []
    finally:
        context.close()


def test_markers_stay_on_their_curves_when_the_window_resizes(page: Page, guard: PageGuard) -> None:
    page.set_viewport_size({"width": 1440, "height": 900})
    open_estimator(page)
    page.set_viewport_size({"width": 820, "height": 900})
    m = marker(page, "data_cleaning_ordering", 2026)
    in_view_box(page, m)

    def on_curve() -> bool:
        area = plot_area(page, "data_cleaning_ordering")
        box = m.bounding_box()
        assert box is not None
        cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        x = DEFAULTS["data_cleaning_ordering"][2]
        return (
            abs(cx - (area["x"] + x * area["width"])) <= 1.5
            and abs(cy - (area["y"] + (1 - uplift(x) / 1.05) * area["height"])) <= 1.5
        )

    # The resize observer redraws over the next frames while the page reflows
    # around it: wait until the marker is on its curve on consecutive reads,
    # not on one read taken mid-reflow.
    settled = 0
    for _ in range(60):
        settled = settled + 1 if on_curve() else 0
        if settled == 3:
            break
        page.wait_for_timeout(100)
    assert settled == 3
    area = plot_area(page, "data_cleaning_ordering")
    assert area["width"] < 700  # the chart did shrink with the window
