"""A copy of the crowd's database that needs nothing beside it.

SQLite: the online backup API copies the database page by page inside one
read transaction, so the copy is consistent while the app keeps writing
(WAL mode lets writers go on meanwhile).  The copy is switched out of WAL
mode, so it stays one file wherever it is opened, and it is written under a
temporary name and linked into place only once complete: a backup is never
half-written and never overwrites a file.  PostgreSQL is copied by its own
tool, `pg_dump`; `pg_dump_command` says how.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from .db import DatabaseError, is_sqlite


@dataclass(frozen=True)
class Backup:
    path: Path
    views: int
    size: int


def write_backup(engine: Engine, target: Path) -> Backup:
    """Copy the SQLite database of ``engine`` to the new file ``target``."""
    if not is_sqlite(engine):
        raise ValueError("write_backup copies SQLite databases; use pg_dump for PostgreSQL")
    target = target.absolute()
    if target.exists():
        raise DatabaseError(f"{target} exists already: name a new file (a backup never overwrites one)")
    if not target.parent.is_dir():
        raise DatabaseError(f"cannot write {target}: there is no folder {target.parent}")
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        views = _copy(engine, partial)
        os.link(partial, target)  # fails, rather than overwrites, if the name was taken meanwhile
        _sync_folder(target.parent)
    except FileExistsError:
        raise DatabaseError(f"{target} exists already: name a new file (a backup never overwrites one)") from None
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseError(f"cannot write the backup {target}: {' '.join(str(exc).split())}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return Backup(target, views, target.stat().st_size)


def _copy(engine: Engine, path: Path) -> int:
    copy = sqlite3.connect(path)
    try:
        source = engine.raw_connection()
        try:
            driver = source.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            driver.backup(copy)
        finally:
            source.close()
        copy.execute("PRAGMA journal_mode=DELETE")
        check = copy.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise DatabaseError(f"the copy failed SQLite's integrity check: {check}")
        count: int = copy.execute("SELECT count(*) FROM views").fetchone()[0]
    finally:
        copy.close()
    return count


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def pg_dump_command(url: sa.URL, target: str) -> str:
    """The `pg_dump` line that backs up the PostgreSQL database at ``url``
    into ``target`` (custom format, for `pg_restore`), without the password."""
    bare = sa.URL.create("postgresql", url.username, None, url.host, url.port, url.database, url.query)
    libpq = bare.render_as_string(hide_password=False)
    return f"pg_dump --format=custom --file={shlex.quote(target)} {shlex.quote(libpq)}"
