"""Run every benchmark of the project and print one table.

Run: ``python bench/run_all.py [--skip NAME ...] [--write docs/BENCHMARKS.md]``

Each script runs as a subprocess and ends its output with one line
``BENCH-JSON {"bench": NAME, ...}``: a flat JSON object of its figures, keys
in snake_case with the unit in the name (``_ms``, ``_rps``, ``_mib``,
``_bytes``, ``_ratio``).  The keys read here:

- bench_model.py: ``analysis_median_ms``, ``analysis_over_baseline_ratio``,
  ``ranges30_median_ms``, ``ranges30_over_baseline_ratio`` (the baseline: ten
  separate scipy fits, timed in the same run)
- bench_http.py: ``analyze_rps``, ``healthz_rps``, ``analyze_healthz_ratio``
- bench_drag.py: ``drag_frame_median_ms``, ``drag_frame_p95_ms``,
  ``naive_frame_median_ms``, ``naive_frame_p95_ms``, ``first_render_ms``,
  ``load_warm_ms``, ``plotly_cold_ms``, ``plotly_warm_ms``
- bench_drag_ranges.py (bench_drag.py ``--ranges``): ``drag_frame_median_ms``,
  ``drag_frame_p95_ms``, ``panel_gap_max_ms``
- page_weight.py: ``page_bytes``, ``page_requests``, ``plotly_bytes``
- bench_phone.py: ``phone_fcp_ms``, ``phone_usable_ms``, ``phone_plotly_ms`` and
  each with ``_modules_ms`` (the baseline: the modules one by one, same run)
- bench_preview.py: ``uncached_median_ms``, ``uncached_p95_ms``, ``cached_median_ms``
- load.py: ``requests``, ``connection_errors``, ``status_5xx``, ``rps``,
  ``rss_rest_mib``, ``rss_after_mib``, ``latency`` ({route: {median_ms, p99_ms, count}})
- bench_crowd.py: ``<db>_crowd_p50_ms``, ``<db>_crowd_p99_ms``, ``<db>_recompute_ms``,
  ``<db>_window_ms``, ``<db>_cycling_p50_ms``, ``<db>_cycling_p99_ms``,
  ``<db>_post_rps``, ``<db>_post_p99_ms``, ``<db>_post_lost`` (``<db>``: sqlite, postgresql)
- bench_budget.py: ``costliest_ms``, ``costliest_view``, ``refused_ms``, ``healthz_busy_max_ms``,
  ``links``, ``rss_growth_mib``

A few other key names are read too (``ALIASES``), and a script that prints
no such line yet has its headline figures read from its text
(``TEXT_FIGURES``).  A script that is missing or fails, or whose figures
cannot be found, shows as ``n/a`` with the reason; the others still run.  Benchmarks are not tests: timings depend
on the machine, so the table names it, and ratios are measured within one run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SCRIPTS = [
    "bench_model",
    "bench_http",
    "bench_drag",
    "bench_drag_ranges",
    "page_weight",
    "bench_phone",
    "bench_preview",
    "load",
    "bench_crowd",
    "bench_budget",
]
PREFIX = "BENCH-JSON "
# Other names a script may use for a figure read here.
ALIASES = {
    "drag_frame_median_ms": ("move_median_ms",),
    "drag_frame_p95_ms": ("move_p95_ms",),
    "naive_frame_median_ms": ("naive_median_ms",),
    "naive_frame_p95_ms": ("naive_p95_ms",),
    "first_render_ms": ("load_cold_ms",),
    "analyze_healthz_ratio": ("ratio",),
}
# For a script that prints no BENCH-JSON line yet: its figures read from its text.
TEXT_FIGURES = {
    "bench_model": {"analysis_median_ms": r"full analysis \(scurve\.analyze\)\s+([0-9.]+) ms"},
    "bench_http": {
        "healthz_rps": r"GET /healthz\s+([0-9.]+) req/s",
        "analyze_rps": r"GET /api/analyze\S*\s+([0-9.]+) req/s",
        "analyze_healthz_ratio": r"analyze / healthz throughput:\s+([0-9.]+)",
    },
}


@dataclass
class Outcome:
    name: str
    figures: dict[str, Any] = field(default_factory=dict)
    problem: str = ""
    seconds: float = 0.0
    output: str = ""
    note: str = ""


def parse_figures(stdout: str) -> dict[str, Any] | None:
    """The figures of the last ``BENCH-JSON`` line, or None."""
    for line in reversed(stdout.splitlines()):
        if line.startswith(PREFIX):
            value = json.loads(line[len(PREFIX) :])
            return value if isinstance(value, dict) else None
    return None


def text_figures(name: str, stdout: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, pattern in TEXT_FIGURES.get(name, {}).items():
        match = re.search(pattern, stdout)
        if match:
            out[key] = float(match.group(1))
    return out


def normalise(figures: dict[str, Any]) -> dict[str, Any]:
    out = dict(figures)
    for key, others in ALIASES.items():
        for other in others:
            if key not in out and other in out:
                out[key] = out[other]
    return out


def run(name: str, timeout: float) -> Outcome:
    script = BENCH / f"{name}.py"
    if not script.exists():
        return Outcome(name, problem=f"bench/{name}.py not found")
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return Outcome(name, problem=f"timed out after {timeout:g} s", seconds=timeout)
    seconds = time.perf_counter() - start
    out = Outcome(name, seconds=seconds, output=proc.stdout)
    try:
        figures = parse_figures(proc.stdout)
    except json.JSONDecodeError as exc:
        figures, out.problem = None, f"unreadable BENCH-JSON line ({exc})"
    if figures is None and proc.returncode == 0:
        figures = text_figures(name, proc.stdout) or None
        if figures is not None:
            out.note = "figures read from its text: it printed no BENCH-JSON line"
    if figures is not None:
        out.figures = normalise(figures)
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or proc.stdout.strip().splitlines() or [""])[-1]
        out.problem = f"exit {proc.returncode}: {tail[:160]}"
    elif figures is None and not out.problem:
        out.problem = "printed no BENCH-JSON line"
    return out


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def _num(value: Any, fmt: str) -> str | None:
    return None if not isinstance(value, int | float) or isinstance(value, bool) else format(value, fmt)


def speedup(outcomes: dict[str, Outcome]) -> str:
    f = outcomes.get("bench_drag", Outcome("")).figures
    ours, naive = f.get("drag_frame_median_ms"), f.get("naive_frame_median_ms")
    if _num(ours, "") is None or _num(naive, "") is None or not ours:
        return ""
    return f" ({naive / ours:.1f}x ours)"


def rows(outcomes: dict[str, Outcome]) -> list[tuple[str, str, str]]:
    """(figure, value, source) for the table; `n/a (why)` where a figure is missing."""

    def get(name: str, key: str, fmt: str, unit: str = "") -> str:
        o = outcomes.get(name)
        if o is None:
            return "n/a (skipped)"
        text = _num(o.figures.get(key), fmt)
        if text is None:
            return f"n/a ({o.problem or f'no `{key}`'})"
        return text + unit

    def pair(name: str, a: str, b: str, fmt: str, unit: str) -> str:
        x, y = get(name, a, fmt), get(name, b, fmt)
        return x if x.startswith("n/a") else f"{x} / {y}{unit}"

    def ratio(name: str, key: str) -> str:
        f = outcomes.get(name, Outcome("")).figures
        ours, base = f.get(f"phone_{key}_ms"), f.get(f"phone_{key}_modules_ms")
        if _num(ours, "") is None or _num(base, "") is None or not base:
            return ""
        return f" ({ours / base:.2f}x, {base:.0f} ms)"

    load = outcomes.get("load")
    overall = ""
    if load and load.figures.get("latency"):
        lat = load.figures["latency"]
        n = load.figures.get("requests", 0)
        overall = (
            f"{n:,} requests, {load.figures.get('rps', 0):.0f} req/s, "
            f"{load.figures.get('connection_errors')} connection errors, {load.figures.get('status_5xx')} 5xx"
            + (
                f", {load.figures['views_added']:,} views added, {load.figures.get('views_lost')} lost; "
                if "views_added" in load.figures
                else "; "
            )
            + f"GET /api/analyze p50/p99 {lat.get('GET /api/analyze', {}).get('median_ms', 'n/a')}/"
            f"{lat.get('GET /api/analyze', {}).get('p99_ms', 'n/a')} ms"
        )
    return [
        (
            "Analysis of the default state, sensitivity included, median (target ≤ 3 ms; ÷ baseline)",
            get("bench_model", "analysis_median_ms", ".3f", " ms")
            + f" ({get('bench_model', 'analysis_over_baseline_ratio', '.2f', '×')})",
            "bench_model",
        ),
        (
            "The same with feedback fb=1, median (÷ plain)",
            get("bench_model", "feedback_median_ms", ".3f", " ms")
            + f" ({get('bench_model', 'feedback_over_plain_ratio', '.2f', '×')})",
            "bench_model",
        ),
        (
            "The same with a 90% range on all 30 estimates (2,000 draws), median (target ≤ 50 ms; ÷ baseline)",
            get("bench_model", "ranges30_median_ms", ".2f", " ms")
            + f" ({get('bench_model', 'ranges30_over_baseline_ratio', '.2f', '×')})",
            "bench_model",
        ),
        (
            "Baseline: ten separate scipy least-squares fits of the default marks, median",
            get("bench_model", "separate_fits_median_ms", ".3f", " ms"),
            "bench_model",
        ),
        (
            "Throughput /api/analyze ÷ /healthz",
            get("bench_http", "analyze_healthz_ratio", ".2f", "")
            + (
                f" ({get('bench_http', 'analyze_rps', '.0f')} vs {get('bench_http', 'healthz_rps', '.0f')} req/s)"
                if "analyze_rps" in outcomes.get("bench_http", Outcome("")).figures
                else ""
            ),
            "bench_http",
        ),
        (
            "Main-thread time per pointer move of a drag, median / p95",
            pair("bench_drag", "drag_frame_median_ms", "drag_frame_p95_ms", ".2f", " ms"),
            "bench_drag",
        ),
        (
            "The same with a range on all 30 estimates, median / p95",
            pair("bench_drag_ranges", "drag_frame_median_ms", "drag_frame_p95_ms", ".2f", " ms")
            + (
                f"; longest panel gap {get('bench_drag_ranges', 'panel_gap_max_ms', '.0f', ' ms')}"
                if "panel_gap_max_ms" in outcomes.get("bench_drag_ranges", Outcome("")).figures
                else ""
            ),
            "bench_drag_ranges",
        ),
        (
            "The same, naive approach (Plotly.react of ten subplots), median / p95",
            pair("bench_drag", "naive_frame_median_ms", "naive_frame_p95_ms", ".2f", " ms") + speedup(outcomes),
            "bench_drag",
        ),
        (
            "Ten charts drawn, markers placed, first visit / repeat",
            pair("bench_drag", "first_render_ms", "load_warm_ms", ".0f", " ms"),
            "bench_drag",
        ),
        (
            "Plotly has redrawn them, first visit / repeat",
            pair("bench_drag", "plotly_cold_ms", "plotly_warm_ms", ".0f", " ms"),
            "bench_drag",
        ),
        (
            "Page weight of / (encoded bodies, empty cache)",
            get("page_weight", "page_bytes", ",", " bytes")
            + (
                f" in {outcomes['page_weight'].figures['page_requests']} responses"
                if "page_requests" in outcomes.get("page_weight", Outcome("")).figures
                else ""
            ),
            "page_weight",
        ),
        (
            "The same: Plotly's bundle",
            get("page_weight", "plotly_bytes", ",", " bytes"),
            "page_weight",
        ),
        *(
            (
                f"Phone profile, {label} (÷ the modules one by one)",
                get("bench_phone", f"phone_{key}_ms", ".0f", " ms") + ratio("bench_phone", key),
                "bench_phone",
            )
            for key, label in (("fcp", "first contentful paint"), ("usable", "usable"), ("plotly", "Plotly took over"))
        ),
        (
            "Preview image /preview.png, new view / cached, median",
            pair("bench_preview", "uncached_median_ms", "cached_median_ms", ".1f", " ms"),
            "bench_preview",
        ),
        ("Server RSS at rest (all processes)", get("load", "rss_rest_mib", ".1f", " MiB"), "load"),
        ("Server RSS after the load run", get("load", "rss_after_mib", ".1f", " MiB"), "load"),
        ("Load run", overall or get("load", "requests", ","), "load"),
        (
            "Costliest request the cost budget lets through (target < 2 s); a link far over it refused",
            get("bench_budget", "costliest_ms", ".0f", " ms")
            + (
                f" ({outcomes['bench_budget'].figures['costliest_view']}); refused in "
                + get("bench_budget", "refused_ms", ".1f", " ms")
                if "costliest_view" in outcomes.get("bench_budget", Outcome("")).figures
                else ""
            ),
            "bench_budget",
        ),
        (
            "/healthz while four costly requests run, slowest of 10 (target < 250 ms)",
            get("bench_budget", "healthz_busy_max_ms", ".1f", " ms"),
            "bench_budget",
        ),
        (
            "Server RSS growth over 250 distinct large links (target <= 300 MB)",
            get("bench_budget", "rss_growth_mib", ".0f", " MiB"),
            "bench_budget",
        ),
        *(
            row
            for db in ("sqlite", "postgresql")
            for row in (
                (
                    f"GET /api/crowd, 100,000 views, {db}: cached p50 / p99",
                    pair("bench_crowd", f"{db}_crowd_p50_ms", f"{db}_crowd_p99_ms", ".2f", " ms"),
                    "bench_crowd",
                ),
                (
                    f"The crowd's figures read from every day (a new process), {db}",
                    get("bench_crowd", f"{db}_recompute_ms", ".0f", " ms"),
                    "bench_crowd",
                ),
                (
                    f"A new since/until window, 100,000 views, {db}: median",
                    get("bench_crowd", f"{db}_window_ms", ".2f", " ms"),
                    "bench_crowd",
                ),
                (
                    f"GET /api/crowd while 4 clients cycle windows, {db}: p50 / p99",
                    pair("bench_crowd", f"{db}_cycling_p50_ms", f"{db}_cycling_p99_ms", ".2f", " ms"),
                    "bench_crowd",
                ),
                (
                    f"POST /api/views, 32 writers, 2 workers, {db}: views/s; p99",
                    get("bench_crowd", f"{db}_post_rps", ".0f", " views/s")
                    + "; "
                    + get("bench_crowd", f"{db}_post_p99_ms", ".0f", " ms")
                    + "; lost "
                    + get("bench_crowd", f"{db}_post_lost", "d"),
                    "bench_crowd",
                ),
            )
        ),
    ]


def table(outcomes: dict[str, Outcome]) -> str:
    data = rows(outcomes)
    w1 = max(len(r[0]) for r in data)
    w2 = max(len(r[1]) for r in data)
    lines = [f"{'figure':<{w1}}  {'value':<{w2}}  from", "-" * (w1 + w2 + 16)]
    lines += [f"{a:<{w1}}  {b:<{w2}}  {c}" for a, b, c in data]
    return "\n".join(lines)


def load_average() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except (OSError, IndexError):
        return "n/a"


def markdown(outcomes: dict[str, Outcome], when: str, where: str, busy: str) -> str:
    out = [
        "# Benchmarks",
        "",
        "The latest figures of `python bench/run_all.py` (written by its `--write` option;",
        "see the README's *Benchmarks*).  Benchmarks are not tests: timings depend on",
        "the machine and on what else it runs, so ratios are measured within one run.",
        "",
        f"- Date: {when}",
        f"- Machine: {where}",
        f"- Other work on the machine (1-minute load average at the start and the end): {busy}",
        "",
        "| figure | value | script |",
        "|---|---|---|",
    ]
    out += [f"| {a.strip()} | {b} | bench/{c}.py |" for a, b, c in rows(outcomes)]
    load = outcomes.get("load")
    if load and load.figures.get("latency"):
        f = load.figures
        out += [
            "",
            "## Load run (bench/load.py)",
            "",
            f"`scurve serve --workers {f.get('workers', 2)}` on 127.0.0.1, {f.get('requests'):,} requests from "
            f"{f.get('concurrency')} keep-alive connections in {f.get('seconds')} s ({f.get('rps')} req/s); "
            f"{f.get('connection_errors')} connection errors, {f.get('status_5xx')} 5xx, "
            f"{f.get('unexpected_statuses')} unexpected statuses"
            + (
                f"; {f['views_added']:,} views added to the crowd, {f.get('views_lost')} lost"
                if "views_added" in f
                else ""
            )
            + f". Server RSS ({f.get('server_processes')} processes): "
            f"{f.get('rss_rest_mib')} MiB at rest, {f.get('rss_after_mib')} MiB after the load.",
            "",
            "| route | requests | median ms | p99 ms |",
            "|---|---:|---:|---:|",
        ]
        for route, v in f["latency"].items():
            out.append(f"| {route} | {v['count']} | {v['median_ms']} | {v['p99_ms']} |")
    notes = [f"- bench/{o.name}.py: {o.note}" for o in outcomes.values() if o.note]
    if notes:
        out += ["", "## Notes", "", *notes]
    problems = [f"- bench/{o.name}.py: {o.problem}" for o in outcomes.values() if o.problem]
    if problems:
        out += ["", "## Not measured in this run", "", *problems]
    return "\n".join(out) + "\n"


KEEP = "<!-- bench/run_all.py --write keeps what follows -->"


def kept(path: Path) -> str:
    """The part of an existing file from the line KEEP on: records written by
    hand (a benchmark's figures before and after a change), kept by --write."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    return "\n" + text[text.index(KEEP) :] if KEEP in text else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip", action="append", default=[], choices=SCRIPTS, help="leave a script out")
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed per script")
    parser.add_argument("--write", metavar="PATH", help="also write the figures as Markdown (docs/BENCHMARKS.md)")
    parser.add_argument("--verbose", action="store_true", help="show each script's own output")
    args = parser.parse_args()

    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    where = machine()
    busy_before = load_average()
    outcomes: dict[str, Outcome] = {}
    for name in SCRIPTS:
        if name in args.skip:
            continue
        print(f"== bench/{name}.py", flush=True)
        o = run(name, args.timeout)
        outcomes[name] = o
        print(f"   {o.seconds:.0f} s" + "".join(f"; {t}" for t in (o.problem, o.note) if t), flush=True)
        if args.verbose and o.output:
            print(o.output)
    busy = f"{busy_before} / {load_average()}"
    print()
    print(f"{when}; {where}; load average {busy}")
    print(table(outcomes))
    if args.write:
        Path(args.write).write_text(markdown(outcomes, when, where, busy) + kept(Path(args.write)), encoding="utf-8")
        print(f"\nwrote {args.write}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
