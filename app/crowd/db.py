"""The crowd's database: which one, how each connection is set up, and its migrations.

SQLite by default (a file that needs no set-up: WAL, ``synchronous=FULL``, a
busy timeout on every connection); ``SCURVE_DATABASE_URL`` names another,
typically ``postgresql+psycopg://user:pass@host/db``.  Migrations are
Alembic's, shipped inside the package (``app/crowd/migrations``) so an
installed wheel can run them.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DEFAULT_SQLITE = "scurve-crowd.sqlite3"
BUSY_TIMEOUT_MS = 30_000
# A request waits at most this long for a free connection, then gets a 503
# with Retry-After (app.crowd.service), never a 500 after 30 s.
POOL_TIMEOUT_S = 2.0
UPGRADE_COMMAND = "scurve db upgrade"

metadata = sa.MetaData()

# The current schema, as the migrations leave it (tests check they agree).
# `settings` keeps the check value of the secret, never the secret (app.crowd.keys).
settings = sa.Table(
    "settings",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
views = sa.Table(
    "views",
    metadata,
    # `seq` orders the views and tells a cache whether anything changed; `id`
    # is the public, random name.
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(32), nullable=False, unique=True),
    sa.Column("created", sa.String(32), nullable=False),
    sa.Column("query", sa.Text, nullable=False),
    sa.Column("client_key", sa.String(32), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False),
    sa.Column("cells", sa.LargeBinary, nullable=False),
    sa.Column("slopes", sa.LargeBinary, nullable=False),
    sqlite_autoincrement=True,
)
view_names = sa.Table(
    "view_names",
    metadata,
    sa.Column("view_seq", sa.Integer, primary_key=True),
    sa.Column("name_key", sa.Text, primary_key=True),
    sa.Column("name", sa.String(64), nullable=False),
    # A keyed hash of the network alone (app.crowd.keys.voice_key): one network, one voice.
    sa.Column("voice_key", sa.String(32), nullable=False),
)


SUPPORTED = {
    "sqlite": "sqlite",
    "sqlite+pysqlite": "sqlite",
    "postgresql": "postgresql",
    "postgresql+psycopg": "postgresql",
}
URL_FORMS = "sqlite (sqlite:///FILE) and postgresql (postgresql+psycopg://USER:PASSWORD@HOST/NAME)"


class DatabaseError(RuntimeError):
    """The crowd's database cannot be used.  The message is one line that
    says why and names the database, never with its password."""


class DatabaseBehind(DatabaseError):
    """The database's schema is older (or newer) than this code's."""


class DatabaseUnavailable(DatabaseError):
    """The database cannot be reached at all (the app then starts without the crowd)."""


def database_url(env: dict[str, str] | None = None) -> str:
    env = dict(os.environ) if env is None else env
    url = env.get("SCURVE_DATABASE_URL", "").strip()
    return url or f"sqlite:///{DEFAULT_SQLITE}"


def parse_url(text: str) -> sa.URL:
    """The URL of a supported database, or a DatabaseError that names the
    supported kinds; neither ever repeats the text, which may hold a password."""
    try:
        url = sa.make_url(text)
    except sa.exc.ArgumentError:
        raise DatabaseError(f"the crowd database URL is not a URL; scurve supports {URL_FORMS}") from None
    if url.drivername not in SUPPORTED:
        scheme = url.drivername if re.fullmatch(r"[A-Za-z0-9+_.-]{1,40}", url.drivername) else "unknown"
        raise DatabaseError(
            f"the crowd database URL's scheme {scheme}:// is not supported; scurve supports {URL_FORMS}"
        )
    return url


def sqlite_path(url: sa.URL) -> Path | None:
    """The file of a SQLite URL (absolute), or None for an in-memory database."""
    name = url.database or ""
    if name.startswith("file:"):  # a SQLite URI filename (`?uri=true`)
        name = name.removeprefix("file:").removeprefix("//")
    if not name or name == ":memory:" or url.query.get("mode") == "memory":
        return None
    return Path(name).absolute()


def describe(url: str | sa.URL) -> str:
    """The database as a person can find it: a SQLite file by its absolute
    path, any other with its password masked.

    >>> describe("postgresql+psycopg://scurve:hunter2@db.internal/scurve")
    'postgresql+psycopg://scurve:***@db.internal/scurve'
    """
    url = parse_url(url) if isinstance(url, str) else url
    path = sqlite_path(url) if SUPPORTED[url.drivername] == "sqlite" else None
    if path is not None:
        return f"sqlite:///{path}"
    return url.render_as_string(hide_password=True)


def crowd_enabled(env: dict[str, str] | None = None) -> bool:
    env = dict(os.environ) if env is None else env
    return env.get("SCURVE_CROWD", "on").strip().lower() not in ("off", "0", "false", "no")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str) -> Engine:
    """An engine whose every connection is set up for safe concurrent writes.

    On SQLite, a transaction opened on a connection with the execution option
    ``crowd_write=True`` starts with ``BEGIN IMMEDIATE``: it takes the write
    lock at once, so its reads (the duplicate and rate checks) and its insert
    see one consistent database, across processes.
    """
    parsed = parse_url(url)
    if SUPPORTED[parsed.drivername] == "sqlite":
        engine = sa.create_engine(
            parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, pool_timeout=POOL_TIMEOUT_S
        )
        sa.event.listen(engine, "connect", _sqlite_connect)
        sa.event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.drivername == "postgresql":  # SQLAlchemy would pick psycopg2, which is not installed
        parsed = parsed.set(drivername="postgresql+psycopg")
    return sa.create_engine(parsed, pool_size=10, max_overflow=20, pool_pre_ping=True, pool_timeout=POOL_TIMEOUT_S)


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # Transactions are begun by _sqlite_begin, not by the driver's guesswork.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("crowd_write") else "BEGIN")


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        rev: str | None = MigrationContext.configure(conn).get_current_revision()
        return rev


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the migrations up to ``revision``, holding the write lock so two
    processes starting together do not both run them."""
    with engine.connect().execution_options(crowd_write=True) as conn, conn.begin():
        if not is_sqlite(engine):
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7261)")
        command.upgrade(alembic_config(conn), revision)


def open_database(url: str | None = None, *, create: bool = True) -> Engine:
    """The engine for the crowd, ready to use.

    A SQLite file is created (only with ``create``: otherwise a missing file
    or one without the crowd's tables is refused) and upgraded here; any
    other database must already be at the head revision.  Whatever goes
    wrong is a DatabaseError whose one-line message names the database.
    """
    engine = make_engine(url or database_url())
    with _failing_as_one_line(engine):
        if is_sqlite(engine):
            _open_sqlite(engine, create)
        else:
            _check_revision(engine)
    return engine


def upgrade_database(url: str | None = None) -> tuple[Engine, str | None]:
    """Create or upgrade the crowd's database, of any kind, to the head
    revision (`scurve db upgrade`); its engine and the revision it was at."""
    engine = make_engine(url or database_url())
    with _failing_as_one_line(engine):
        path = sqlite_path(engine.url) if is_sqlite(engine) else None
        if path is not None:
            _make_folder(path, describe(engine.url))
        before = current_revision(engine)
        upgrade(engine)
    return engine, before


@contextlib.contextmanager
def _failing_as_one_line(engine: Engine) -> Iterator[None]:
    """Dispose of ``engine`` on any failure, and say a driver's or the
    system's error as a DatabaseError that names the database."""
    try:
        yield
    except DatabaseError:
        engine.dispose()
        raise
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        engine.dispose()
        raise DatabaseError(f"cannot open the crowd database {describe(engine.url)}: {reason(exc)}") from None


def _open_sqlite(engine: Engine, create: bool) -> None:
    path = sqlite_path(engine.url)
    if path is not None and not create and not path.is_file():
        where = (
            "set SCURVE_DATABASE_URL to the server's"
            if os.environ.get("SCURVE_DATABASE_URL", "").strip()
            else f"SCURVE_DATABASE_URL is unset, so this is {DEFAULT_SQLITE} in the current folder: run the "
            "command where the server runs (scripts/serve.sh runs in the repository's folder) or set the URL"
        )
        raise DatabaseError(f"there is no crowd database at {path}; {where} (`{UPGRADE_COMMAND}` makes a new one)")
    if path is not None:
        _make_folder(path, describe(engine.url))
    if not create and current_revision(engine) is None:
        raise DatabaseError(f"{path} is not a crowd database (it has none of the crowd's tables)")
    upgrade(engine)


def _make_folder(path: Path, name: str) -> None:
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise DatabaseError(f"cannot open the crowd database {name}: {parent} is a file, not a folder")
            break
    path.parent.mkdir(parents=True, exist_ok=True)


def _check_revision(engine: Engine) -> None:
    name = describe(engine.url)
    try:
        current = current_revision(engine)
    except sa.exc.OperationalError as exc:
        engine.dispose()
        raise DatabaseUnavailable(f"cannot connect to the crowd database {name}: {reason(exc)}") from None
    head = head_revision()
    known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if current is not None and current not in known:
        raise DatabaseBehind(
            f"the crowd database {name} is at revision {current}, which this version of scurve does not know: "
            "it was upgraded by a newer version; run that version (or newer)"
        )
    if current != head:
        raise DatabaseBehind(
            f"the crowd database {name} is at revision {current or 'none (empty)'} but this version needs {head}; "
            f"run `{UPGRADE_COMMAND}` (with the same SCURVE_DATABASE_URL) and start again"
        )


def reason(exc: BaseException) -> str:
    """An error's own words on one line (a driver's message can span several)."""
    if isinstance(exc, sa.exc.DBAPIError) and exc.orig is not None:
        text = str(exc.orig)
    elif isinstance(exc, OSError) and exc.strerror:
        text = f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    else:
        text = str(exc)
    return " ".join(text.split()) or type(exc).__name__


def close_database(engine: Engine) -> None:
    """Close the crowd's connections; on SQLite, first move every write from
    the write-ahead log into the database file, so that a stopped app leaves
    one file (SQLite removes the empty log when the last connection closes)."""
    if is_sqlite(engine) and sqlite_path(engine.url) is not None:
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except sa.exc.SQLAlchemyError:
            pass  # the writes stay in the log, which SQLite replays on the next open
    engine.dispose()
