"""The crowd's figures from per-day partial aggregates.

Each UTC day of views is summarised once: how many views, a histogram of the
positions of every (category, year) cell at the positions' own resolution
(a position is a multiple of 0.001, so 1,001 bins hold every value exactly),
the views' mean slopes per year, and the names of their own categories with
the voices that named them.  A date window's figures merge the days inside
it: the quantiles come out of the merged histogram by numpy's linear method,
exactly as from the positions themselves, so a new ``since``/``until`` costs
milliseconds rather than a pass over every view.

Which days changed is asked of the database (a count and a sum of ``seq``
per day, at most every 2 s per process); only those days are read again.
A refresh runs in one thread at a time; the others keep answering from the
days they have rather than wait for it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import Engine as DbEngine

from . import aggregate
from .db import is_sqlite, view_names, views

BINS = 1001  # positions 0.000 .. 1.000
SUGGESTED_MIN = 3
SUGGESTED_MAX = 50
# The bin np.histogram(bins=20, range=(0, 1)) puts each position in, asked of
# numpy itself (its float edges put 0.15 in the third bin, not the fourth).
_BIN_OF = np.array(
    [int(np.argmax(np.histogram([i / 1000], bins=aggregate.HIST_BINS, range=(0.0, 1.0))[0])) for i in range(BINS)]
)


@dataclass(frozen=True)
class Day:
    """One UTC day's views, summarised.

    The positions of each (category, year) cell are counted per value: as a
    dense row of BINS counts per cell when that is not much larger than the
    values seen (a busy day), else as sparse (key, count) pairs (a quiet day,
    or one whose views spread over many years), so the memory a day takes
    stays within a few times the cells its views hold."""

    n: int
    codes: np.ndarray  # the day's cells (category index x 128 + year - 2000), ascending
    dense: np.ndarray | None  # (len(codes), BINS) counts, or None for a sparse day
    keys: np.ndarray  # sparse: cell * BINS + round(1000 * position), unique
    counts: np.ndarray  # sparse: views at each key
    slopes: dict[int, np.ndarray]  # year -> the views' mean slopes
    names: dict[str, dict[str, str]]  # name key -> {voice key: name}


@dataclass(frozen=True)
class Snapshot:
    token: tuple[tuple[str, int, int], ...]
    days: dict[str, Day] = field(default_factory=dict)


DENSE_RATIO = 4  # a day is kept dense when its rows hold at most 4 bins per value seen


def summarise(rows: Sequence[tuple[bytes, bytes]], names: Sequence[tuple[str, str, str]]) -> Day:
    """A day from its views' packed (cells, slopes) and its (name key, name, voice key) rows."""
    cells = np.frombuffer(b"".join(bytes(r[0]) for r in rows), dtype=aggregate.CELL)
    code = cells["cat"].astype(np.int64) * 128 + (cells["year"].astype(np.int64) - 2000)
    keys, counts = np.unique(code * BINS + np.rint(cells["pos"] * 1000).astype(np.int64), return_counts=True)
    codes = np.unique(keys // BINS)
    dense = None
    if codes.size * BINS <= DENSE_RATIO * keys.size:
        dense = np.zeros((codes.size, BINS), dtype=np.int32)
        dense[np.searchsorted(codes, keys // BINS), keys % BINS] = counts
        keys, counts = keys[:0], counts[:0]
    slopes = np.frombuffer(b"".join(bytes(r[1]) for r in rows), dtype=aggregate.SLOPE)
    per_year = {int(y): slopes["slope"][slopes["year"] == y].copy() for y in np.unique(slopes["year"]).tolist()}
    by_name: dict[str, dict[str, str]] = {}
    for key, name, voice in names:
        seen = by_name.setdefault(key, {})
        seen[voice] = min(seen.get(voice, name), name)
    return Day(len(rows), codes, dense, keys, counts.astype(np.int64), per_year, by_name)


def _lerp(a: np.ndarray, b: np.ndarray, t: np.ndarray) -> np.ndarray:
    # numpy's own interpolation for the linear method, so the quantiles agree to the bit.
    diff = b - a
    out: np.ndarray = np.where(t >= 0.5, b - diff * (1 - t), a + diff * t)
    return out


def _order_quantiles(n: int, at: Any) -> dict[str, float]:
    """numpy's linear quantiles of n sorted values, ``at(i)`` giving the i-th (an array of indices)."""
    h = aggregate._PROBS * (n - 1)
    lo = np.floor(h)
    hi = np.minimum(lo + 1, n - 1)
    q = _lerp(at(lo), at(hi), h - lo)
    return {name: float(v) for (name, _), v in zip(aggregate.QUANTILES, q, strict=True)}


def _quantiles(counts: np.ndarray) -> dict[str, float]:
    """Linear quantiles of the positions a histogram of BINS bins holds."""
    cum = np.cumsum(counts)
    return _order_quantiles(int(cum[-1]), lambda i: np.searchsorted(cum, i, side="right") / 1000.0)


def _counts(days: Sequence[Day]) -> tuple[np.ndarray, np.ndarray]:
    """The cells of ``days`` (ascending codes) and (cells, BINS) counts of their positions."""
    codes = np.unique(np.concatenate([np.zeros(0, np.int64), *(d.codes for d in days)]))
    total = np.zeros((codes.size, BINS), dtype=np.int64)
    flat = total.reshape(-1)
    for d in days:
        if d.dense is not None:
            total[np.searchsorted(codes, d.codes)] += d.dense
        elif d.keys.size:
            np.add.at(flat, np.searchsorted(codes, d.keys // BINS) * BINS + d.keys % BINS, d.counts)
    return codes, total


def _slope_year(values: np.ndarray) -> tuple[dict[str, Any], tuple[int, ...]]:
    """One year's slope figures and histogram, from one sort (the same numbers
    as np.quantile and np.histogram give)."""
    v = np.sort(values)
    clipped = np.minimum(v, aggregate.SLOPE_EDGES[-1])  # still sorted
    edges = np.array(aggregate.SLOPE_EDGES)
    # np.histogram's own rule for given edges: every bin half-open but the last.
    cum = np.concatenate([clipped.searchsorted(edges[:-1], "left"), clipped.searchsorted(edges[-1:], "right")])
    figure = {
        "year": 0,
        "n": int(v.size),
        "mean_slope": _order_quantiles(v.size, lambda i: v[i.astype(np.int64)]),
        "share_supercritical": float(np.count_nonzero(v > 1) / v.size),
    }
    return figure, tuple(int(h) for h in np.diff(cum))


def merge(days: Sequence[Day], min_views: int = aggregate.MIN_VIEWS) -> tuple[aggregate.Figures, list[dict[str, Any]]]:
    """The figures and the suggested categories of the views of ``days``."""
    n = sum(d.n for d in days)
    codes, counts_all = _counts(days)
    per_cell = counts_all.sum(axis=1)
    out_cells = []
    for row in np.flatnonzero(per_cell >= min_views).tolist():
        code = int(codes[row])
        counts = counts_all[row]
        c = int(per_cell[row])
        hist = np.bincount(_BIN_OF, weights=counts, minlength=aggregate.HIST_BINS).astype(np.int64)
        points: tuple[float, ...] = ()
        if c <= aggregate.STRIP_MAX:
            points = tuple((np.repeat(np.arange(BINS), counts) / 1000.0).tolist())
        out_cells.append(
            aggregate.Cell(code // 128, 2000 + code % 128, c, _quantiles(counts), tuple(hist.tolist()), points)
        )
    out_years = []
    hists: dict[int, tuple[int, ...]] = {}
    for year in sorted({y for d in days for y in d.slopes}):
        values = np.concatenate([d.slopes[year] for d in days if year in d.slopes])
        if values.size < min_views:
            continue
        figure, hists[year] = _slope_year(values)
        out_years.append({**figure, "year": year})
    figs = aggregate.Figures(n=n, cells=tuple(out_cells), years=tuple(out_years), slope_hists=hists)
    return figs, suggested(days)


def suggested(days: Sequence[Day]) -> list[dict[str, Any]]:
    """Names of the views' own categories named by at least 3 voices, most named first."""
    voices: dict[str, dict[str, str]] = {}
    for d in days:
        for key, seen in d.names.items():
            merged = voices.setdefault(key, {})
            for voice, name in seen.items():
                merged[voice] = min(merged.get(voice, name), name)
    ranked = sorted(((-len(v), k) for k, v in voices.items() if len(v) >= SUGGESTED_MIN))[:SUGGESTED_MAX]
    return [{"name": min(voices[k].values()), "n": -neg} for neg, k in ranked]


class Days:
    """The per-day summaries of one database, kept up to date by :meth:`refresh`."""

    def __init__(self, db: DbEngine, max_age: float = 2.0, clock: Callable[[], float] = time.monotonic):
        self.db = db
        self.max_age = max_age
        self.clock = clock  # seconds: the crowd's, which tests move instead of sleeping
        self.snapshot: Snapshot | None = None
        self._checked = 0.0
        self._refreshing = threading.Lock()

    def current(self) -> Snapshot:
        """The days, asking the database which changed at most every ``max_age`` seconds."""
        if self.snapshot is not None and self.clock() - self._checked < self.max_age:
            return self.snapshot
        return self.refresh()

    def stale(self) -> None:
        """Ask the database again on the next :meth:`current`."""
        self._checked = 0.0

    def refresh(self) -> Snapshot:
        """The days as the database has them now; while another thread is
        refreshing, the days as they were (a reader never waits for another)."""
        current = self.snapshot
        if not self._refreshing.acquire(blocking=current is None):
            assert current is not None
            return current
        try:
            current = self.snapshot
            token = self._token()
            self._checked = self.clock()
            if current is not None and current.token == token:
                return current
            old = current.days if current is not None else {}
            known = {day: (n, s) for day, n, s in current.token} if current is not None else {}
            days = {}
            for day, n, s in token:
                days[day] = old[day] if known.get(day) == (n, s) and day in old else self._read_day(day)
            self.snapshot = Snapshot(token, days)
            return self.snapshot
        finally:
            self._refreshing.release()

    def window(self, snapshot: Snapshot, since: date | None, until: date | None) -> list[Day]:
        lo = since.isoformat() if since is not None else ""
        hi = until.isoformat() if until is not None else "9999"
        return [d for day, d in snapshot.days.items() if lo <= day <= hi]

    @staticmethod
    def first_day(snapshot: Snapshot, since: date | None, until: date | None) -> str | None:
        lo = since.isoformat() if since is not None else ""
        hi = until.isoformat() if until is not None else "9999"
        inside = [day for day in snapshot.days if lo <= day <= hi]
        return min(inside) if inside else None

    def _token(self) -> tuple[tuple[str, int, int], ...]:
        """(day, views, sum of their seq) for every day: changes when a view is added or removed."""
        day = sa.func.substr(views.c.created, 1, 10)
        with self.db.connect() as conn:
            rows = conn.execute(
                sa.select(day, sa.func.count(), sa.func.sum(views.c.seq)).group_by(day).order_by(day)
            ).all()
        return tuple((str(d), int(n), int(s)) for d, n, s in rows)

    def _read_day(self, day: str) -> Day:
        start = day
        end = (date.fromisoformat(day) + timedelta(days=1)).isoformat()
        mark = "?" if is_sqlite(self.db) else "%s"
        with self.db.connect() as conn:
            # The driver's own cursor: SQLAlchemy's row processing would double the time.
            cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:
                cursor.execute(
                    f"SELECT cells, slopes FROM views WHERE created >= {mark} AND created < {mark}", [start, end]
                )
                rows = list(cursor.fetchall())
            finally:
                cursor.close()
            names = conn.execute(
                sa.select(view_names.c.name_key, view_names.c.name, view_names.c.voice_key)
                .join(views, views.c.seq == view_names.c.view_seq)
                .where(views.c.created >= start, views.c.created < end)
            ).all()
        return summarise(rows, [(k, n, v) for k, n, v in names])
