"""Benchmark: one full analysis of the default state (its sensitivity
included), with feedback, and with a range on all 30 estimates, each against
a baseline measured in the same run: ten separate bounded least-squares
calls of scipy, the way one fits the ten trajectories without the batched
solver.

Run: ``python bench/bench_model.py [--repeat N]``.  Prints medians; the
targets are the default-state analysis in at most 3 ms and the analysis with
30 ranges in at most 50 ms.  A script, not a test: timings depend on the
machine, so the ratios to the baseline are what carries over.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import replace

import numpy as np
from scipy.optimize import least_squares  # type: ignore[import-untyped]

from scurve import analyze, default_state, load_catalog, permalink
from scurve.curve import logit, sigmoid
from scurve.sensitivity import sensitivity
from scurve.serialize import analysis_to_dict
from scurve.trajectory import A_BOUNDS, CLIP, R_BOUNDS, fit_many


def time_interleaved(cases: dict[str, tuple[Callable[[], object], int]], repeat: int) -> dict[str, list[float]]:
    """Per case, ``repeat`` rounds of the mean time of its ``inner`` calls.

    The cases take turns round by round, so a change in machine load (other
    processes on a shared 2-core box) hits them all alike and the ratios hold.
    """
    for fn, _ in cases.values():
        fn()  # warm up
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repeat):
        for name, (fn, inner) in cases.items():
            start = time.perf_counter()
            for _ in range(inner):
                fn()
            times[name].append((time.perf_counter() - start) / inner)
    return times


def separate_fits(years: np.ndarray, positions: np.ndarray) -> list[np.ndarray]:
    """The baseline: one bounded least_squares call per category, with the
    same residuals, Jacobian, start and tolerances as the stacked fit."""
    out = []
    for row in positions:
        keep = ~np.isnan(row)
        if keep.sum() < 2:
            continue
        t = years[keep]
        dt = t - t.mean()
        x = np.clip(row[keep], *CLIP)
        lx = logit(x)
        r0 = float(np.sum(dt * (lx - lx.mean())) / np.sum(dt * dt))
        p0 = np.array([np.clip(lx.mean(), *A_BOUNDS), np.clip(r0, *R_BOUNDS)])

        def residuals(p: np.ndarray, dt: np.ndarray = dt, x: np.ndarray = x) -> np.ndarray:
            return sigmoid(p[0] + p[1] * dt) - x

        def jacobian(p: np.ndarray, dt: np.ndarray = dt) -> np.ndarray:
            s = sigmoid(p[0] + p[1] * dt)
            ds = s * (1 - s)
            return np.column_stack([ds, ds * dt])

        res = least_squares(
            residuals,
            p0,
            jac=jacobian,
            bounds=([A_BOUNDS[0], R_BOUNDS[0]], [A_BOUNDS[1], R_BOUNDS[1]]),
            method="trf",
            x_scale="jac",
            ftol=1e-10,
            xtol=1e-10,
            gtol=1e-10,
        )
        out.append(res.x)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=41, help="timing rounds (median and best reported)")
    args = parser.parse_args()

    catalog = load_catalog()
    state = default_state(catalog)
    years = np.array(state.years, dtype=float)
    positions = np.array([[state.estimates[cid].get(y, np.nan) for y in state.years] for cid in catalog.ids])

    # The two fits must agree before their times mean anything.
    stacked = [f for f in fit_many(years, positions) if f is not None]
    separate = separate_fits(years, positions)
    worst = max(max(abs(f.a - p[0]), abs(f.rate - p[1])) for f, p in zip(stacked, separate, strict=True))
    assert worst < 1e-6, f"stacked and separate fits differ by {worst}"
    fits = fit_many(years, positions)
    ids = catalog.ids
    kml = tuple(np.array([getattr(state.curves[c], f) for c in ids]) for f in ("steepness", "midpoint", "ceiling"))
    w = np.array([state.weights[c] for c in ids])

    def sensitivity_alone() -> object:
        return sensitivity(
            ids, state.years, state.horizon, positions, fits, kml, w, {},  # type: ignore[arg-type]
            feedback=0.0, lag=0.0, first_share=0.5,
        )  # fmt: skip

    with_fb = replace(state, feedback=1.0)
    ranged = replace(
        state,
        ranges={
            cid: {y: (max(0.0, round(x - 0.05, 3)), min(1.0, round(x + 0.05, 3))) for y, x in row.items()}
            for cid, row in state.estimates.items()
        },
    )
    times = time_interleaved(
        {
            "full": (lambda: analyze(state, catalog), 20),
            "sensitivity": (sensitivity_alone, 20),
            "feedback": (lambda: analyze(with_fb, catalog), 10),
            "ranges": (lambda: analyze(ranged, catalog), 1),
            "json": (lambda: analysis_to_dict(analyze(state, catalog), catalog), 20),
            "stacked": (lambda: fit_many(years, positions), 20),
            "link": (lambda: permalink(state, catalog), 100),
            "separate": (lambda: separate_fits(years, positions), 2),
        },
        args.repeat,
    )
    med = {name: statistics.median(ts) * 1e3 for name, ts in times.items()}
    best = {name: min(ts) * 1e3 for name, ts in times.items()}

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"default state: {len(catalog.ids)} categories x {len(state.years)} years; {args.repeat} interleaved rounds")
    print(f"{'':40}{'median':>10}{'best':>10}")
    print(f"{'full analysis (scurve.analyze)':40}{med['full']:8.3f} ms{best['full']:8.3f} ms   (target <= 3 ms)")
    print(f"{'  of which the sensitivity':40}{med['sensitivity']:8.3f} ms{best['sensitivity']:8.3f} ms")
    print(f"{'  analysis + JSON dict':40}{med['json']:8.3f} ms{best['json']:8.3f} ms")
    print(f"{'  of which the stacked fit (1 call)':40}{med['stacked']:8.3f} ms{best['stacked']:8.3f} ms")
    print(f"{'  of which the permalink':40}{med['link']:8.3f} ms{best['link']:8.3f} ms")
    print(
        f"{'with feedback fb=1':40}{med['feedback']:8.3f} ms{best['feedback']:8.3f} ms   (no target: its sensitivity integrates two moved views per category)"
    )
    print(f"{'with a range on all 30 estimates':40}{med['ranges']:8.3f} ms{best['ranges']:8.3f} ms   (target <= 50 ms)")
    print(f"ratio feedback / plain analysis:        {med['feedback'] / med['full']:6.2f} x (median)")
    print(f"ratio 30 ranges / plain analysis:       {med['ranges'] / med['full']:6.1f} x (median)")
    print(f"{'baseline: 10 separate bounded fits':40}{med['separate']:8.3f} ms{best['separate']:8.3f} ms")
    print(f"ratio separate fits / stacked fit:      {med['separate'] / med['stacked']:6.1f} x (median)")
    print(f"ratio full analysis / baseline:         {med['full'] / med['separate']:6.2f} x (median)")
    print(f"ratio 30 ranges / baseline:             {med['ranges'] / med['separate']:6.2f} x (median)")
    print(f"stacked and separate fits agree to:     {worst:.1e}")
    figures = {
        "bench": "bench_model",
        "analysis_median_ms": round(med["full"], 4),
        "analysis_over_baseline_ratio": round(med["full"] / med["separate"], 3),
        "sensitivity_median_ms": round(med["sensitivity"], 4),
        "stacked_fit_median_ms": round(med["stacked"], 4),
        "separate_fits_median_ms": round(med["separate"], 4),
        "separate_over_stacked_ratio": round(med["separate"] / med["stacked"], 3),
        "feedback_median_ms": round(med["feedback"], 4),
        "feedback_over_plain_ratio": round(med["feedback"] / med["full"], 3),
        "ranges30_median_ms": round(med["ranges"], 3),
        "ranges30_over_plain_ratio": round(med["ranges"] / med["full"], 2),
        "ranges30_over_baseline_ratio": round(med["ranges"] / med["separate"], 2),
        "load_average": round(os.getloadavg()[0], 2),
    }
    print("BENCH-JSON " + json.dumps(figures))


if __name__ == "__main__":
    main()
