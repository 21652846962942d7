"""Text widths in the bundled font, so the server can wrap and shorten text
it draws (the preview image, the embed's charts) before a rasteriser or a
browser lays it out.

Only two tables of a TrueType file are needed for that: ``cmap`` (character
to glyph) and ``hmtx`` (each glyph's advance). Reading them takes a few
milliseconds once per process; no font library is needed. Kerning and
shaping are ignored, so a measured width is a close estimate (kerning in
DejaVu Sans moves a line by a percent or two): callers leave a margin.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FAMILY = "DejaVu Sans"
ELLIPSIS = "…"


@dataclass(frozen=True)
class FontMetrics:
    units_per_em: int
    advances: tuple[int, ...]  # by glyph id
    cmap: dict[int, int]  # code point -> glyph id

    def width(self, text: str, size: float) -> float:
        """The advance of `text` at `size` px: glyph 0 (the box drawn for a
        character the font lacks) for every unmapped character, except the
        invisible format characters (bidi marks, joiners, variation selectors)."""
        adv = self.advances
        last = len(adv) - 1
        total = 0
        for ch in text:
            cp = ord(ch)
            gid = self.cmap.get(cp)
            if gid is None:
                if _invisible(cp):
                    continue
                gid = 0
            total += adv[min(gid, last)]
        return total * size / self.units_per_em


def _invisible(cp: int) -> bool:
    return 0x200B <= cp <= 0x200F or 0x202A <= cp <= 0x202E or 0x2060 <= cp <= 0x206F or 0xFE00 <= cp <= 0xFE0F


def _tables(data: bytes) -> dict[bytes, tuple[int, int]]:
    (count,) = struct.unpack_from(">H", data, 4)
    out = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        out[tag] = (offset, length)
    return out


def _cmap(data: bytes, offset: int) -> dict[int, int]:
    """The Unicode subtable: format 12 (full range) where present, else 4 (BMP)."""
    (count,) = struct.unpack_from(">H", data, offset + 2)
    subtables = {}
    for i in range(count):
        platform, encoding, sub = struct.unpack_from(">HHI", data, offset + 4 + 8 * i)
        fmt = struct.unpack_from(">H", data, offset + sub)[0]
        if (platform, encoding) in ((3, 10), (0, 4), (3, 1), (0, 3)):
            subtables[fmt] = offset + sub
    out: dict[int, int] = {}
    if 12 in subtables:
        base = subtables[12]
        (groups,) = struct.unpack_from(">I", data, base + 12)
        for g in range(groups):
            start, end, gid = struct.unpack_from(">III", data, base + 16 + 12 * g)
            for cp in range(start, end + 1):
                out[cp] = gid + cp - start
        return out
    base = subtables[4]
    seg2 = struct.unpack_from(">H", data, base + 6)[0]
    ends = base + 14
    starts = ends + seg2 + 2
    deltas = starts + seg2
    ranges = deltas + seg2
    for s in range(seg2 // 2):
        end, start = struct.unpack_from(">H", data, ends + 2 * s)[0], struct.unpack_from(">H", data, starts + 2 * s)[0]
        delta = struct.unpack_from(">h", data, deltas + 2 * s)[0]
        range_offset = struct.unpack_from(">H", data, ranges + 2 * s)[0]
        for cp in range(start, min(end, 0xFFFE) + 1):
            if range_offset == 0:
                gid = (cp + delta) & 0xFFFF
            else:
                at = ranges + 2 * s + range_offset + 2 * (cp - start)
                gid = struct.unpack_from(">H", data, at)[0]
                gid = (gid + delta) & 0xFFFF if gid else 0
            if gid:
                out[cp] = gid
    return out


def read_metrics(path: Path) -> FontMetrics:
    """The advances and character map of a TrueType font.

    >>> m = read_metrics(REGULAR)
    >>> m.units_per_em, round(m.width("scurve", 100), 1)
    (2048, 332.3)
    """
    data = path.read_bytes()
    tables = _tables(data)
    head, _ = tables[b"head"]
    (units_per_em,) = struct.unpack_from(">H", data, head + 18)
    hhea, _ = tables[b"hhea"]
    (n_metrics,) = struct.unpack_from(">H", data, hhea + 34)
    maxp, _ = tables[b"maxp"]
    (n_glyphs,) = struct.unpack_from(">H", data, maxp + 4)
    hmtx, _ = tables[b"hmtx"]
    advances = [struct.unpack_from(">H", data, hmtx + 4 * i)[0] for i in range(n_metrics)]
    # Glyphs past the last full metric share its advance.
    advances += [advances[-1]] * (n_glyphs - n_metrics)
    return FontMetrics(units_per_em, tuple(advances), _cmap(data, tables[b"cmap"][0]))


@cache
def metrics(bold: bool = False) -> FontMetrics:
    return read_metrics(BOLD if bold else REGULAR)


def ellipsize(text: str, size: float, width: float, *, bold: bool = False) -> str:
    """`text`, cut at a character and ended with "…" where it is wider than `width`.

    >>> ellipsize("short", 20, 500)
    'short'
    >>> ellipsize("a rather longer line of text", 20, 120)
    'a rather l…'
    """
    m = metrics(bold)
    if m.width(text, size) <= width:
        return text
    room = width - m.width(ELLIPSIS, size)
    used = 0.0
    for i, ch in enumerate(text):
        used += m.width(ch, size)
        if used > room:
            return text[:i].rstrip() + ELLIPSIS
    return text  # pragma: no cover - the whole text fitted after all


def wrap(text: str, size: float, width: float, max_lines: int, *, bold: bool = False) -> list[str]:
    """`text` broken at spaces into lines no wider than `width`, at most
    `max_lines` of them, the last ellipsized where text is left over; a word
    wider than a line is cut.

    >>> wrap("one two three four five six", 20, 200, 2)
    ['one two three four', 'five six']
    >>> wrap("one two three four five six seven eight nine", 20, 200, 2)
    ['one two three four', 'five six seven…']
    """
    m = metrics(bold)
    words = text.split()
    lines: list[str] = []
    line = ""
    i = 0
    while i < len(words) and len(lines) < max_lines:
        candidate = f"{line} {words[i]}" if line else words[i]
        if m.width(candidate, size) <= width:
            line = candidate
            i += 1
        elif not line:  # one word wider than the line: cut it
            lines.append(ellipsize(words[i], size, width, bold=bold))
            i += 1
        else:
            lines.append(line)
            line = ""
    if line and len(lines) < max_lines:
        lines.append(line)
    if i < len(words) and lines:
        # Text left over: end the last line with "…", after whole words where they fit.
        last = lines[-1]
        for word in words[i:]:
            if m.width(f"{last} {word}{ELLIPSIS}", size) > width:
                break
            last = f"{last} {word}"
        while " " in last and m.width(last + ELLIPSIS, size) > width:
            last = last.rsplit(" ", 1)[0]
        fits = m.width(last + ELLIPSIS, size) <= width
        lines[-1] = last + ELLIPSIS if fits else ellipsize(last + ELLIPSIS * 2, size, width, bold=bold)
    return lines
