"""Per-day partial aggregates: a window merged from its days gives exactly the
figures of the views themselves (numpy's linear quantiles, to the bit), and a
refresh in one thread never makes another reader wait."""

from __future__ import annotations

import threading
from datetime import date

import numpy as np
import pytest
import sqlalchemy as sa

from app.crowd import aggregate, days
from app.crowd.db import make_engine
from tests.test_crowd_export import seed


def view_rows(rng: np.random.Generator, n: int) -> list[tuple[bytes, bytes]]:
    out = []
    for _ in range(n):
        k = int(rng.integers(1, 31))  # some views answer only some cells
        pick = rng.choice(30, size=k, replace=False)
        cells = np.zeros(k, dtype=aggregate.CELL)
        cells["cat"] = pick // 3
        cells["year"] = 2024 + pick % 3
        cells["pos"] = np.round(rng.uniform(0, 1, k), 3)
        slopes = np.zeros(2, dtype=aggregate.SLOPE)
        slopes["year"], slopes["slope"] = (2025, 2026), rng.gamma(2.0, 0.6, 2)
        out.append((cells.tobytes(), slopes.tobytes()))
    return out


def test_merged_days_give_the_figures_of_the_views_themselves() -> None:
    rng = np.random.default_rng(20)
    per_day = [view_rows(rng, int(m)) for m in (3, 40, 0, 170, 9, 1500, 60)]
    day_list = [days.summarise(r, []) for r in per_day]
    # Quiet days are kept sparse, a busy one dense: both kinds merge.
    assert day_list[5].dense is not None and day_list[4].dense is None and day_list[3].dense is None
    for lo, hi in ((0, 7), (1, 4), (3, 4), (4, 7), (2, 3), (5, 6)):
        merged, _ = days.merge(day_list[lo:hi])
        direct = aggregate.figures([row for r in per_day[lo:hi] for row in r])
        assert merged.n == direct.n
        assert [(c.category, c.year, c.n) for c in merged.cells] == [(c.category, c.year, c.n) for c in direct.cells]
        for m, d in zip(merged.cells, direct.cells, strict=True):
            assert m.quantiles == d.quantiles  # the same doubles
            assert m.hist == d.hist
            assert m.points == tuple(sorted(d.points))
        assert merged.years == direct.years
        assert merged.slope_hists == direct.slope_hists


def test_an_edge_position_falls_in_the_bin_numpy_puts_it() -> None:
    cells = np.zeros(7, dtype=aggregate.CELL)
    cells["year"] = 2025
    cells["pos"] = [0.0, 0.049, 0.05, 0.15, 0.95, 0.999, 1.0]
    rows = [(cells[i : i + 1].tobytes(), b"") for i in range(7)]
    merged, _ = days.merge([days.summarise(rows, [])])
    assert merged.cells[0].hist == aggregate.figures(rows).cells[0].hist


def test_suggestions_count_voices_across_days() -> None:
    d1 = days.summarise([], [("robotics", "Robotics", "v1"), ("energy", "Energy", "v1")])
    d2 = days.summarise([], [("robotics", "robotics", "v1"), ("robotics", "ROBOTICS", "v2")])
    d3 = days.summarise([], [("robotics", "Robotics", "v3"), ("energy", "energy", "v2")])
    assert days.suggested([d1, d2]) == []
    assert days.suggested([d1, d2, d3]) == [{"name": "ROBOTICS", "n": 3}]


def test_a_reader_never_waits_for_another_readers_refresh(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    seed(db_url, 50)
    engine = make_engine(db_url)
    try:
        store = days.Days(engine)
        first = store.refresh()
        assert sum(d.n for d in first.days.values()) == 50
        with engine.begin() as conn:  # a change: the next refresh reads a day again
            conn.execute(sa.text("DELETE FROM views WHERE id = 'seed000000000001'"))
        entered, release = threading.Event(), threading.Event()
        real = store._read_day

        def slow(day: str) -> days.Day:
            entered.set()
            release.wait(30)
            return real(day)

        monkeypatch.setattr(store, "_read_day", slow)
        refresher = threading.Thread(target=store.refresh)
        refresher.start()
        assert entered.wait(30)
        # While that refresh is stuck reading, another reader gets the days it has.
        assert store.refresh() is first
        release.set()
        refresher.join(30)
        assert sum(d.n for d in store.refresh().days.values()) == 49
        assert days.Days.first_day(store.snapshot, date(2026, 3, 5), None) == "2026-03-05"  # type: ignore[arg-type]
    finally:
        engine.dispose()
