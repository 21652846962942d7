"""The `scurve` command: serve the app, or analyse a permalink from the shell."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scurve import ScurveError, analyze, load_catalog, parse_query
from scurve.catalog import Catalog
from scurve.csvio import read_csv, write_csv
from scurve.serialize import analysis_to_dict
from scurve.summary import summary

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine as DbEngine

    from .crowd.store import Crowd


def _query_of(text: str) -> str:
    """Accept a full URL, a `/?query` path or a bare query."""
    text = text.strip()
    if "://" in text or text.startswith("/"):
        return urlsplit(text).query
    return text.removeprefix("?")


CELL = 34
LABEL = 48  # the longest row label, "past their steepest point / elasticity above 1"


def _cell(p: object) -> str:
    from scurve.analysis import Point

    assert isinstance(p, Point)
    pay = "-" if p.breakeven_payoff is None else f"{p.breakeven_payoff:.2f}"
    side = "before m" if p.phase in ("early", "accelerating") else "past m"
    return f"{p.position:5.3f} s={p.slope:<5.2f} L*={pay:<5} {side:>8}" + ("*" if p.supercritical else " ")


def _milestone_lines(a: object) -> list[str]:
    from scurve.analysis import Analysis
    from scurve.summary import draws_share, share_words, year_words

    assert isinstance(a, Analysis)
    f = a.forecast
    if f.potential is None:
        return ["no weight on any estimated category: AI's help has no potential to reach"]
    end = max(a.state.horizon, a.state.years[-1])
    lines = [f"AI's help: potential U_max = {f.potential:.2f} (the weighted mean ceiling); milestones:"]
    bands = a.uncertainty.forecast.milestones if a.uncertainty is not None else ()
    for i, m in enumerate(f.milestones):
        head = f"  {share_words(m.share)} its potential (U = {m.share * f.potential:.2f}): "
        if m.year is None:
            text = f"not reached by {end}"
        elif m.already:
            text = f"{m.year:.2f}, already at the start"
        else:
            text = f"{m.year:.2f} ({year_words(m.year)})"
        if i < len(bands):
            band = bands[i]
            if band.year is not None:
                text += f"; 90% of the draws that reach it: {band.year[0]:.2f}-{band.year[2]:.2f}"
            text += f"; reached in {draws_share(band.p_reached)} of draws"
        lines.append(head + text)
    return lines


def table(a: object, catalog: Catalog) -> str:
    from scurve.analysis import Analysis
    from scurve.summary import draws_share

    assert isinstance(a, Analysis)
    years = a.state.years
    lines = []
    head = f"{'category':<{LABEL}}" + "".join(f"{y:>{CELL}}" for y in years)
    lines += [head, "-" * len(head)]
    for c in a.categories:
        by_year = {p.year: p for p in c.points}
        cells = [_cell(by_year[y]) if y in by_year else "" for y in years]
        lines.append(f"{c.name[:LABEL]:<{LABEL}}" + "".join(f"{cell:>{CELL}}" for cell in cells))
    lines.append("-" * len(head))

    def row(label: str, values: list[str]) -> None:
        lines.append(f"{label:<{LABEL}}" + "".join(f"{v:>{CELL}}" for v in values))

    row("mean slope", ["" if y.mean_slope is None else f"{y.mean_slope:.3f}" for y in a.years])
    row(
        "break-even scale (1 / mean slope)",
        ["-" if y.breakeven_scale is None else f"{y.breakeven_scale:.2f}" for y in a.years],
    )
    row("super-critical / before the midpoint", [f"{y.supercritical_count} / {y.accelerating_count}" for y in a.years])
    row("total slope", [f"{y.total_slope:.3f}" for y in a.years])
    row(
        "past their steepest point / elasticity above 1",  # the words of the page's panel
        [f"{y.past_midpoint_count} / {y.loglog_supercritical_count}" for y in a.years],
    )
    if a.uncertainty is not None:
        bands = []
        for yb in a.uncertainty.years:
            ms = yb.mean_slope
            bands.append("" if ms is None else f"{ms[0]:.2f}-{ms[4]:.2f}, P>1 {draws_share(yb.p_supercritical)}")
        row("mean slope 90% (Monte Carlo)", bands)
    names = {c.id: c.name for c in a.categories}
    for yr in a.years:
        if yr.newly_supercritical:
            lines.append(f"newly super-critical in {yr.year}: " + ", ".join(names[i] for i in yr.newly_supercritical))
    lines += _milestone_lines(a)
    if a.state.feedback:
        lines.append(f"forecast with feedback {a.state.feedback:g}, lag {a.state.lag:g} years")
    lines.append("")
    lines.append("* super-critical (slope > 1); L* break-even payoff: the ceiling at which the mark's slope is 1")
    lines.append(summary(a))
    for w in a.warnings:
        lines.append(f"warning: {w}")
    lines.append(f"permalink: {a.permalink}")
    return "\n".join(lines)


def data_dir(args: argparse.Namespace) -> str | None:
    """`--data-dir`, else `SCURVE_DATA_DIR`, else None (the bundled data)."""
    given: str | None = getattr(args, "data_dir", None) or os.environ.get("SCURVE_DATA_DIR", "").strip() or None
    return given


def error_lines(exc: ScurveError) -> list[str]:
    """An input error in the terminal's terms: one line per problem, each
    leading with what is wrong, without what the page would show instead."""
    if exc.summary:
        return [f"scurve: error: {exc.summary}"]
    return [f"scurve: error: {p.without_fallback()}" for p in exc.problems]


def cmd_analyze(args: argparse.Namespace) -> int:
    folder = data_dir(args)
    try:
        # Inside the try: a broken data file gets its message, not a traceback.
        catalog = load_catalog(Path(folder) / "categories.yaml" if folder else None)
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
        print("\n".join(error_lines(exc)), file=sys.stderr)
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
    import uvicorn

    # Load once here so a bad data file stops start-up with its message, not a traceback.
    from sqlalchemy.exc import SQLAlchemyError

    from scurve.errors import CatalogError

    from .crowd.db import DatabaseError, close_database, crowd_enabled, reason
    from .logs import log_config
    from .main import create_app

    folder = data_dir(args)
    if crowd_enabled():
        print(f"scurve: crowd database {_named_database()}", file=sys.stderr)
    try:
        # Also creates or upgrades a SQLite crowd database, once, before the workers start.
        probe = create_app(folder)
    except CatalogError as exc:
        print(f"scurve: cannot start: {exc.message}", file=sys.stderr)
        return 2
    except (DatabaseError, ValueError) as exc:
        print(f"scurve: cannot start: {exc}", file=sys.stderr)
        return 2
    except SQLAlchemyError as exc:  # opened, then failed
        print(f"scurve: cannot start: the crowd database failed: {reason(exc)}", file=sys.stderr)
        return 2
    if probe.state.crowd is not None:  # this app is never served: let go of its database
        close_database(probe.state.crowd.db)
    if folder:  # for the app factory in uvicorn's worker processes
        os.environ["SCURVE_DATA_DIR"] = folder
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        # uvicorn's access log names each client's address: off, app.logs writes its own.
        log_config=log_config(args.log_level),
        access_log=False,
        proxy_headers=True,
        forwarded_allow_ips=args.forwarded_allow_ips,
    )
    return 0


def _named_database() -> str:
    """SCURVE_DATABASE_URL (or the default) as a person can find it, password masked."""
    from .crowd.db import DatabaseError, database_url, describe

    try:
        return describe(database_url())
    except DatabaseError:
        return "(SCURVE_DATABASE_URL is not a supported URL)"


def _opened(engine: DbEngine) -> DbEngine:
    from .crowd.db import describe

    print(f"scurve: crowd database {describe(engine.url)}", file=sys.stderr)
    return engine


def _crowd(args: argparse.Namespace) -> Crowd:
    from .crowd.db import open_database
    from .crowd.store import Crowd
    from .engine import Engine

    folder = data_dir(args)
    engine = Engine.from_dir(Path(folder) if folder else None)
    # Never create one here: a command run from the wrong folder would report an empty crowd.
    db = _opened(open_database(create=False))
    # The secret only keys new views, which these commands never add; not
    # reading it (it is made on first read) keeps stats and export read-only.
    return Crowd(db, engine, secret="unused by the command line")


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from .crowd.db import describe, head_revision, upgrade_database

    db, before = upgrade_database()
    _opened(db)
    try:
        print(f"crowd database {describe(db.url)}: {before or 'empty'} -> {head_revision()}")
    finally:
        db.dispose()
    return 0


def cmd_db_backup(args: argparse.Namespace) -> int:
    from .crowd.backup import pg_dump_command, write_backup
    from .crowd.db import database_url, describe, is_sqlite, make_engine, open_database

    engine = make_engine(database_url())
    if not is_sqlite(engine):
        engine.dispose()
        print(
            f"scurve: the crowd database {describe(engine.url)} is PostgreSQL, which copies itself: "
            f"back it up with pg_dump while the app runs (the password from PGPASSWORD or ~/.pgpass),\n"
            f"  {pg_dump_command(engine.url, args.file)}\n"
            "and restore it into an empty database with pg_restore --dbname=URL FILE",
            file=sys.stderr,
        )
        return 2
    engine.dispose()
    db = _opened(open_database(create=False))
    try:
        done = write_backup(db, Path(args.file))
    finally:
        db.dispose()
    print(f"wrote {done.path}: {done.views} views, {done.size:,} bytes, one self-contained SQLite file")
    return 0


def cmd_crowd(args: argparse.Namespace) -> int:
    crowd = _crowd(args)
    try:
        if args.crowd_command == "stats":
            stats = crowd.stats()
            figures = json.loads(crowd.answer())
            stats["cells_shown"] = sum(len(c["years"]) for c in figures["categories"])
            stats["suggested_categories"] = figures["suggested_categories"]
            print(json.dumps(stats, indent=2))
        elif args.crowd_command == "export":
            out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8", newline="")  # noqa: SIM115
            try:
                for chunk in crowd.export_lines():
                    out.write(chunk)
            finally:
                if out is not sys.stdout:
                    out.close()
        else:
            if not crowd.remove(args.id):
                print(f"scurve: error: no view with id {args.id!r}", file=sys.stderr)
                return 1
            print(f"removed view {args.id}")
    finally:
        crowd.db.dispose()
    return 0


def run_command(args: argparse.Namespace) -> int:
    """Run the chosen command; a broken data folder or a database that
    cannot be used is its message, not a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    from .crowd.db import DatabaseError, reason

    try:
        code: int = args.func(args)
        sys.stdout.flush()  # here, so that a reader gone away is caught below
    except ScurveError as exc:  # a broken data folder
        print("\n".join(error_lines(exc)), file=sys.stderr)
        return 2
    except DatabaseError as exc:
        print(f"scurve: error: {exc}", file=sys.stderr)
        return 2
    except SQLAlchemyError as exc:  # opened, then failed (a read-only file, a lost connection)
        print(f"scurve: error: the crowd database failed: {reason(exc)}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader stopped (`scurve crowd export | head`): end quietly, as
        # `cat` does.  Point stdout at /dev/null so the interpreter's own
        # flush at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a tool ended by the pipe
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scurve", description="S-curves of AI self-improvement: serve the estimator or analyse a permalink."
    )
    data_help = "folder with categories.yaml and appendix_claims.yaml (default: SCURVE_DATA_DIR, else the bundled data)"
    parser.add_argument("--data-dir", help=data_help)
    # Also after the command (`scurve serve --data-dir DIR`, as scripts/serve.sh
    # passes its arguments on); SUPPRESS keeps one given before it.
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument("--data-dir", default=argparse.SUPPRESS, help=data_help)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the web app", parents=[data_dir])
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
    an = sub.add_parser("analyze", help="print the analysis of a permalink (or the defaults)", parents=[data_dir])
    an.add_argument("query", nargs="?", help="a permalink URL, `/?query` or bare query string")
    an.add_argument("--csv", metavar="FILE", help="analyse a CSV in the export form instead (- for stdin)")
    an.add_argument("--format", choices=["table", "json", "csv"], default="table")
    an.set_defaults(func=cmd_analyze)
    db = sub.add_parser("db", help="the crowd's database")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser(
        "upgrade", help="create or upgrade the crowd's database (SCURVE_DATABASE_URL; default the SQLite file)"
    ).set_defaults(func=cmd_db_upgrade)
    backup = db_sub.add_parser(
        "backup", help="copy the SQLite crowd database, while the server runs, to one new file (PostgreSQL: pg_dump)"
    )
    backup.add_argument("file", help="the new file to write (never overwritten)")
    backup.set_defaults(func=cmd_db_backup)
    crowd = sub.add_parser("crowd", help="look after the crowd's views")
    crowd_sub = crowd.add_subparsers(dest="crowd_command", required=True)
    crowd_sub.add_parser(
        "stats", help="how many views, since when, and the suggested categories", parents=[data_dir]
    ).set_defaults(func=cmd_crowd)
    export = crowd_sub.add_parser(
        "export", help="every stored position as CSV (as /api/crowd/export.csv)", parents=[data_dir]
    )
    export.add_argument("-o", "--output", default="-", help="file to write (default: standard output)")
    export.set_defaults(func=cmd_crowd)
    remove = crowd_sub.add_parser("remove", help="remove a view by its id (spam)", parents=[data_dir])
    # A view id can begin with "-" (about 1 in 64 do): main() lets it through.
    remove.add_argument("id", help="the view's id, as /api/crowd/export.csv lists it")
    remove.set_defaults(func=cmd_crowd)
    return parser


def _ids_as_operands(argv: list[str]) -> list[str]:
    """`crowd remove ID` with an ID that begins with "-" (view ids are
    base64url, so about 1 in 64 do): put "--" before it, so that argparse
    reads it as the id rather than as an unknown option."""
    if argv[:2] != ["crowd", "remove"] or "--" in argv:
        return argv
    from .crowd.store import ID_PATTERN

    rest = argv[2:]
    ids = [a for a in rest if ID_PATTERN.match(a) and a.startswith("-") and a not in ("--data-dir", "--help")]
    if len(ids) != 1:
        return argv
    return ["crowd", "remove", *[a for a in rest if a != ids[0]], "--", ids[0]]


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    return run_command(build_parser().parse_args(_ids_as_operands(args)))


if __name__ == "__main__":
    raise SystemExit(main())
