"""Benchmark: the Monte Carlo of SPEC section 8 (2,000 draws, each a complete
analysis) on the default state with a range on all 30 estimates, against the
plain single-state analysis measured in the same run.

Run: ``python bench/bench_uncertainty.py [--repeat N] [--half H]``.  Every
estimate x gets the range [x - H, x + H] clipped to [0, 1] (H = 0.05 by
default).  Prints medians; the target is the analysis with ranges in at most
50 ms (median) without feedback.  The Monte Carlo fits its draws with the
same solver as one state's analysis (scurve.fit): the per-row cost of the
20,000 batched fits is printed against the ten fits of one analysis.  A script, not a test: timings depend on
the machine, so the plain analysis is timed alongside (interleaved rounds)
and the ratio is what carries over.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
from collections.abc import Callable

import numpy as np

# Run as a script from bench/, beside the model benchmark whose timer it shares.
from bench_model import time_interleaved

from scurve import analyze, default_state, load_catalog, permalink
from scurve.fit import fit_batch
from scurve.uncertainty import simulate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=31, help="timing rounds (median and best reported)")
    parser.add_argument("--half", type=float, default=0.05, help="half-width of every range")
    args = parser.parse_args()

    catalog = load_catalog()
    state = default_state(catalog)
    ids = catalog.ids
    years = list(state.years)
    pos = np.array([[state.estimates[c].get(y, np.nan) for y in years] for c in ids])
    lo = np.clip(pos - args.half, 0.0, 1.0)
    hi = np.clip(pos + args.half, 0.0, 1.0)
    k = np.array([state.curves[c].steepness for c in ids])
    mid = np.array([state.curves[c].midpoint for c in ids])
    ceil = np.array([state.curves[c].ceiling for c in ids])
    w = np.array([float(state.weights[c]) for c in ids])
    n_ranges = int((~np.isnan(lo)).sum())

    def ranges(feedback: float) -> Callable[[], object]:
        def run() -> object:
            # What an analysis with ranges does on top of today's: the
            # canonical link seeds the draws.
            a = analyze(state, catalog)
            return a, simulate(years, pos, lo, hi, k, mid, ceil, w, state.horizon, feedback, state.rho, a.permalink)

        return run

    seed = permalink(state, catalog)
    draws_x = np.clip(pos[None] + np.random.default_rng(0).normal(0, 0.03, (2000, *pos.shape)), 0, 1)
    t = np.array(years, dtype=float)
    times = time_interleaved(
        {
            "plain": (lambda: analyze(state, catalog), 10),
            "ranges": (ranges(0.0), 1),
            "mc_only": (
                lambda: simulate(years, pos, lo, hi, k, mid, ceil, w, state.horizon, 0.0, state.rho, seed),
                1,
            ),
            "fits": (lambda: fit_batch(t, draws_x.reshape(-1, len(years)), rmse=False), 1),
            "one_fit": (lambda: fit_batch(t, pos), 10),
            "feedback": (ranges(1.0), 1),
        },
        args.repeat,
    )
    med = {name: statistics.median(ts) * 1e3 for name, ts in times.items()}
    best = {name: min(ts) * 1e3 for name, ts in times.items()}
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, load {load:.2f}")
    print(
        f"default state: {len(ids)} categories x {len(years)} years, {n_ranges} ranges of +-{args.half:g}, "
        f"2000 draws; {args.repeat} interleaved rounds"
    )
    print(f"{'':46}{'median':>10}{'best':>10}")
    rows = [
        ("plain analysis (scurve.analyze)", "plain", ""),
        (f"analysis with {n_ranges} ranges (phi = 0)", "ranges", "   (target <= 50 ms)"),
        ("  of which the Monte Carlo (simulate)", "mc_only", ""),
        ("  20,000 batched fits alone (fit_batch)", "fits", ""),
        (f"analysis with {n_ranges} ranges, feedback phi = 1", "feedback", ""),
    ]
    for label, key, note in rows:
        print(f"{label:46}{med[key]:8.3f} ms{best[key]:8.3f} ms{note}")
    print(f"ratio ranges / plain:                         {med['ranges'] / med['plain']:6.1f} x (median)")
    per_row_batch = med["fits"] / draws_x.reshape(-1, len(years)).shape[0] * 1e3
    per_row_one = med["one_fit"] / pos.shape[0] * 1e3
    print(f"fit per row: 20,000 at once {per_row_batch:.2f} us, one analysis's ten {per_row_one:.1f} us")
    figures = {
        "bench": "bench_uncertainty",
        "plain_analysis_median_ms": round(med["plain"], 4),
        "ranges_analysis_median_ms": round(med["ranges"], 3),
        "ranges_analysis_best_ms": round(best["ranges"], 3),
        "monte_carlo_median_ms": round(med["mc_only"], 3),
        "batched_fits_median_ms": round(med["fits"], 3),
        "one_state_fit_median_ms": round(med["one_fit"], 4),
        "ranges_feedback_median_ms": round(med["feedback"], 3),
        "ranges_over_plain_ratio": round(med["ranges"] / med["plain"], 2),
        "load_average": round(load, 2),
    }
    print("BENCH-JSON " + json.dumps(figures))


if __name__ == "__main__":
    main()
