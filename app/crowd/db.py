"""The crowd's database: which one, how each connection is set up, and its migrations.

SQLite by default (a file that needs no set-up: WAL, ``synchronous=FULL``, a
busy timeout on every connection); ``SCURVE_DATABASE_URL`` names another,
typically ``postgresql+psycopg://user:pass@host/db``.  Migrations are
Alembic's, shipped inside the package (``app/crowd/migrations``) so an
installed wheel can run them.
"""

from __future__ import annotations

import os
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


class DatabaseBehind(RuntimeError):
    """The database's schema is older than this code's."""


class DatabaseUnavailable(DatabaseBehind):
    """The database cannot be reached at all (the app then starts without the crowd)."""


def database_url(env: dict[str, str] | None = None) -> str:
    env = dict(os.environ) if env is None else env
    url = env.get("SCURVE_DATABASE_URL", "").strip()
    return url or f"sqlite:///{DEFAULT_SQLITE}"


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
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, pool_timeout=POOL_TIMEOUT_S)
        sa.event.listen(engine, "connect", _sqlite_connect)
        sa.event.listen(engine, "begin", _sqlite_begin)
        return engine
    return sa.create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True, pool_timeout=POOL_TIMEOUT_S)


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


def open_database(url: str | None = None) -> Engine:
    """The engine for the crowd, ready to use: a SQLite file is created or
    upgraded here; any other database must already be at the head revision."""
    url = url or database_url()
    engine = make_engine(url)
    if is_sqlite(engine):
        if engine.url.database and engine.url.database != ":memory:":
            Path(engine.url.database).parent.mkdir(parents=True, exist_ok=True)
        upgrade(engine)
        return engine
    try:
        current = current_revision(engine)
    except sa.exc.OperationalError as exc:
        engine.dispose()
        raise DatabaseUnavailable(f"cannot connect to the crowd database: {exc.orig}") from None
    head = head_revision()
    known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if current is not None and current not in known:
        engine.dispose()
        raise DatabaseBehind(
            f"the crowd database is at revision {current}, which this version of scurve does not know: "
            "it was upgraded by a newer version; run that version (or newer)"
        )
    if current != head:
        engine.dispose()
        raise DatabaseBehind(
            f"the crowd database is at revision {current or 'none (empty)'} but this version needs {head}; "
            f"run `{UPGRADE_COMMAND}` (with the same SCURVE_DATABASE_URL) and start again"
        )
    return engine
