"""The link-preview image of a view: 1200 x 630 PNG, drawn without a browser.

The picture is an SVG built here (its title, summary sentence, the year bars
and the forecast from app/drawing.py, the site's name) and rasterised by
resvg with the DejaVu Sans font shipped in ``app/fonts`` and no system font,
so it is the same on a machine with no fonts installed. Text is wrapped and
shortened by its measured width (app/fontmetrics.py), so no title, however
long or odd (markup, right-to-left marks, emoji the font lacks), can run out
of its box.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import resvg_py

from . import drawing
from .cache import ByteLRU
from .fontmetrics import BOLD, FAMILY, REGULAR, wrap

WIDTH, HEIGHT = 1200, 630
MARGIN = 56
FONT_FILES = [str(REGULAR), str(BOLD)]

LOGO = (
    '<rect width="32" height="32" rx="6" fill="#1f2a44"/>'
    '<path d="M4 26 C 14 26, 18 6, 28 6" stroke="#f5b942" stroke-width="3.5" fill="none" stroke-linecap="round"/>'
)


def preview_svg(analysis: dict[str, Any], title: str) -> str:
    """The preview's SVG for an analysis (the /api/analyze JSON) and its title."""
    inner = WIDTH - 2 * MARGIN
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FAMILY}">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<rect width="{WIDTH}" height="8" fill="#1f2a44"/>',
        f'<g transform="translate({MARGIN} 34) scale(1.125)">{LOGO}</g>',
        f'<text x="{MARGIN + 48}" y="62" font-size="28" font-weight="bold" fill="#1f2a44">scurve</text>',
        f'<text x="{WIDTH - MARGIN}" y="60" font-size="18" fill="{drawing.MUTED}" text-anchor="end">'
        "the S-curves of AI self-improvement</text>",
    ]
    y = 122.0
    for line in wrap(title, 42, inner, 2, bold=True):
        out.append(
            f'<text x="{MARGIN}" y="{drawing.n(y)}" font-size="42" font-weight="bold" fill="{drawing.INK}">'
            f"{drawing.text(line)}</text>"
        )
        y += 52
    y += 2
    for line in wrap(analysis["summary"], 24, inner, 2):
        out.append(f'<text x="{MARGIN}" y="{drawing.n(y)}" font-size="24" fill="#3b4656">{drawing.text(line)}</text>')
        y += 32
    chart_top = y + 62  # the charts take the room a short title leaves
    bars_w, gap = 470, 40
    fc_w = inner - bars_w - gap
    chart_h = HEIGHT - chart_top - 24
    heading = f'font-size="20" font-weight="bold" fill="{drawing.INK}"'
    out.append(f'<text x="{MARGIN}" y="{drawing.n(chart_top - 12)}" {heading}>Mean slope per year</text>')
    out.append(
        f'<text x="{MARGIN + bars_w + gap}" y="{drawing.n(chart_top - 12)}" {heading}>Forecast of the mean slope</text>'
    )
    out.append(drawing.threshold_key(WIDTH - MARGIN, chart_top - 12, 16))
    out.append(
        f'<svg x="{MARGIN}" y="{drawing.n(chart_top)}" width="{bars_w}" height="{drawing.n(chart_h)}" overflow="visible">'
        f"{drawing.year_bars(analysis['years'], bars_w, chart_h, size=16, ranges=drawing.year_ranges(analysis))}</svg>"
    )
    out.append(
        f'<svg x="{MARGIN + bars_w + gap}" y="{drawing.n(chart_top)}" width="{fc_w}" height="{drawing.n(chart_h)}" overflow="visible">'
        f"{drawing.forecast_chart(analysis, fc_w, chart_h, size=16)}</svg>"
    )
    out.append("</svg>")
    return "".join(out)


def render_png(svg: str) -> bytes:
    """Rasterise with the bundled fonts only."""
    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=svg,
            skip_system_fonts=True,
            font_files=FONT_FILES,
            font_family=FAMILY,
            sans_serif_family=FAMILY,
        )
    )


def render(analysis_json: bytes, title: str) -> bytes:
    return render_png(preview_svg(json.loads(analysis_json), title))


@dataclass(frozen=True)
class Preview:
    png: bytes
    etag: str  # strong: the hash of the bytes


class PreviewCache:
    """Rendered previews by query, least recently used dropped first once
    their bytes add up to ``max_bytes``."""

    def __init__(self, max_bytes: int = 16 << 20):
        self._items: ByteLRU[str, Preview] = ByteLRU(max_bytes, lambda key, item: len(key) + len(item.png) + 200)

    def get(self, key: str) -> Preview | None:
        return self._items.get(key)

    def put(self, key: str, png: bytes) -> Preview:
        return self._items.put(key, Preview(png, '"' + hashlib.sha256(png).hexdigest()[:32] + '"'))
