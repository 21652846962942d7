"""The `scurve` command: serve the app, or analyse a permalink from the shell."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

from scurve import ScurveError, analyze, load_catalog, parse_query
from scurve.catalog import Catalog
from scurve.csvio import read_csv, write_csv
from scurve.serialize import analysis_to_dict
from scurve.summary import summary


def _query_of(text: str) -> str:
    """Accept a full URL, a `/?query` path or a bare query."""
    text = text.strip()
    if "://" in text or text.startswith("/"):
        return urlsplit(text).query
    return text.removeprefix("?")


def table(a: object, catalog: Catalog) -> str:
    from scurve.analysis import Analysis

    assert isinstance(a, Analysis)
    years = a.state.years
    lines = []
    head = f"{'category':<40}" + "".join(f"{y:>30}" for y in years)
    lines += [head, "-" * len(head)]
    for c in a.categories:
        by_year = {p.year: p for p in c.points}
        cells = []
        for y in years:
            p = by_year.get(y)
            cells.append(
                f"{'':>30}"
                if p is None
                else f"{p.position:>6.3f}  s={p.slope:<5.2f} {p.phase:>12}" + ("*" if p.supercritical else " ")
            )
        lines.append(f"{c.name[:40]:<40}" + "".join(f"{cell:>30}" for cell in cells))
    lines.append("-" * len(head))
    lines.append(
        f"{'mean slope':<40}" + "".join(f"{'' if y.mean_slope is None else f'{y.mean_slope:.3f}':>30}" for y in a.years)
    )
    lines.append(
        f"{'super-critical / accelerating':<40}"
        + "".join(f"{f'{y.supercritical_count} / {y.accelerating_count}':>30}" for y in a.years)
    )
    lines.append(f"{'total slope':<40}" + "".join(f"{y.total_slope:>30.3f}" for y in a.years))
    lines.append(
        f"{'past the midpoint / log-log super-critical':<40}"
        + "".join(f"{f'{y.past_midpoint_count} / {y.loglog_supercritical_count}':>30}" for y in a.years)
    )
    if a.uncertainty is not None:
        bands = []
        for yb in a.uncertainty.years:
            ms = yb.mean_slope
            bands.append("" if ms is None else f"{ms[0]:.2f}-{ms[4]:.2f}, P>1 {yb.p_supercritical:.0%}")
        lines.append(f"{'mean slope 90% (Monte Carlo)':<40}" + "".join(f"{b:>30}" for b in bands))
    names = {c.id: c.name for c in a.categories}
    for yr in a.years:
        if yr.newly_supercritical:
            lines.append(f"newly super-critical in {yr.year}: " + ", ".join(names[i] for i in yr.newly_supercritical))
    if a.state.feedback:
        lines.append(f"forecast with feedback {a.state.feedback:g}")
    lines.append("")
    lines.append("* super-critical (slope > 1)")
    lines.append(summary(a))
    for w in a.warnings:
        lines.append(f"warning: {w}")
    lines.append(f"permalink: {a.permalink}")
    return "\n".join(lines)


def cmd_analyze(args: argparse.Namespace) -> int:
    try:
        # Inside the try: a broken data file gets its message, not a traceback.
        catalog = load_catalog(Path(args.data_dir) / "categories.yaml" if args.data_dir else None)
        warnings: tuple[str, ...] = ()
        if args.csv:
            data = sys.stdin.buffer.read() if args.csv == "-" else Path(args.csv).read_bytes()
            result = read_csv(data, catalog)
            state, warnings = result.state, result.warnings
        else:
            link = parse_query(_query_of(args.query or ""), catalog)
            state = link.raise_for_problems()
            warnings = link.warnings
        a = analyze(state, catalog, warnings)
    except ScurveError as exc:
        print(f"scurve: error: {exc.message}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"scurve: error: cannot read {args.csv}: {exc.strerror}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(analysis_to_dict(a, catalog), indent=2))
    elif args.format == "csv":
        sys.stdout.write(write_csv(a))
    else:
        print(table(a, catalog))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import os

    import uvicorn

    # Load once here so a bad data file stops start-up with its message, not a traceback.
    from scurve.errors import CatalogError

    from .main import create_app

    try:
        create_app(args.data_dir)
    except CatalogError as exc:
        print(f"scurve: cannot start: {exc.message}", file=sys.stderr)
        return 2
    if args.data_dir:  # for the app factory in uvicorn's worker processes
        os.environ["SCURVE_DATA_DIR"] = args.data_dir
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        proxy_headers=True,
        forwarded_allow_ips=args.forwarded_allow_ips,
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scurve", description="S-curves of AI self-improvement: serve the estimator or analyse a permalink."
    )
    parser.add_argument(
        "--data-dir", help="folder with categories.yaml and appendix_claims.yaml (default: the bundled data)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the web app")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serve.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    serve.add_argument(
        "--forwarded-allow-ips",
        default="127.0.0.1",
        help="proxies whose X-Forwarded-* headers are trusted (default 127.0.0.1)",
    )
    serve.set_defaults(func=cmd_serve)
    an = sub.add_parser("analyze", help="print the analysis of a permalink (or the defaults)")
    an.add_argument("query", nargs="?", help="a permalink URL, `/?query` or bare query string")
    an.add_argument("--csv", metavar="FILE", help="analyse a CSV in the export form instead (- for stdin)")
    an.add_argument("--format", choices=["table", "json", "csv"], default="table")
    an.set_defaults(func=cmd_analyze)
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
