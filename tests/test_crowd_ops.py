"""Operating the crowd's database with a real server and a real database.

Backups and restores: `scurve db backup` while the server runs, a plain copy
of the file after a clean stop (SIGTERM), and the pg_dump line it gives for
PostgreSQL.  Which database: the server and every command name the one they
open, and commands other than `serve` and `db upgrade` never make one.  The
edges: a closed pipe, a URL scheme scurve does not support, a database that
cannot be opened, SCURVE_DATA_DIR."""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.crowd_db import PostgresServer, pg_bin
from tests.crowd_server import Server


def scurve(db_url: str | None, *args: str, cwd: Path | None = None, **more: str) -> subprocess.CompletedProcess[str]:
    """Run a command; `db_url` None: with no SCURVE_DATABASE_URL (the default file in `cwd`)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SCURVE_DATABASE_URL", "SCURVE_DATA_DIR")}
    env.update(more)
    if db_url is not None:
        env["SCURVE_DATABASE_URL"] = db_url
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120
    )


def view(i: int) -> dict[str, Any]:
    return {"years": [2025], "estimates": {"bug_fixes": {"2025": i / 100}}}


def add_views(server: Server, first: int, n: int) -> list[str]:
    ids = []
    for i in range(first, first + n):
        status, answer, _ = server.post(view(i), {"x-forwarded-for": f"10.0.{i}.1"})
        assert status == 201, answer
        ids.append(answer["id"])
    return ids


def serves(db_url: str, ids: list[str]) -> int:
    """Start a server on a database; check every id is there; its crowd's size."""
    server = Server(db_url)
    try:
        for view_id in ids:
            assert server.get(f"/api/views/{view_id}")[0] == 200, view_id
        status, figures, _ = server.get("/api/crowd")
        assert status == 200
        return int(figures["n"])
    finally:
        server.stop()


@pytest.mark.parametrize("workers", [1, 2])
def test_backup_while_serving_and_a_copy_after_a_clean_stop(tmp_path: Path, workers: int) -> None:
    live = tmp_path / "crowd.sqlite3"
    url = f"sqlite:///{live}"
    server = Server(url, workers=workers)
    try:
        before = add_views(server, 0, 5)
        done = scurve(url, "db", "backup", str(tmp_path / "backup.sqlite3"))
        assert done.returncode == 0, done.stderr
        assert f"wrote {tmp_path / 'backup.sqlite3'}: 5 views" in done.stdout
        assert done.stderr == f"scurve: crowd database sqlite:///{live}\n"
        # A second backup under the same name is refused, the first kept.
        again = scurve(url, "db", "backup", str(tmp_path / "backup.sqlite3"))
        assert again.returncode == 2 and "exists already" in again.stderr and "Traceback" not in again.stderr
        after = add_views(server, 5, 2)  # written after the backup: not in it
    finally:
        server.stop()  # SIGTERM, by the process group's id
    # uvicorn ends with the signal it was stopped by, after its clean shutdown
    assert server.proc.returncode in (0, -15)

    # The backup is one file, out of WAL mode, so it stays one file when read.
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("backup")) == ["backup.sqlite3"]
    with sqlite3.connect(tmp_path / "backup.sqlite3") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    # The stopped database is one file too: every write is in it, the log is gone.
    assert not (tmp_path / "crowd.sqlite3-wal").exists() and not (tmp_path / "crowd.sqlite3-shm").exists()
    copy = tmp_path / "copy" / "crowd.sqlite3"
    copy.parent.mkdir()
    shutil.copyfile(live, copy)  # the file alone, as `cp` would

    assert serves(f"sqlite:///{tmp_path / 'backup.sqlite3'}", before) == 5
    assert serves(f"sqlite:///{copy}", before + after) == 7


def test_postgresql_backup_is_the_pg_dump_line_it_prints(pg_server: PostgresServer, tmp_path: Path) -> None:
    url = pg_server.new_database()
    assert scurve(url, "db", "upgrade").returncode == 0
    # A password in the URL (trust authentication ignores it) is never shown.
    with_password = url.replace("postgres@", "postgres:s3cret-pw@")
    server = Server(with_password)
    try:
        ids = add_views(server, 0, 3)
        dump = tmp_path / "crowd.dump"
        told = scurve(with_password, "db", "backup", str(dump))
    finally:
        server.stop()
    assert "scurve: crowd database postgresql+psycopg://postgres:***@/" in server.log()
    assert told.returncode == 2 and not dump.exists()
    assert "s3cret" not in told.stderr + told.stdout and "pg_dump" in told.stderr
    line = next(t.strip() for t in told.stderr.splitlines() if t.strip().startswith("pg_dump "))
    bindir = pg_bin()
    assert bindir is not None
    argv = shlex.split(line)
    subprocess.run([str(bindir / "pg_dump"), *argv[1:]], check=True, capture_output=True, timeout=120)
    assert dump.stat().st_size > 0

    restored = pg_server.new_database()
    libpq = restored.replace("postgresql+psycopg://", "postgresql://")
    subprocess.run(
        [str(bindir / "pg_restore"), "--no-owner", f"--dbname={libpq}", str(dump)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert serves(restored, ids) == 3


# -- which database --------------------------------------------------------------------------


def test_the_server_and_every_command_name_the_database_and_never_make_one(tmp_path: Path) -> None:
    here, elsewhere = tmp_path / "here", tmp_path / "elsewhere"
    here.mkdir()
    elsewhere.mkdir()
    default = here / "scurve-crowd.sqlite3"
    server = Server(None, cwd=str(here))  # the default database: scurve-crowd.sqlite3 where it starts
    try:
        add_views(server, 0, 2)
        stats = scurve(None, "crowd", "stats", cwd=here)
        assert stats.returncode == 0 and '"views": 2' in stats.stdout
        assert stats.stderr == f"scurve: crowd database sqlite:///{default}\n"
        for command in (
            ["crowd", "stats"],
            ["crowd", "export"],
            ["crowd", "remove", "abcdefgh"],
            ["db", "backup", "b"],
        ):
            lost = scurve(None, *command, cwd=elsewhere)
            assert lost.returncode == 2 and lost.stdout == "", command
            assert lost.stderr.startswith(
                f"scurve: error: there is no crowd database at {elsewhere}/scurve-crowd.sqlite3"
            )
            assert "current folder" in lost.stderr and lost.stderr.count("\n") == 1
        assert list(elsewhere.iterdir()) == []  # nothing made there
    finally:
        server.stop()
    assert f"scurve: crowd database sqlite:///{default}\n" in server.log()
    made = scurve(None, "db", "upgrade", cwd=elsewhere)  # `db upgrade` is the one that makes one
    assert made.returncode == 0 and "empty -> " in made.stdout
    assert (elsewhere / "scurve-crowd.sqlite3").is_file()


def test_a_file_that_is_not_a_crowd_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (x)")
    told = scurve(f"sqlite:///{other}", "crowd", "stats")
    assert (
        told.returncode == 2
        and told.stderr == f"scurve: error: {other} is not a crowd database (it has none of the crowd's tables)\n"
    )
    with sqlite3.connect(other) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["notes"]


# -- the edges -------------------------------------------------------------------------------


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/crowd.sqlite3"
    server = Server(url)
    try:
        add_views(server, 0, 3)
    finally:
        server.stop()
    env = {**os.environ, "SCURVE_DATABASE_URL": url}
    for command in (["crowd", "export"], ["crowd", "stats"], ["analyze"], ["analyze", "--format", "json"]):
        proc = subprocess.Popen(
            [sys.executable, "-m", "app.cli", *command], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # the reader is gone before the first line, as `| head -0` would be
        err = proc.stderr.read().decode()
        proc.stderr.close()
        assert proc.wait(timeout=60) == 141, err
        assert "Traceback" not in err and "Error" not in err, command


@pytest.mark.parametrize(
    "url", ["mysql://scurve:s3cret-pw@db.internal/scurve", "oracle+cx://u:s3cret-pw@h/x", "s3cret-pw"]
)
def test_an_unsupported_url_is_one_line_naming_the_supported_ones(url: str) -> None:
    for command in (["crowd", "stats"], ["db", "upgrade"], ["db", "backup", "b.sqlite3"]):
        told = scurve(url, *command)
        assert told.returncode == 2 and told.stdout == "", command
        lines = told.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("scurve: error: the crowd database URL")
        assert "sqlite (sqlite:///FILE) and postgresql (postgresql+psycopg://" in lines[0]
        assert "s3cret" not in told.stderr


def test_a_database_that_cannot_be_opened_is_one_line(tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    under_a_file = f"sqlite:///{a_file}/crowd.sqlite3"
    for command in (["db", "upgrade"], ["crowd", "stats"]):
        told = scurve(under_a_file, *command)
        assert told.returncode == 2 and "Traceback" not in told.stderr
        assert told.stderr.splitlines()[-1].startswith("scurve: error:") and str(a_file) in told.stderr
    assert "is a file, not a folder" in scurve(under_a_file, "db", "upgrade").stderr

    url = f"sqlite:///{tmp_path}/crowd.sqlite3"
    server = Server(url)
    try:
        (view_id,) = add_views(server, 0, 1)
    finally:
        server.stop()
    # Read-only (as the file of a read-only mount or of another user is): reading works, writing is one line.
    read_only = f"sqlite:///file:{tmp_path}/crowd.sqlite3?mode=ro&uri=true"
    assert scurve(read_only, "crowd", "stats").returncode == 0
    told = scurve(read_only, "crowd", "remove", view_id)
    assert told.returncode == 2 and "Traceback" not in told.stderr
    assert (
        told.stderr.splitlines()[-1] == "scurve: error: the crowd database failed: attempt to write a readonly database"
    )


def test_scurve_data_dir_reaches_every_command(data_dir: Path, tmp_path: Path) -> None:
    categories = data_dir / "categories.yaml"
    text = categories.read_text(encoding="utf-8")
    categories.write_text(
        text.replace(
            "defaults: {2024: 0.30, 2025: 0.42, 2026: 0.55}", "defaults: {2024: 0.11, 2025: 0.42, 2026: 0.55}", 1
        ),
        encoding="utf-8",
    )
    table = scurve(None, "analyze", SCURVE_DATA_DIR=str(data_dir))
    bug = next(line for line in table.stdout.splitlines() if line.startswith("Bug fixes"))
    assert bug.split()[2] == "0.110", bug  # this folder's default, not the bundled 0.300

    categories.write_text(text.replace("weight: 1", "weight: heavy", 1), encoding="utf-8")
    url = f"sqlite:///{tmp_path}/crowd.sqlite3"
    assert scurve(url, "db", "upgrade").returncode == 0
    for command in (["analyze"], ["crowd", "stats"], ["crowd", "export"], ["serve", "--port", "1"]):
        told = scurve(url, *command, SCURVE_DATA_DIR=str(data_dir))
        assert told.returncode == 2, command
        assert str(categories) in told.stderr and "`weight` must be a number in [0, 10], got 'heavy'" in told.stderr
