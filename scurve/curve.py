"""The S-curve of one category: uplift, slope, phase and the super-critical band.

A category's curve maps capability in the task, ``x`` in [0, 1], to the
improvement it brings to the next AI::

    u(x) = L * sigma(k (x - m))
    s(x) = du/dx = k L sigma(k (x - m)) (1 - sigma(k (x - m)))

with midpoint ``m``, steepness ``k`` and ceiling ``L``.  A point is
*super-critical* when ``s(x) > 1``: a unit of capability put in returns more
than a unit out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .errors import Problem, StateError

Phase = Literal["early", "accelerating", "decelerating", "saturating"]
PHASES: tuple[Phase, ...] = ("early", "accelerating", "decelerating", "saturating")

MIDPOINT_RANGE = (0.05, 0.95)
STEEPNESS_RANGE = (1.0, 40.0)
CEILING_RANGE = (0.05, 1.0)


def sigmoid(z: ArrayLike) -> NDArray[np.float64]:
    """Logistic function ``1 / (1 + exp(-z))``, overflow-free.

    >>> float(sigmoid(0.0))
    0.5
    """
    z = np.asarray(z, dtype=float)
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * z)), dtype=float)


def logit(p: ArrayLike) -> NDArray[np.float64]:
    """Inverse of :func:`sigmoid`: ``ln(p / (1 - p))``.

    >>> round(float(logit(0.5)), 12)
    0.0
    """
    p = np.asarray(p, dtype=float)
    return np.asarray(np.log(p) - np.log1p(-p), dtype=float)


@dataclass(frozen=True)
class Curve:
    """Shape of one category's S-curve.

    Parameters
    ----------
    midpoint : float
        ``m`` in [0.05, 0.95], where the slope peaks.
    steepness : float
        ``k`` in [1, 40].
    ceiling : float
        ``L`` in [0.05, 1], the uplift at full capability.
    """

    midpoint: float = 0.5
    steepness: float = 10.0
    ceiling: float = 1.0

    def __post_init__(self) -> None:
        problems = curve_problems(self.midpoint, self.steepness, self.ceiling, ())
        if problems:
            raise StateError(problems)

    @property
    def peak_slope(self) -> float:
        """The largest slope, ``k L / 4``, reached at ``x = m``."""
        return self.steepness * self.ceiling / 4.0

    def as_dict(self) -> dict[str, float]:
        return {"midpoint": self.midpoint, "steepness": self.steepness, "ceiling": self.ceiling}


def curve_problems(m: object, k: object, ceiling: object, loc: tuple[str | int, ...]) -> list[Problem]:
    """Check curve parameters; return one :class:`Problem` per broken rule."""
    out: list[Problem] = []
    for name, value, (lo, hi) in (
        ("midpoint", m, MIDPOINT_RANGE),
        ("steepness", k, STEEPNESS_RANGE),
        ("ceiling", ceiling, CEILING_RANGE),
    ):
        # An int is finite however large (math.isfinite would overflow on it).
        ok = (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and (isinstance(value, int) or math.isfinite(value))
            and lo <= value <= hi
        )
        if not ok:
            out.append(
                Problem(
                    (*loc, name),
                    f"`{name}` must be a number in [{lo:g}, {hi:g}], got {value!r}",
                    value,
                )
            )
    return out


DEFAULT_CURVE = Curve()


# The curve's formulas with its parameters as arrays (one per category, or
# broadcast over draws): the one implementation every module uses, so the
# single-state analysis, the Monte Carlo and the sensitivity see the same
# numbers to the bit (and the same s > 1 verdicts).


def curve_sigma(x: ArrayLike, k: ArrayLike, mid: ArrayLike) -> NDArray[np.float64]:
    """``sigma(k (x - m))``, the curve's uplift as a share of its ceiling.

    >>> float(curve_sigma(0.5, 10.0, 0.5))
    0.5
    """
    out: NDArray[np.float64] = sigmoid(np.multiply(k, np.subtract(x, mid)))
    return out


def curve_uplift(x: ArrayLike, k: ArrayLike, mid: ArrayLike, ceil: ArrayLike) -> NDArray[np.float64]:
    """``u(x) = L sigma(k (x - m))`` with array parameters.

    >>> float(curve_uplift(0.5, 10.0, 0.5, 0.4))
    0.2
    """
    out: NDArray[np.float64] = np.multiply(ceil, curve_sigma(x, k, mid))
    return out


def curve_slope(x: ArrayLike, k: ArrayLike, mid: ArrayLike, ceil: ArrayLike) -> NDArray[np.float64]:
    """``s(x) = k L sigma (1 - sigma)``, ``sigma = sigma(k (x - m))``, with array parameters.

    >>> float(curve_slope(0.5, 10.0, 0.5, 1.0))
    2.5
    """
    s = curve_sigma(x, k, mid)
    out: NDArray[np.float64] = np.multiply(k, ceil) * s * (1.0 - s)
    return out


def curve_elasticity(x: ArrayLike, k: ArrayLike, mid: ArrayLike) -> NDArray[np.float64]:
    """``e(x) = k x (1 - sigma(k (x - m)))``: the slope on log-log axes (no ceiling in it).

    >>> float(curve_elasticity(0.5, 10.0, 0.5))
    2.5
    """
    out: NDArray[np.float64] = np.multiply(k, x) * (1.0 - curve_sigma(x, k, mid))
    return out


def uplift(x: ArrayLike, curve: Curve) -> NDArray[np.float64]:
    """Improvement to the next AI at capability ``x``: ``L sigma(k (x - m))``.

    >>> round(float(uplift(0.5, Curve())), 6)
    0.5
    """
    return curve_uplift(np.asarray(x, dtype=float), curve.steepness, curve.midpoint, curve.ceiling)


def slope(x: ArrayLike, curve: Curve) -> NDArray[np.float64]:
    """Slope of the curve, ``k L sigma (1 - sigma)`` with ``sigma = sigma(k (x - m))``.

    >>> round(float(slope(0.5, Curve())), 6)
    2.5
    """
    return curve_slope(np.asarray(x, dtype=float), curve.steepness, curve.midpoint, curve.ceiling)


def relative_slope(x: ArrayLike, curve: Curve) -> NDArray[np.float64]:
    """Slope as a fraction of the peak slope ``k L / 4``, in (0, 1].

    >>> round(float(relative_slope(0.5, Curve())), 6)
    1.0
    """
    return slope(x, curve) / curve.peak_slope


def band(curve: Curve) -> tuple[float, float] | None:
    """The super-critical band ``(m - z/k, m + z/k)``, or ``None`` when ``k L <= 4``.

    ``z = logit((1 + sqrt(1 - 4/(k L))) / 2)`` solves ``s(x) = 1``.

    >>> lo, hi = band(Curve())
    >>> round(lo, 4), round(hi, 4)
    (0.2937, 0.7063)
    >>> band(Curve(ceiling=0.3)) is None
    True
    """
    kl = curve.steepness * curve.ceiling
    if kl <= 4.0:
        return None
    root = math.sqrt(1.0 - 4.0 / kl)
    # logit((1 + root) / 2) written to stay accurate when root is near 1.
    z = math.log1p(root) - math.log1p(-root)
    half = z / curve.steepness
    return (curve.midpoint - half, curve.midpoint + half)


def phase(x: float, s: float, curve: Curve) -> Phase:
    """Phase of a point from its position and slope.

    ``early`` (s <= 1, x < m), ``accelerating`` (s > 1, x < m),
    ``decelerating`` (s > 1, x >= m), ``saturating`` (s <= 1, x >= m).

    >>> phase(0.4, float(slope(0.4, Curve())), Curve())
    'accelerating'
    """
    if x < curve.midpoint:
        return "accelerating" if s > 1.0 else "early"
    return "decelerating" if s > 1.0 else "saturating"


@dataclass(frozen=True)
class CurveSamples:
    """A curve sampled on an even grid of positions, for drawing."""

    x: tuple[float, ...]
    uplift: tuple[float, ...]
    slope: tuple[float, ...]

    def as_dict(self) -> dict[str, list[float]]:
        return {"x": list(self.x), "uplift": list(self.uplift), "slope": list(self.slope)}


SAMPLES = 201


def sample(curve: Curve, n: int = SAMPLES) -> CurveSamples:
    """Sample ``u`` and ``s`` at ``n`` even positions in [0, 1] (rounded to 6 decimals).

    The page draws the curve and moves markers along it from these samples,
    so the browser never evaluates the model itself.

    >>> s = sample(Curve(), 3)
    >>> s.x, s.uplift[1], s.slope[1]
    ((0.0, 0.5, 1.0), 0.5, 2.5)
    """
    if not 2 <= n <= 10_001:
        raise StateError(Problem(("n",), f"`n` must be in 2..10001, got {n}", n))
    x = np.linspace(0.0, 1.0, n)
    return CurveSamples(
        x=tuple(np.round(x, 6).tolist()),
        uplift=tuple(np.round(uplift(x, curve), 6).tolist()),
        slope=tuple(np.round(slope(x, curve), 6).tolist()),
    )
