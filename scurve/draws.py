"""Ranges on estimates: the seed, the draws, and the exact distribution of
one ranged point.

A range ``[lo, hi]`` on an estimate ``x`` is a two-sided logit-normal with
median ``x``, 5% below ``lo`` and 5% above ``hi``.  With
``c(p) = clip(p, 0.001, 0.999)``::

    mu = logit c(x)
    sigma_lo = (mu - logit c(lo)) / 1.6449
    sigma_hi = (logit c(hi) - mu) / 1.6449
    X = sigmoid(mu + sigma_lo Z)   if Z < 0
        sigmoid(mu + sigma_hi Z)   if Z >= 0

``X`` is increasing in ``Z``, so ``P(X <= b) = Phi(z(b))`` with ``z(b)`` the
``Z`` at which ``X = b``: the position's quantiles, the chance of a slope
above 1 and (inverting the distribution of ``slope(X)``, which is not
monotone in ``X``) the slope's quantiles are all exact, not read off draws.

One standard normal ``Z_i`` per category per draw, shared by all its years,
and ``Z_i = sqrt(rho) G + sqrt(1 - rho) E_i`` across categories.

Reproducibility
---------------
The generator is ``numpy.random.default_rng(int.from_bytes(sha256(seed_text),
"big"))`` with ``seed_text`` the canonical query of what the draws depend
on (:func:`seed_query`); the draws are taken in this order:

1. ``G = rng.standard_normal(samples)``: the common factor, one per draw;
2. ``E = rng.standard_normal((n, samples))``: row ``i`` is category ``i``'s
   own factor (input row order, every row whether or not it has a range).

So ``Z[s, i] = sqrt(rho) G[s] + sqrt(1 - rho) E[i, s]``.
"""

from __future__ import annotations

import hashlib
import math

import numpy as np
from numpy.typing import NDArray
from scipy.special import ndtr, ndtri  # type: ignore[import-untyped]

from .catalog import Catalog
from .curve import logit, sigmoid
from .fit import CLIP
from .permalink import seed_query as link_seed_query
from .state import State

Array = NDArray[np.float64]

Z95 = 1.6449  # the standard normal's 95th percentile, as the range's rule writes it
#: Bisection steps of a slope quantile: the curve's peak slope / 2^52.
SLOPE_BISECT = 52


def seed_of(seed_text: str) -> int:
    """The generator seed: SHA-256 of ``seed_text`` read as a big-endian integer.

    >>> seed_of("y=2024") % 1000 == int.from_bytes(hashlib.sha256(b"y=2024").digest(), "big") % 1000
    True
    """
    return int.from_bytes(hashlib.sha256(seed_text.encode()).digest(), "big")


def seed_query(state: State, catalog: Catalog) -> str:
    """The canonical query of what the draws depend on: years, positions,
    ranges, rho, curves, weights and the custom categories' positions; not
    the title, horizon, names, groups, questions, feedback, lag, milestone
    shares or a comparison.  Changing any of those leaves the draws as they
    were.  Which fields count is the field table's ``seed`` flag
    (:func:`scurve.permalink.seed_query`).

    >>> from dataclasses import replace
    >>> from scurve.catalog import load_catalog
    >>> from scurve.state import default_state
    >>> cat = load_catalog()
    >>> s = default_state(cat)
    >>> seed_query(replace(s, title="Mine", horizon=2040, feedback=2.0), cat) == seed_query(s, cat)
    True
    """
    return link_seed_query(state, catalog)


def sides(x: Array, lo: Array, hi: Array) -> tuple[Array, Array, Array]:
    """``mu``, ``sigma_lo``, ``sigma_hi`` of ranged estimates (arrays of one shape).

    >>> mu, s_lo, s_hi = sides(np.array([0.5]), np.array([0.4]), np.array([0.6]))
    >>> float(mu[0]), round(float(s_lo[0]), 4), round(float(s_hi[0]), 4)
    (0.0, 0.2465, 0.2465)
    """
    mu = logit(np.clip(x, *CLIP))
    return mu, (mu - logit(np.clip(lo, *CLIP))) / Z95, (logit(np.clip(hi, *CLIP)) - mu) / Z95


def draw_positions(
    pos: Array, lo: Array, hi: Array, rho: float, samples: int, rng: np.random.Generator
) -> tuple[Array, Array]:
    """Draw ``samples`` states' positions from the ranges.

    Draws ``G`` (shape ``(samples,)``) then ``E`` (shape ``(n, samples)``)
    from ``rng``; ``Z[s, i] = sqrt(rho) G[s] + sqrt(1 - rho) E[i, s]`` and::

        X = sigmoid(mu + sigma_lo Z)  (Z < 0),   sigmoid(mu + sigma_hi Z)  (Z >= 0)

    where a range is given, the estimate itself elsewhere (NaN stays NaN).

    Returns
    -------
    X : ndarray, shape (samples, n, m)
    Z : ndarray, shape (samples, n)
    """
    n = pos.shape[0]
    g = rng.standard_normal(samples)
    e = rng.standard_normal((n, samples))
    z = math.sqrt(rho) * g[:, None] + math.sqrt(1.0 - rho) * e.T
    ranged = ~np.isnan(lo)
    x = np.broadcast_to(pos, (samples, *pos.shape)).copy()
    if ranged.any():
        ci, yj = np.nonzero(ranged)
        mu, s_lo, s_hi = sides(pos[ci, yj], lo[ci, yj], hi[ci, yj])
        zc = z[:, ci]
        x[:, ci, yj] = sigmoid(mu + np.where(zc < 0, s_lo, s_hi) * zc)
    return x, z


def cdf(b: Array, mu: Array, s_lo: Array, s_hi: Array) -> Array:
    """``P(X <= b)`` for the two-sided logit-normal (arrays broadcast together).

    A side of zero width puts half the mass on ``sigmoid(mu)`` itself.

    >>> float(cdf(np.array(0.5), np.array(0.0), np.array(1.0), np.array(2.0)))
    0.5
    """
    b = np.asarray(b, dtype=float)
    inside = (b > 0.0) & (b < 1.0)
    lb = logit(np.where(inside, b, 0.5)) - mu
    below = lb < 0
    side = np.where(below, s_lo, s_hi)
    wide = side > 0
    z = np.where(wide, lb / np.where(wide, side, 1.0), np.where(below, -np.inf, np.inf))
    p: Array = np.where(inside, ndtr(z), np.where(b >= 1.0, 1.0, 0.0))
    return p


def position_quantiles(mu: Array, s_lo: Array, s_hi: Array, levels: tuple[float, ...]) -> Array:
    """Exact quantiles of ``X``: ``sigmoid(mu + sigma_side Phi^-1(q))``, shape (..., len(levels)).

    >>> position_quantiles(np.array([0.0]), np.array([1.0]), np.array([1.0]), (0.5,)).tolist()
    [[0.5]]
    """
    zq = ndtri(np.asarray(levels, dtype=float))
    side = np.where(zq < 0, s_lo[..., None], s_hi[..., None])
    out: Array = sigmoid(mu[..., None] + side * zq)
    return out


def p_supercritical(mu: Array, s_lo: Array, s_hi: Array, k: Array, mid: Array, ceil: Array) -> Array:
    """Exact ``P(slope(X) > 1)``: ``X`` inside the super-critical band, 0 without a band.

    >>> float(p_supercritical(np.array(0.0), np.array(1e-9), np.array(1e-9), np.array(10.0), np.array(0.5), np.array(1.0)))
    1.0
    """
    kl = k * ceil
    has_band = kl > 4.0
    root = np.sqrt(np.where(has_band, 1.0 - 4.0 / np.where(has_band, kl, 8.0), 0.0))
    half = (np.log1p(root) - np.log1p(-root)) / k
    p = cdf(mid + half, mu, s_lo, s_hi) - cdf(mid - half, mu, s_lo, s_hi)
    out: Array = np.where(has_band, np.clip(p, 0.0, 1.0), 0.0)
    return out


def slope_quantiles(
    mu: Array, s_lo: Array, s_hi: Array, k: Array, mid: Array, ceil: Array, levels: tuple[float, ...]
) -> Array:
    """Exact quantiles of ``slope(X)``, shape (P, len(levels)) for (P,) inputs.

    The slope ``k L sigma (1 - sigma)`` rises to ``k L / 4`` at ``x = m`` and
    falls after, so for ``0 <= s < k L / 4``::

        P(slope(X) <= s) = P(X <= x_-(s)) + 1 - P(X <= x_+(s)),
        x_+-(s) = m + logit((1 +- sqrt(1 - 4 s / (k L))) / 2) / k,

    and each quantile is the smallest ``s`` where that reaches its level,
    found by bisection on [0, k L / 4].

    >>> q = slope_quantiles(*(np.array([v]) for v in (0.0, 1e-9, 1e-9, 10.0, 0.5, 1.0)), (0.5,))
    >>> round(float(q[0, 0]), 9)
    2.5
    """
    kl = (k * ceil)[:, None]
    km = k[:, None]
    m = mid[:, None]
    args = (mu[:, None], s_lo[:, None], s_hi[:, None])
    q = np.broadcast_to(np.asarray(levels, dtype=float), (mu.size, len(levels)))
    lo = np.zeros(q.shape)
    hi = np.broadcast_to(kl / 4.0, q.shape).copy()
    for _ in range(SLOPE_BISECT):
        s = 0.5 * (lo + hi)
        root = np.sqrt(np.maximum(1.0 - 4.0 * s / kl, 0.0))
        half = (np.log1p(root) - np.log1p(-root)) / km  # logit((1 + root) / 2) / k
        f = cdf(m - half, *args) + 1.0 - cdf(m + half, *args)
        up = f >= q
        hi = np.where(up, s, hi)
        lo = np.where(up, lo, s)
    return hi
