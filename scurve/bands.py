"""The Monte Carlo summary of a state with ranges: its result types and the
quantiles that fill them.

Quantiles over draws use numpy's default (linear) method.  A point's
position, slope and chance of a slope above 1 are exact
(:mod:`scurve.draws`), not read off the draws; the year aggregates, the
forecast and its milestones are over the draws.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

# Quantile levels of the output.
Q3 = (0.05, 0.5, 0.95)
Q5 = (0.05, 0.25, 0.5, 0.75, 0.95)
Q5_NAMES = ("p5", "p25", "p50", "p75", "p95")
#: A forecast whose mean slope varies less than this has no peak.
FLAT = 1e-6

Band3 = tuple[float, float, float]
Series = Mapping[str, tuple[float | None, ...]]


@dataclass(frozen=True)
class PointBand:
    """One estimate under its range (exact: no draws)."""

    year: int
    position: Band3  # p5, p50, p95
    slope: Band3  # p5, p50, p95
    p_supercritical: float  # P(slope > 1)


@dataclass(frozen=True)
class YearBand:
    """One year's aggregates across the draws."""

    year: int
    mean_slope: tuple[float, float, float, float, float] | None  # p5, p25, p50, p75, p95
    p_supercritical: float  # share of draws with mean_slope > 1
    supercritical_count: Band3  # p5, p50, p95


@dataclass(frozen=True)
class MilestoneBand:
    """One milestone across the draws."""

    share: float
    year: Band3 | None  # p5, p50, p95 over the draws that reach it; None when none does
    p_reached: float  # share of draws that reach it by the forecast's end


@dataclass(frozen=True)
class ForecastBand:
    """The forecast across the draws, on the grid of the single-state forecast."""

    mean_slope: Series  # "p5" .. "p95", one value per grid point
    p_supercritical: tuple[float, ...]  # per grid point, share of draws with mean slope > 1
    peak_year: Band3 | None  # over draws that have a peak
    p_peak_at_edge: float  # share of all draws whose peak is the last grid point
    gain: Series  # "p5" .. "p95" of dU/dt, one value per grid point
    mean_uplift: Series  # "p5" .. "p95" of U(t), one value per grid point (the progress chart's fan)
    milestones: tuple[MilestoneBand, ...]


@dataclass(frozen=True)
class Uncertainty:
    """The ``uncertainty`` block of an analysis."""

    samples: int
    rho: float
    categories: Mapping[str, tuple[PointBand, ...]]
    years: tuple[YearBand, ...]
    forecast: ForecastBand


def quantiles_sorted(rows: Array, levels: tuple[float, ...]) -> Array:
    """Quantiles of each row of an already sorted (K, S) array, shape (K, len(levels)).

    numpy's default ``linear`` method, operation for operation (and so equal
    to ``np.quantile(rows, levels, axis=1).T`` to the bit): with virtual index
    ``v = (S - 1) q``, ``i = floor(v)``, ``g = v - i``, ``a = x[i]``,
    ``b = x[min(i + 1, S - 1)]``, the value is ``a + (b - a) g`` for
    ``g < 0.5`` and ``b - (b - a) (1 - g)`` otherwise.  Sorting once and
    reading a few order statistics is several times faster than
    :func:`numpy.quantile`'s partitions of every column.

    >>> quantiles_sorted(np.array([[1.0, 2.0, 3.0, 4.0]]), (0.05, 0.5, 0.95)).round(2).tolist()
    [[1.15, 2.5, 3.85]]
    """
    size = rows.shape[1]
    v = (size - 1) * np.asarray(levels, dtype=float)
    prev = np.floor(v)
    gamma = v - prev
    lo_i = prev.astype(np.intp)
    hi_i = np.minimum(lo_i + 1, size - 1)
    a = rows[:, lo_i]
    b = rows[:, hi_i]
    diff = b - a
    out: Array = np.where(gamma >= 0.5, b - diff * (1 - gamma), a + diff * gamma)
    return out


def band3(row: Sequence[float]) -> Band3:
    return (row[0], row[1], row[2])


def year_bands(years: Sequence[int], mean_y: Array, ok: Sequence[bool], count_y: Array) -> tuple[YearBand, ...]:
    """Per year: the mean slope's five quantiles, P(mean slope > 1), the count's three."""
    q = quantiles_sorted(np.sort(np.concatenate([mean_y, count_y], axis=1).T, axis=1), Q5).tolist()
    m = len(years)
    pys = ((mean_y > 1.0) & np.asarray(ok)).mean(axis=0).tolist()
    return tuple(
        YearBand(
            year=int(years[j]),
            mean_slope=(q[j][0], q[j][1], q[j][2], q[j][3], q[j][4]) if ok[j] else None,
            p_supercritical=pys[j],
            supercritical_count=(q[m + j][0], q[m + j][2], q[m + j][4]),
        )
        for j in range(m)
    )


def forecast_band(
    t: Array,
    mean_f: Array | None,
    gain_f: Array | None,
    up_f: Array | None,
    miles: Array,
    shares: Sequence[float],
) -> ForecastBand:
    """The forecast's bands from each draw's mean slope, gain and mean uplift
    (S, G) and milestone years (S, Q)."""
    g = t.size
    mile_bands = tuple(_milestone_band(q, miles[:, i]) for i, q in enumerate(shares))
    if mean_f is None or gain_f is None or up_f is None:
        none: tuple[float | None, ...] = (None,) * g
        return ForecastBand(
            mean_slope=dict.fromkeys(Q5_NAMES, none),
            p_supercritical=(0.0,) * g,
            peak_year=None,
            p_peak_at_edge=0.0,
            gain=dict.fromkeys(Q5_NAMES, none),
            mean_uplift=dict.fromkeys(Q5_NAMES, none),
            milestones=mile_bands,
        )
    q = quantiles_sorted(np.sort(np.concatenate([mean_f, gain_f, up_f], axis=1).T, axis=1), Q5)
    fq, gq, uq = q[:g].T.tolist(), q[g : 2 * g].T.tolist(), q[2 * g :].T.tolist()  # (5, G) each
    ipeak = np.argmax(mean_f, axis=1)
    peaked = (mean_f.max(axis=1) - mean_f.min(axis=1)) >= FLAT
    peaks = t[ipeak[peaked]]
    py = quantiles_sorted(np.sort(peaks)[None, :], Q3)[0].tolist() if peaks.size else None
    return ForecastBand(
        mean_slope={name: tuple(fq[i]) for i, name in enumerate(Q5_NAMES)},
        p_supercritical=tuple((mean_f > 1.0).mean(axis=0).tolist()),
        peak_year=band3(py) if py is not None else None,
        p_peak_at_edge=float(np.mean(peaked & (ipeak == g - 1))),
        gain={name: tuple(gq[i]) for i, name in enumerate(Q5_NAMES)},
        mean_uplift={name: tuple(uq[i]) for i, name in enumerate(Q5_NAMES)},
        milestones=mile_bands,
    )


def _milestone_band(share: float, years: Array) -> MilestoneBand:
    reached = years[~np.isnan(years)]
    qs = quantiles_sorted(np.sort(reached)[None, :], Q3)[0].tolist() if reached.size else None
    return MilestoneBand(
        share=share, year=band3(qs) if qs is not None else None, p_reached=reached.size / max(years.size, 1)
    )
