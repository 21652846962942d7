"""The crowd's figures from the packed per-view data (docs/DESIGN.md §6).

Each view carries, packed at write time, its position per built-in category
and year (``CELL`` records) and its own mean slope per year (``SLOPE``
records), so the whole crowd is aggregated with a few numpy passes rather
than by re-analysing every view.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

CELL = np.dtype([("cat", "u1"), ("year", "<u2"), ("pos", "<f8")])
SLOPE = np.dtype([("year", "<u2"), ("slope", "<f8")])
MIN_VIEWS = 5
QUANTILES = (("p10", 0.10), ("p25", 0.25), ("p50", 0.50), ("p75", 0.75), ("p90", 0.90))
_PROBS = np.array([p for _, p in QUANTILES])
MAX_YEARS = 10


def pack_cells(cells: Iterable[tuple[int, int, float]]) -> bytes:
    """``(category index, year, position)`` records as bytes."""
    return np.array(list(cells), dtype=CELL).tobytes()


def pack_slopes(slopes: Iterable[tuple[int, float]]) -> bytes:
    return np.array(list(slopes), dtype=SLOPE).tobytes()


def unpack_cells(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=CELL)


def quantiles(values: np.ndarray) -> dict[str, float]:
    """numpy's linear quantiles, named as the API names them."""
    qs = np.quantile(values, _PROBS)
    return {name: float(q) for (name, _), q in zip(QUANTILES, qs, strict=True)}


HIST_BINS = 20
STRIP_MAX = 150  # up to this many views a cell's positions are drawn one by one
SLOPE_EDGES = tuple(round(0.1 * i, 1) for i in range(31))  # 0 to 3; the last bin takes everything above


@dataclass(frozen=True)
class Cell:
    category: int
    year: int
    n: int
    quantiles: dict[str, float]
    # For drawing (the /crowd page), not the API: counts in 20 even bins of
    # [0, 1], and the positions themselves when there are few.
    hist: tuple[int, ...] = ()
    points: tuple[float, ...] = ()


@dataclass(frozen=True)
class Figures:
    n: int
    cells: tuple[Cell, ...]
    years: tuple[dict[str, Any], ...]
    slope_hists: dict[int, tuple[int, ...]]


def figures(rows: Sequence[tuple[bytes, bytes]], min_views: int = MIN_VIEWS) -> Figures:
    """Quantiles per (category, year) cell and per-year slope figures of the
    views in ``rows`` (each ``(cells, slopes)``); a cell or a year with fewer
    than ``min_views`` views is left out."""
    cells = np.frombuffer(b"".join(r[0] for r in rows), dtype=CELL)
    # A radix sort on a 16-bit key: the cells grouped by category and year.
    key = cells["cat"].astype(np.uint16) * 128 + (cells["year"] - 2000).astype(np.uint16)
    order = np.argsort(key, kind="stable")
    keys, pos = key[order], cells["pos"][order]
    uniq, starts, counts = np.unique(keys, return_index=True, return_counts=True)
    out_cells = []
    for k, s, c in zip(uniq, starts, counts, strict=True):
        if c < min_views:
            continue
        values = pos[s : s + c]
        hist = np.histogram(values, bins=HIST_BINS, range=(0.0, 1.0))[0]
        out_cells.append(
            Cell(
                int(k) // 128,
                2000 + int(k) % 128,
                int(c),
                quantiles(values),
                tuple(int(h) for h in hist),
                tuple(float(v) for v in values) if c <= STRIP_MAX else (),
            )
        )
    slopes = np.frombuffer(b"".join(r[1] for r in rows), dtype=SLOPE)
    order = np.argsort(slopes["year"], kind="stable")
    ys, ss = slopes["year"][order], slopes["slope"][order]
    uniq, starts, counts = np.unique(ys, return_index=True, return_counts=True)
    out_years = []
    hists: dict[int, tuple[int, ...]] = {}
    for y, s, c in zip(uniq, starts, counts, strict=True):
        if c < min_views:
            continue
        values = ss[s : s + c]
        clipped = np.minimum(values, SLOPE_EDGES[-1])
        hist = np.histogram(clipped, bins=np.array(SLOPE_EDGES))[0]
        hists[int(y)] = tuple(int(h) for h in hist)
        out_years.append(
            {
                "year": int(y),
                "n": int(c),
                "mean_slope": quantiles(values),
                "share_supercritical": float(np.count_nonzero(values > 1) / c),
            }
        )
    return Figures(n=len(rows), cells=tuple(out_cells), years=tuple(out_years), slope_hists=hists)


def empty() -> Figures:
    return Figures(n=0, cells=(), years=(), slope_hists={})


def median_estimates(cells: Sequence[Cell], ids: Sequence[str]) -> dict[str, Any] | None:
    """The JSON state made of every cell's p50 (default curves and weights),
    or None when no cell has enough views.  A state holds at most ten years:
    with more, the ten most answered are kept."""
    if not cells:
        return None
    per_year: dict[int, int] = {}
    for c in cells:
        per_year[c.year] = per_year.get(c.year, 0) + c.n
    years = sorted(sorted(per_year, key=lambda y: (-per_year[y], y))[:MAX_YEARS])
    estimates: dict[str, dict[str, float]] = {cid: {} for cid in ids}
    for c in cells:
        if c.year in years:
            estimates[ids[c.category]][str(c.year)] = c.quantiles["p50"]
    return {"years": years, "estimates": estimates}


def group_cells(cells: Sequence[Cell], ids: Sequence[str], names: Mapping[str, str]) -> list[dict[str, Any]]:
    """The API's ``categories`` list: every built-in category, in catalog order."""
    by_cat: dict[int, list[Cell]] = {}
    for c in cells:
        by_cat.setdefault(c.category, []).append(c)
    return [
        {
            "id": cid,
            "name": names[cid],
            "years": [{"year": c.year, "n": c.n, "quantiles": c.quantiles} for c in by_cat.get(i, [])],
        }
        for i, cid in enumerate(ids)
    ]
