"""`scurve db upgrade` and `scurve crowd stats|export|remove`, run as commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app


def scurve(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SCURVE_DATABASE_URL": db_url}
    done = subprocess.run([sys.executable, "-m", "app.cli", *args], env=env, capture_output=True, timeout=120)
    # Decoded by hand: text mode would turn the CSV's CRLF into LF.
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(), done.stderr.decode())


def test_stats_export_remove(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCURVE_DATABASE_URL", db_url)
    app = create_app()
    ids = []
    with TestClient(app):
        for i in range(6):
            c_i = TestClient(app, client=(f"10.0.{i}.1", 1))
            r = c_i.post("/api/views", json={"years": [2025], "estimates": {"bug_fixes": {"2025": i / 10}}})
            assert r.status_code == 201
            ids.append(r.json()["id"])
    app.state.crowd.db.dispose()

    stats = scurve(db_url, "crowd", "stats")
    assert stats.returncode == 0, stats.stderr
    figures = json.loads(stats.stdout)
    assert figures["views"] == 6 and figures["last_24h"] == 6
    assert figures["first"] <= figures["last"]
    assert figures["cells_shown"] == 10  # every category has 6 positions for 2025

    export = scurve(db_url, "crowd", "export")
    lines = export.stdout.split("\r\n")
    assert lines[0] == "view_id,created_date,category_id,year,position"
    assert len(lines) == 1 + 6 * 10 + 1
    assert f"{ids[3]}," in export.stdout and ",bug_fixes,2025,0.300" in export.stdout

    gone = scurve(db_url, "crowd", "remove", ids[3])
    assert gone.returncode == 0 and ids[3] in gone.stdout
    again = scurve(db_url, "crowd", "remove", ids[3])
    assert again.returncode == 1 and "no view" in again.stderr
    assert json.loads(scurve(db_url, "crowd", "stats").stdout)["views"] == 5


def test_db_upgrade_creates_a_sqlite_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/new/crowd.sqlite3"
    (tmp_path / "new").mkdir()
    up = scurve(url, "db", "upgrade")
    assert up.returncode == 0, up.stderr
    assert "empty -> 0003" in up.stdout
    assert "-> 0003" in scurve(url, "db", "upgrade").stdout
    assert (tmp_path / "new" / "crowd.sqlite3").exists()


def test_db_upgrade_reports_a_bad_url() -> None:
    up = scurve("postgresql+psycopg://nobody@/nowhere?host=/nonexistent-dir&port=1", "db", "upgrade")
    assert up.returncode == 2
    assert up.stderr.startswith("scurve: error: cannot open the crowd database postgresql+psycopg://nobody@/nowhere")
    assert up.stderr.count("\n") == 1 and "Traceback" not in up.stderr


def test_remove_takes_an_id_that_begins_with_a_dash(db_url: str) -> None:
    # View ids are base64url: about 1 in 64 begin with "-", which argparse
    # would otherwise read as an unknown option.
    assert scurve(db_url, "db", "upgrade").returncode == 0
    gone = scurve(db_url, "crowd", "remove", "-l1T-712nRo2qiG0")
    assert gone.returncode == 1 and "no view" in gone.stderr and "-l1T-712nRo2qiG0" in gone.stderr
    explicit = scurve(db_url, "crowd", "remove", "--", "-l1T-712nRo2qiG0")
    assert explicit.returncode == 1 and "no view" in explicit.stderr
