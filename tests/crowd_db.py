"""The crowd's databases for tests: a SQLite file, or a database on a real
PostgreSQL server that the test run starts itself (Debian's `postgresql`
binaries, a temporary directory, a free port, a Unix socket only) and stops
at the end.  No mock database anywhere."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.crowd.db import make_engine, upgrade
from tests.serving import free_port


def pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


class PostgresServer:
    """A throw-away PostgreSQL cluster listening on a Unix socket in its own directory."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="scurve-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.count = 0
        as_root = os.geteuid() == 0
        if as_root:  # initdb refuses to run as root
            shutil.chown(self.dir, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.dir / "log"),
            "-w",
            "-o",
            f"-k {self.dir} -p {self.port} -c listen_addresses='' -c max_connections=200 -c fsync=on",
            "start",
        )

    def _run(self, tool: str, *args: str) -> None:
        cmd = [str(self.bindir / tool), *args]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://postgres@/{dbname}?host={self.dir}&port={self.port}"

    def new_database(self) -> str:
        """An empty database of its own for one test."""
        import psycopg

        self.count += 1
        name = f"crowd_{self.count}"
        with psycopg.connect(
            host=str(self.dir), port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as c:
            c.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    bindir = pg_bin()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed (scripts/test.sh installs Debian's `postgresql`)")
        pytest.skip("PostgreSQL binaries not found; scripts/test.sh installs them")
    server = PostgresServer(bindir)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty crowd database of each kind, at the current schema."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/crowd.sqlite3"
    else:
        url = request.getfixturevalue("pg_server").new_database()
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url
