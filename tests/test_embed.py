"""Previews and embeds (SPEC section 11): /preview.png, /embed, /oembed, the
link-preview tags of /, and the framing rules."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from fastapi.testclient import TestClient

from app import drawing
from app.fontmetrics import ellipsize, metrics, wrap
from app.routes.embed import split_embed

from .conftest import ROOT
from .pngread import SIGNATURE, dark_pixels, decode, size

VIEW_A = "v=1&bug_fixes=0.3,0.42,0.55&title=View%20A"
VIEW_B = "v=1&bug_fixes=0.6,0.7,0.8&horizon=2040&title=View%20B"
EMOJI_80 = "😀" * 80


def _meta(html: str, attr: str) -> list[str]:
    return [unescape(m) for m in re.findall(rf'<meta {re.escape(attr)} content="([^"]*)"', html)]


# -- /preview.png --------------------------------------------------------------


def test_preview_is_a_1200_by_630_png(client: TestClient) -> None:
    r = client.get(f"/preview.png?{VIEW_A}")
    assert r.status_code == 200
    assert r.headers["content-type"] == "image/png"
    assert r.content[:8] == SIGNATURE
    assert size(r.content) == (1200, 630)


def test_two_views_give_two_images(client: TestClient) -> None:
    a = client.get(f"/preview.png?{VIEW_A}").content
    b = client.get(f"/preview.png?{VIEW_B}").content
    assert a != b


@pytest.mark.parametrize(
    "title",
    [
        "<script>alert(\"x\")</script> & <b>bold</b> 'quoted' ]]> <!--",
        EMOJI_80,
        "\u202eRTL override \u200f mark עברית العربية",
        "W" * 80,
    ],
)
def test_odd_titles_render(client: TestClient, title: str) -> None:
    r = client.get(f"/preview.png?title={quote(title)}")
    assert r.status_code == 200, r.text
    assert size(r.content) == (1200, 630)


def test_preview_of_a_bad_query_is_the_analyze_400(client: TestClient) -> None:
    bad = "bug_fixes=2,0.5,0.6"
    r = client.get(f"/preview.png?{bad}")
    assert r.status_code == 400
    assert r.headers["content-type"] == "application/json"
    assert r.json() == client.get(f"/api/analyze?{bad}").json()
    assert r.json()["errors"][0]["loc"] == ["query", "bug_fixes"]


def test_preview_caching_headers_and_304(client: TestClient) -> None:
    r = client.get(f"/preview.png?{VIEW_A}")
    etag = r.headers["etag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag), "a strong ETag"
    assert r.headers["cache-control"] == "public, max-age=86400"
    again = client.get(f"/preview.png?{VIEW_A}", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    other = client.get(f"/preview.png?{VIEW_A}", headers={"if-none-match": '"0000"'})
    assert other.status_code == 200 and other.content == r.content
    assert client.get(f"/preview.png?{VIEW_B}").headers["etag"] != etag


# -- the drawings ----------------------------------------------------------------


def test_font_widths_match_dejavu_sans_advances() -> None:
    # DejaVu Sans (2048 units per em): s 1067, c 1126, u 1298, r 842, v 1212, e 1260.
    assert metrics().width("scurve", 2048) == pytest.approx(1067 + 1126 + 1298 + 842 + 1212 + 1260)
    # A right-to-left mark takes no room; a character the font lacks takes the box's.
    assert metrics().width("a\u200fb", 10) == pytest.approx(metrics().width("ab", 10))
    assert metrics().width("\U000e0001", 2048) == metrics().advances[0]


@pytest.mark.parametrize("text", [EMOJI_80, "W" * 80, "a " * 40, "x" * 300, "\u202eabc " * 20])
def test_wrapped_lines_fit_their_width(text: str) -> None:
    for bold in (False, True):
        lines = wrap(text, 42, 1088, 2, bold=bold)
        assert 1 <= len(lines) <= 2
        assert all(metrics(bold).width(line, 42) <= 1088 for line in lines)
        assert ellipsize(text, 24, 300, bold=bold).endswith("…")


def _analysis(client: TestClient, query: str = "") -> dict[str, object]:
    result: dict[str, object] = client.get(f"/api/analyze?{query}").json()
    return result


def test_forecast_draws_bands_only_when_the_analysis_has_them(client: TestClient) -> None:
    a = _analysis(client)
    assert "fc-band" not in drawing.forecast_chart(a, 400, 200)
    assert "fc-band" not in drawing.forecast_chart({**a, "uncertainty": None}, 400, 200)
    assert "fc-band" not in drawing.forecast_chart({**a, "uncertainty": {"forecast": None}}, 400, 200)
    forecast = a["forecast"]
    assert isinstance(forecast, dict)
    t = forecast["t"]
    bands = {k: [1.0 + f] * len(t) for k, f in (("p5", -0.5), ("p25", -0.25), ("p50", 0), ("p75", 0.25), ("p95", 0.5))}
    bands["p5"][3] = None  # a gap: the outer band is drawn in two pieces
    drawn = drawing.forecast_chart({**a, "uncertainty": {"forecast": {"mean_slope": bands}}}, 400, 200, size=10)
    paths = re.findall(r'<path d="M([^"]*)Z"[^>]*class="fc-band"', drawn)
    assert len(paths) == 3
    # The inner band's first point: the left edge of the plot at p75 = 1.25.
    # Box: left 3.4 * 10 = 34, top 12, bottom 200 - 20 = 180; the axis top is
    # max(2, values) * 1.12 rounded up to a quarter = 2.25 (the defaults' forecast peaks near 1.7).
    x0, y0 = (float(v) for v in paths[2].split("L")[0].split(","))
    assert x0 == pytest.approx(34, abs=0.05)
    assert y0 == pytest.approx(180 - 168 * 1.25 / 2.25, abs=0.05)


def test_preview_without_system_fonts_draws_its_title(tmp_path: Path) -> None:
    """Fontconfig pointed at an empty folder: only the bundled font exists,
    and the title's pixels are still inked."""
    (tmp_path / "fonts.conf").write_text(
        '<?xml version="1.0"?><fontconfig><dir>' + str(tmp_path) + "</dir></fontconfig>"
    )
    script = (
        "import json, sys\n"
        "from app.engine import Engine\n"
        "from app import preview\n"
        "a = json.loads(Engine.from_dir(None).analyze_query('')[1])\n"
        "svg = preview.preview_svg(a, 'Where does AI stand?')\n"
        "if sys.argv[1] == 'blank':\n"
        "    import re; svg = re.sub(r'<text[^>]*font-size=\"42\"[^>]*>.*?</text>', '', svg)\n"
        "sys.stdout.buffer.write(preview.render_png(svg))\n"
    )
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(tmp_path / "fonts.conf"),
        "FONTCONFIG_PATH": str(tmp_path),
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path),
    }
    title_box = (56, 85, 600, 135)  # the first line of the title, 42 px bold at baseline 122
    inked = {}
    for case in ("title", "blank"):
        out = subprocess.run(
            [sys.executable, "-c", script, case], cwd=ROOT, env=env, capture_output=True, check=True, timeout=60
        )
        inked[case] = dark_pixels(decode(out.stdout, max_rows=140), title_box)
    assert inked["blank"] == 0  # the box holds nothing but the title
    assert inked["title"] > 2000  # "Where does AI stand?" at 42 px bold


# -- / : link previews and oEmbed discovery ----------------------------------------


def test_page_names_its_preview_and_oembed_from_the_request(client: TestClient) -> None:
    html = client.get(f"/?{VIEW_A}").text
    canonical = client.get(f"/api/analyze?{VIEW_A}").json()["permalink"]
    (image,) = _meta(html, 'property="og:image"')
    assert image == "http://testserver/preview.png?" + canonical.removeprefix("/?")
    assert _meta(html, 'name="twitter:image"') == [image]
    assert _meta(html, 'property="og:image:width"') == ["1200"]
    assert _meta(html, 'property="og:image:height"') == ["630"]
    assert _meta(html, 'name="twitter:card"') == ["summary_large_image"]
    (link,) = re.findall(r'<link rel="alternate" type="application/json\+oembed" href="([^"]*)" title="([^"]*)">', html)
    href = urlsplit(unescape(link[0]))
    assert (href.scheme, href.netloc, href.path) == ("http", "testserver", "/oembed")
    assert parse_qs(href.query) == {"url": ["http://testserver" + canonical], "format": ["json"]}
    assert unescape(link[1]) == "View A"


def test_page_uses_the_public_url_where_set(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCURVE_PUBLIC_URL", "https://scurve.example.org/")
    html = client.get(f"/?{VIEW_A}").text
    (image,) = _meta(html, 'property="og:image"')
    assert image.startswith("https://scurve.example.org/preview.png?v=2&")
    assert "title=View%20A" in image and "bug_fixes=0.3,0.42,0.55" in image
    assert "oembed?url=https%3A%2F%2Fscurve.example.org%2F%3Fv%3D2" in html


# -- /embed -------------------------------------------------------------------------


def test_embed_page_is_framable_by_any_site_and_runs_no_script(client: TestClient) -> None:
    r = client.get(f"/embed?{VIEW_A}&embed=chip_design")
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors *" in csp and "script-src 'none'" in csp
    assert "x-frame-options" not in r.headers
    html = r.text
    assert "<script" not in html and "plotly" not in html.lower()
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 3  # bars, forecast, Chip design
    assert 'aria-label="Chip design: your marks"' in html
    assert "unknown parameter" not in html
    canonical = client.get(f"/api/analyze?{VIEW_A}").json()["permalink"]
    links = re.findall(r'<a class="embed-open" href="([^"]*)" target="_blank" rel="noopener">', html)
    assert [unescape(u) for u in links] == [canonical]


@pytest.mark.parametrize("path", ["/", "/claims", "/about", "/api/analyze", "/preview.png", "/oembed"])
def test_every_other_route_keeps_self_only_framing(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert "frame-ancestors 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "SAMEORIGIN"


def test_embed_escapes_a_title_of_markup(client: TestClient) -> None:
    html = client.get("/embed?title=" + quote('<img src=x onerror="alert(1)">')).text
    assert "<img" not in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html


def test_embed_of_a_bad_query_is_a_page_with_the_message(client: TestClient) -> None:
    r = client.get("/embed?bug_fixes=2,0.5,0.6")
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("text/html")
    assert (
        "This view cannot be shown" in r.text
        and "`bug_fixes` has 2, outside [0, 1]; it must list 3 positions" in r.text
    )
    assert "frame-ancestors *" in r.headers["content-security-policy"]  # shown inside the frame


@pytest.mark.parametrize("query", ["embed=nope", "embed=bug_fixes&embed=chip_design", "embed="])
def test_embed_of_an_unknown_category_names_embed(client: TestClient, query: str) -> None:
    r = client.get(f"/embed?{query}")
    assert r.status_code == 400
    assert "`embed`" in r.text


def test_split_embed_keeps_the_rest_of_the_query_as_sent() -> None:
    assert split_embed("embed=a&v=1&title=x%26y&embed%3D=b") == ("v=1&title=x%26y&embed%3D=b", ["a"])
    assert split_embed("") == ("", [])


# -- /oembed ------------------------------------------------------------------------


def _oembed(client: TestClient, url: str, **params: str) -> tuple[int, dict[str, object]]:
    query = "&".join([f"url={quote(url, safe='')}", *(f"{k}={v}" for k, v in params.items())])
    r = client.get(f"/oembed?{query}")
    return r.status_code, r.json()


def test_oembed_answers_a_rich_iframe_of_the_embed(client: TestClient) -> None:
    status, body = _oembed(client, f"http://testserver/?{VIEW_A}", format="json")
    assert status == 200
    canonical = client.get(f"/api/analyze?{VIEW_A}").json()["permalink"].removeprefix("/?")
    assert {k: v for k, v in body.items() if k != "html"} == {
        "version": "1.0",
        "type": "rich",
        "provider_name": "scurve",
        "provider_url": "http://testserver/",
        "title": "View A",
        "width": 600,
        "height": 430,
        "thumbnail_url": f"http://testserver/preview.png?{canonical}",
        "thumbnail_width": 1200,
        "thumbnail_height": 630,
        "cache_age": 86400,
    }
    # A box that is a size container, and a frame whose height follows the
    # box's width: 430 from 560 px wide (two columns), 810 below (one).
    src = re.fullmatch(
        r'<div style="container-type:inline-size;max-width:600px"><iframe src="([^"]*)" width="600" height="430" '
        r'style="display:block;width:100%;height:clamp\(430px,\(560px - 100cqw\) \* 1000,810px\);border:0" '
        r'loading="lazy" title="View A"></iframe></div>',
        str(body["html"]),
    )
    assert src is not None
    assert unescape(src.group(1)) == f"http://testserver/embed?{canonical}"


def test_oembed_of_an_embed_url_keeps_its_category(client: TestClient) -> None:
    status, body = _oembed(client, "http://testserver/embed?embed=chip_design")
    assert status == 200
    assert "&amp;embed=chip_design" in str(body["html"])
    assert body["height"] == 640 and "height:clamp(640px,(560px - 100cqw) * 1000,1060px)" in str(body["html"])


@pytest.mark.parametrize(
    ("params", "width", "height"),
    [
        ({"maxwidth": "1000"}, 600, 430),
        ({"maxwidth": "600", "maxheight": "300"}, 600, 300),
        ({"maxwidth": "400"}, 400, 810),  # one column of charts: taller
        ({"maxwidth": "320", "maxheight": "500"}, 320, 500),
    ],
)
def test_oembed_respects_maxwidth_and_maxheight(
    client: TestClient, params: dict[str, str], width: int, height: int
) -> None:
    status, body = _oembed(client, "http://testserver/", **params)
    assert status == 200
    assert (body["width"], body["height"]) == (width, height)
    html = str(body["html"])
    assert f'max-width:{width}px"><iframe' in html and f'width="{width}" height="{height}"' in html
    # The style's heights never exceed what the consumer allows either.
    clamp = re.search(r"clamp\((\d+)px,\(560px - 100cqw\) \* 1000,(\d+)px\)", html)
    assert clamp is not None
    assert max(map(int, clamp.groups())) <= int(params.get("maxheight", "810"))


@pytest.mark.parametrize(("name", "value"), [("maxwidth", "319"), ("maxwidth", "0"), ("maxheight", "100")])
def test_oembed_refuses_a_frame_too_small(client: TestClient, name: str, value: str) -> None:
    status, body = _oembed(client, "http://testserver/", **{name: value})
    assert status == 400
    errors = body["errors"]
    assert isinstance(errors, list) and errors[0]["loc"] == ["query", name]


@pytest.mark.parametrize(
    "url",
    [
        "http://elsewhere.example/?v=1",
        "http://testserver.evil/?v=1",
        "http://testserver/claims?v=1",
        "ftp://testserver/",
    ],
)
def test_oembed_of_another_sites_url_is_404(client: TestClient, url: str) -> None:
    status, body = _oembed(client, url)
    assert status == 404
    errors = body["errors"]
    assert isinstance(errors, list) and errors[0]["loc"] == ["query", "url"]


def test_oembed_xml_is_501_and_a_missing_url_400(client: TestClient) -> None:
    status, _ = _oembed(client, "http://testserver/", format="xml")
    assert status == 501
    r = client.get("/oembed?format=json")
    assert r.status_code == 400
    assert r.json()["errors"][0]["loc"] == ["query", "url"]
    status, _ = _oembed(client, "http://testserver/?bug_fixes=7")
    assert status == 400


def test_oembed_site_is_the_public_url_where_set(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCURVE_PUBLIC_URL", "https://scurve.example.org")
    status, _ = _oembed(client, "http://testserver/")
    assert status == 404
    status, body = _oembed(client, "https://scurve.example.org/?title=Hi")
    assert status == 200
    assert '<iframe src="https://scurve.example.org/embed?v=2&amp;' in str(body["html"])
    assert json.dumps(body).count("testserver") == 0


def test_preview_answers_head_without_a_body(client: TestClient) -> None:
    r = client.head(f"/preview.png?{VIEW_A}")
    assert r.status_code == 200
    assert r.headers["content-type"] == "image/png"
    assert r.content == b""


def test_year_bars_draw_whiskers_for_years_with_ranges(client: TestClient) -> None:
    a = _analysis(client)
    assert drawing.year_ranges(a) == {}
    assert drawing.year_ranges({**a, "uncertainty": None}) == {}
    years = a["years"]
    assert isinstance(years, list)
    block = {"years": [{"year": 2025, "mean_slope": [0.5, 1.0, 1.25, 1.5, 3.0]}]}
    ranges = drawing.year_ranges({**a, "uncertainty": block})
    assert ranges == {2025: [0.5, 1.0, 1.25, 1.5, 3.0]}
    drawn = drawing.year_bars(years, 360, 220, size=10, ranges=ranges)
    (whisker,) = re.findall(r'<line [^>]*y1="([\d.]+)" y2="([\d.]+)"[^>]*class="bar-range"', drawn)
    # Box: top 16, bottom 220 - 20 = 200; the axis top is max(2, 3.0) * 1.15 = 3.45, up to a quarter: 3.5.
    assert float(whisker[0]) == pytest.approx(200 - 184 * 0.5 / 3.5, abs=0.05)
    assert float(whisker[1]) == pytest.approx(200 - 184 * 3.0 / 3.5, abs=0.05)
    assert "bar-range" not in drawing.year_bars(years, 360, 220, size=10)


def test_embed_link_too_long_is_a_page_shown_in_the_frame(client: TestClient) -> None:
    r = client.get("/embed?title=" + "x" * 9000, headers={"accept": "text/html"})
    assert r.status_code == 414
    assert r.headers["content-type"].startswith("text/html")
    assert "frame-ancestors *" in r.headers["content-security-policy"]
    assert "x-frame-options" not in r.headers


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("http://TESTSERVER/?title=x", 200),
        ("http://testserver:80/?title=x", 200),
        ("http://testserver:8080/?title=x", 404),
        ("http://testserver:notaport/", 404),
        ("http://user@elsewhere.example/?v=1", 404),
    ],
)
def test_oembed_compares_hosts_with_default_ports(client: TestClient, url: str, status: int) -> None:
    assert _oembed(client, url)[0] == status
