"""The crowd's database failing under a real server: a database that cannot
be opened leaves the estimator running and the crowd answering 503 with the
reason; a full disk is a 503 naming storage (on a real full filesystem, for
SQLite and for PostgreSQL)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.crowd.db import make_engine, upgrade
from tests.crowd_db import PostgresServer, pg_bin
from tests.crowd_server import Server, request

VIEW = {"years": [2025], "estimates": {"bug_fixes": {"2025": 0.4}}}


def other(i: int) -> dict[str, object]:
    """The i-th of many distinct views, none of them VIEW."""
    return {
        "years": [2024],
        "estimates": {"bug_fixes": {"2024": (i % 1000) / 1000}, "chip_design": {"2024": i // 1000 / 1000}},
    }


def check_crowd_unavailable(server: Server, reason: str) -> None:
    assert server.get("/api/analyze")[0] == 200
    assert server.get("/")[0] == 200
    for path in ("/api/crowd", "/api/crowd/export.csv", "/api/views/AAAAAAAAAAAAAAAA"):
        status, body, headers = server.get(path)
        assert status == 503, (path, status, body)
        assert body["detail"].startswith("the crowd is unavailable: ") and reason in body["detail"], body
        assert headers["retry-after"] == "10"
    status, body, _ = server.post(VIEW)
    assert status == 503 and reason in body["detail"]
    status, page, headers = request(server.port, "GET", "/crowd")
    assert status == 503 and headers["content-type"].startswith("text/html")
    assert b"The crowd is unavailable" in page


def test_a_database_path_under_a_file_leaves_the_estimator_running(tmp_path: Path) -> None:
    (tmp_path / "not-a-dir").write_text("x")
    server = Server(f"sqlite:///{tmp_path}/not-a-dir/crowd.sqlite3")
    try:
        check_crowd_unavailable(server, "is a file, not a folder")
    finally:
        server.stop()
    log = server.log()
    assert "Traceback" not in log
    assert "the crowd is unavailable (the estimator still runs): cannot open the crowd database" in log
    assert "not-a-dir is a file, not a folder" in log


@contextlib.contextmanager
def tmpfs(size: str) -> Iterator[Path]:
    """A small filesystem of its own (root only): the disk that fills up."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small filesystem needs root")
    path = Path(tempfile.mkdtemp(prefix="scurve-tmpfs-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    if done.returncode != 0:
        path.rmdir()
        pytest.skip(f"cannot mount a tmpfs: {done.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)
        path.rmdir()


def fill(directory: Path) -> None:
    """Write a file until the filesystem has no room left."""
    with open(directory / "filler", "wb", buffering=0) as f, contextlib.suppress(OSError):
        while True:
            f.write(b"\0" * 4096)


def test_a_read_only_database_leaves_the_estimator_running() -> None:
    with tmpfs("8m") as disk:
        url = f"sqlite:///{disk}/crowd.sqlite3"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        server = Server(url)
        try:
            check_crowd_unavailable(server, "unable to open database file")
        finally:
            server.stop()


def test_a_full_disk_is_a_503_naming_storage_on_sqlite() -> None:
    with tmpfs("4m") as disk:
        url = f"sqlite:///{disk}/crowd.sqlite3"
        server = Server(url, SCURVE_SECRET_FILE=str(disk / "secret.key"))
        try:
            assert server.post(VIEW)[0] == 201
            fill(disk)
            for i in range(200):  # until the pages free in the file are used up too
                status, body, headers = server.post(other(i))
                if status != 201:
                    break
            assert status == 503, (status, body)
            assert body["detail"] == "the crowd's storage is full: nothing was stored; try again later"
            assert headers["retry-after"] == "60"
            # Reading goes on.
            assert server.get("/api/crowd")[0] == 200
            (disk / "filler").unlink()
            assert server.post(other(99_999))[0] == 201
        finally:
            server.stop()


class PostgresOn(PostgresServer):
    """A throw-away PostgreSQL cluster whose files live in ``directory``."""

    def __init__(self, bindir: Path, directory: Path):
        self._at = directory
        super().__init__(bindir)

    def _run(self, tool: str, *args: str) -> None:
        if tool == "initdb" and self.dir != self._at:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = self._at
            self.data = self._at / "data"
            if os.geteuid() == 0:
                shutil.chown(self.dir, "postgres", "postgres")
            args = ("-D", str(self.data), *args[2:])
        super()._run(tool, *args)


def test_a_full_disk_is_a_503_naming_storage_on_postgresql() -> None:
    bindir = pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL binaries not found")
    with tmpfs("96m") as disk:
        pg = PostgresOn(bindir, disk)
        try:
            url = pg.new_database()
            engine = make_engine(url)
            upgrade(engine)
            engine.dispose()
            server = Server(url)
            try:
                assert server.post(VIEW)[0] == 201
                fill(disk)
                for i in range(2000):
                    status, body, _ = server.post(other(i))
                    if status != 201:
                        break
                assert status == 503, (status, body)
                assert body["detail"] == "the crowd's storage is full: nothing was stored; try again later"
                assert server.get("/api/analyze")[0] == 200
            finally:
                server.stop()
        finally:
            with contextlib.suppress(OSError):
                (disk / "filler").unlink()
            pg.stop()
