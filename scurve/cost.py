"""What an analysis will cost, estimated from the state before any of it runs.

The work of :func:`scurve.analysis.analyze` grows with the product of four
sizes, for each of the state and its comparison:

- the forecast grid: quarter years from the first estimated year to the
  horizon (:func:`scurve.trajectory.grid`), and with feedback the stages
  integrated past the last year (at most 4 per step of 1/32 year, so 32 per
  grid point);
- the categories with an estimate;
- the states forecast over that grid: the Monte Carlo draws of a state with
  ranges (2,000) and the sensitivity's moved states (two for each category
  estimated in the last year), each with its trajectory fits, in batches;
  and the state's own forecast.

The estimate is in *cells* of about 10 ns of one core here (measured by
least squares over some sixty states of every shape, bench/bench_budget.py
checks the costliest): a batched row's category costs ``GRID`` cells per
grid point, ``STAGE`` per feedback stage and ``FIT`` per year of its fit;
each batched integration costs ``CALL`` cells per stage whatever its size
(the overhead of one numpy step); the state's own forecast ``POINT_FEEDBACK``
per feedback stage (it runs on Python floats); and each view ``VIEW``.
New work in the analysis adds a term here: more batched states per view go
in :func:`batch_of`, more single-state forecasts in :func:`forecasts_of`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from .errors import Problem, ScurveError
from .feedback import STEP
from .state import State
from .trajectory import GRID_STEP
from .uncertainty import FEEDBACK_CHUNK_CELLS, SAMPLES

#: Integration stages per grid point of a forecast with feedback (Runge-Kutta's four per step).
STAGES = 4 * round(GRID_STEP / STEP)
GRID = 2.0
STAGE = 1.0
FIT = 11.0
CALL = 1000.0
POINT_FEEDBACK = 5.0
VIEW = 600_000.0
#: The most cells one request may cost: about a second of one core here.
BUDGET = 100_000_000


class TooCostlyError(ScurveError):
    """A state whose analysis would cost more than the budget (HTTP 422).

    ``cells`` is the estimate, ``budget`` the limit, ``advice`` the changes
    that would bring the state within it, as one phrase."""

    cells: float = 0.0
    budget: float = BUDGET
    advice: str = ""

    def sentence(self) -> str:
        """The reason as a sentence for a page that already says the view is too costly."""
        return (
            f"It would take about {amount(self.cells)} cells of work; the limit is {amount(self.budget)}. "
            f"Reduce it to {self.advice}."
        )


@dataclass(frozen=True)
class ViewCost:
    """The sizes that set the cost of one view (the state, or its comparison)."""

    grid_points: int
    feedback_points: int  # grid points past the last year integrated with feedback; 0 without
    categories: int  # categories with an estimate
    years: int
    draws: int  # Monte Carlo draws; 0 without ranges
    forecasts: int  # single-state forecasts over the grid
    batch: int = 0  # other states forecast in one batch with their fits (the sensitivity's)

    @property
    def batches(self) -> int:
        """Batched integrations: the draws' chunks (as the Monte Carlo cuts
        them with feedback) and the sensitivity's one."""
        chunks = math.ceil(self.draws * self.categories * self.grid_points / FEEDBACK_CHUNK_CELLS)
        return chunks + (1 if self.batch else 0)

    @property
    def cells(self) -> float:
        """Weighted cells: (draws + batched states) x categories x (grid,
        stages, fits), each batch's stages, the state's own forecasts, the view.

        >>> ViewCost(25, 16, 10, 3, draws=2000, forecasts=1, batch=20).cells  # 2,020 rows, 2 batches
        13669100.0
        """
        n, stages = self.categories, STAGES * self.feedback_points
        rows = self.draws + self.batch
        batched = rows * n * (GRID * self.grid_points + STAGE * stages + FIT * self.years) + CALL * self.batches * stages
        own = self.forecasts * n * (GRID * self.grid_points + POINT_FEEDBACK * stages)
        return float(batched + own + VIEW)


@dataclass(frozen=True)
class Cost:
    views: tuple[ViewCost, ...]  # the state, then its comparison if any

    @property
    def cells(self) -> float:
        return sum(v.cells for v in self.views)


def forecasts_of(state: State) -> int:
    """Single-state forecasts an analysis of ``state`` runs (its own)."""
    return 1


def batch_of(state: State) -> int:
    """States forecast in a batch besides the draws: the sensitivity moves
    each estimate of the last year to both ends of its range."""
    last = state.years[-1]
    return 2 * sum(1 for row in state.estimates.values() if last in row)


def view_cost(state: State) -> ViewCost:
    """The sizes of one view, without its comparison."""
    estimated = [y for y in state.years if any(y in row for row in state.estimates.values())]
    first = estimated[0] if estimated else state.years[0]
    last = state.years[-1]
    end = max(state.horizon, last)
    return ViewCost(
        grid_points=round((end - first) / GRID_STEP) + 1,
        feedback_points=round((end - last) / GRID_STEP) if state.feedback > 0 else 0,
        categories=sum(1 for row in state.estimates.values() if row),
        years=len(state.years),
        draws=SAMPLES if state.has_ranges else 0,
        forecasts=forecasts_of(state),
        batch=batch_of(state),
    )


def analysis_cost(state: State) -> Cost:
    """The estimated cost of analysing ``state`` (and its comparison).

    >>> from scurve.catalog import load_catalog
    >>> from scurve.state import default_state
    >>> analysis_cost(default_state(load_catalog())).cells  # 10 categories, 25 grid points, 20 moved states
    617100.0
    """
    views = [view_cost(state)]
    if state.compare is not None:
        views.append(view_cost(state.compare))
    return Cost(tuple(views))


def _fits(state: State, budget: float) -> bool:
    return analysis_cost(state).cells <= budget


def _both(state: State, **changes: object) -> State:
    """``state`` with ``changes`` made to it and to its comparison."""
    compare = None if state.compare is None else replace(state.compare, **changes)  # type: ignore[arg-type]
    return replace(state, **changes, compare=compare)  # type: ignore[arg-type]


def _latest_horizon(state: State, budget: float) -> int | None:
    """The latest horizon (not before the present one's last year) within budget, if it helps."""
    lows = [state.years[-1]] + ([state.compare.years[-1]] if state.compare is not None else [])
    lo, hi = max(lows), state.horizon
    if hi <= lo or not _fits(_both(state, horizon=lo), budget):
        return None
    while lo < hi:  # the largest horizon in [lo, hi) that fits
        mid = (lo + hi + 1) // 2
        if _fits(_both(state, horizon=mid), budget):
            lo = mid
        else:
            hi = mid - 1
    return lo


def remedies(state: State, budget: float = BUDGET) -> list[str]:
    """Single changes that bring ``state`` within ``budget``, as phrases."""
    out: list[str] = []
    horizon = _latest_horizon(state, budget)
    if horizon is not None and horizon < state.horizon:
        out.append(f"a horizon of {horizon} or earlier (`horizon` is {state.horizon})")
    years = state.years
    if len(years) > 3 and _fits(_both(state, years=years[-3:]), budget):
        out.append(f"fewer years: from {years[-3]} rather than {years[0]} (`years`)")
    ranged = state.has_ranges or (state.compare is not None and state.compare.has_ranges)
    if ranged and _fits(_both(state, ranges={}), budget):
        out.append("no ranges (`.lo` and `.hi`)")
    if (state.feedback > 0 or (state.compare is not None and state.compare.feedback > 0)) and _fits(
        _both(state, feedback=0.0), budget
    ):
        out.append("feedback 0 (`fb`)")
    if state.compare is not None and _fits(state.with_compare(None), budget):
        out.append("no comparison (the `vs.` parameters)")
    return out


def check_cost(state: State, budget: float = BUDGET) -> Cost:
    """The cost of ``state``; raises :class:`TooCostlyError` over ``budget``,
    naming the changes that would bring it within.

    >>> from scurve.catalog import load_catalog
    >>> from scurve.state import default_state
    >>> check_cost(default_state(load_catalog()), budget=100)
    Traceback (most recent call last):
    ...
    scurve.cost.TooCostlyError: this view would take too long to compute (about 617,100 cells of work; the limit is 100): ...
    """
    cost = analysis_cost(state)
    if cost.cells <= budget:
        return cost
    fixes = remedies(state, budget)
    advice = ", or ".join(fixes) if fixes else "an earlier horizon, fewer years, fewer ranges and no comparison"
    msg = (
        f"this view would take too long to compute (about {amount(cost.cells)} cells of work; "
        f"the limit is {amount(budget)}): reduce it to {advice}"
    )
    err = TooCostlyError(Problem(("state",), msg, round(cost.cells)))
    err.cells, err.budget, err.advice = cost.cells, budget, advice
    raise err


def amount(cells: float) -> str:
    """A number of cells in words a person reads.

    >>> amount(195_300_000), amount(250)
    ('195 million', '250')
    """
    if cells >= 1e6:
        return f"{cells / 1e6:.0f} million"
    return f"{cells:,.0f}"
