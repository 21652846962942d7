"""The `scurve` command, run in-process: `analyze` prints the same analysis
and the same error messages as the API; `serve` refuses broken data."""

from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from app.cli import main

ROOT = Path(__file__).resolve().parent.parent

QUERY = "bug_fixes=0.3,0.45,0.6&chip_design.curve=0.6,8,1&synthetic_data.w=2&title=Mine"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_analyze_json_equals_the_api(capsys: pytest.CaptureFixture[str], client: TestClient) -> None:
    code, out, err = run(capsys, "analyze", QUERY, "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == client.get("/api/analyze?" + QUERY).json()


@pytest.mark.parametrize("form", [QUERY, "?" + QUERY, "/?" + QUERY, "http://127.0.0.1:8000/?" + QUERY])
def test_analyze_accepts_url_path_or_query(capsys: pytest.CaptureFixture[str], form: str) -> None:
    code, out, _ = run(capsys, "analyze", form, "--format", "json")
    assert code == 0
    assert json.loads(out)["state"]["estimates"]["bug_fixes"] == {"2024": 0.3, "2025": 0.45, "2026": 0.6}


def test_analyze_csv_equals_the_export(capsys: pytest.CaptureFixture[str], client: TestClient) -> None:
    code, out, _ = run(capsys, "analyze", QUERY, "--format", "csv")
    assert code == 0
    assert out == client.get("/export.csv?" + QUERY).text


def test_analyze_table_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "analyze")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["category", "2024", "2025", "2026"]
    bug = next(line for line in lines if line.startswith("Bug fixes"))
    assert "0.300 s=1.05  L*=0.95" in bug and "0.420 s=2.14  L*=0.47" in bug and "0.550 s=2.35  L*=0.43" in bug
    assert bug.count("*") == 3 + 3  # three super-critical marks, and L* in each cell
    mean = next(line for line in lines if line.startswith("mean slope"))
    assert mean.split()[2:] == ["0.642", "1.294", "1.699"]
    counts = next(line for line in lines if line.startswith("super-critical / before the midpoint"))
    assert counts.split()[-9:] == ["4", "/", "4", "6", "/", "6", "7", "/", "4"]
    assert "7 of 10 categories are super-critical in 2026" in out
    assert "permalink: /?v=2&years=2024,2025,2026&horizon=2030&bug_fixes=0.3,0.42,0.55&" in out


def test_analyze_table_prints_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", "synthetic_data=0.6,0.5,0.4&colour=red")
    assert code == 0
    assert "warning: ignored unknown parameter `colour`" in out
    assert "warning: Synthetic data (synthetic_data): the estimates fall over time" in out


@pytest.mark.parametrize(
    "query",
    [
        "v=3",
        "years=2026,2025",
        "bug_fixes=0.1,0.2",
        "bug_fixes.curve=0.5,10",
        "chip_design.w=11",
        "horizon=x&title=" + "x" * 81,
    ],
)
def test_bad_query_exits_2_with_the_api_message(
    capsys: pytest.CaptureFixture[str], client: TestClient, query: str
) -> None:
    """A line per problem, as the API words it, less what the page shows instead."""
    code, out, err = run(capsys, "analyze", query)
    assert code == 2 and out == ""
    page_only = re.compile(r"; (the whole link|Bug fixes) is shown at its defaults")
    errors = client.get("/api/analyze?" + query).json()["errors"]
    assert err == "".join(f"scurve: error: {page_only.sub('', e['msg'])}\n" for e in errors)
    assert "shown at its defaults" not in err


def test_bad_position_leads_with_the_value_out_of_range(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "analyze", "/?bug_fixes=1.5&chip_design=0.2,x,")
    assert (code, out) == (2, "")
    assert err == (
        "scurve: error: `bug_fixes` has 1.5, outside [0, 1]; it must list 3 positions "
        "(one per year of 2024,2025,2026; a slot may be empty), each a number in [0, 1], got '1.5'\n"
        "scurve: error: `chip_design` has 'x', not a number; it must list 3 positions "
        "(one per year of 2024,2025,2026; a slot may be empty), each a number in [0, 1], got '0.2,x,'\n"
    )


def test_analyze_csv_file_and_stdin(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = b"category_id,year,position\nbug_fixes,2025,0.7\n"
    path = tmp_path / "mine.csv"
    path.write_bytes(data)
    code, out, _ = run(capsys, "analyze", "--csv", str(path), "--format", "json")
    assert code == 0
    body = json.loads(out)
    assert body["state"]["years"] == [2025] and body["state"]["estimates"]["bug_fixes"] == {"2025": 0.7}
    assert len(body["warnings"]) == 9
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out2, _ = run(capsys, "analyze", "--csv", "-", "--format", "json")
    assert code == 0 and json.loads(out2) == body


def test_bad_csv_exits_2_with_the_api_message(
    capsys: pytest.CaptureFixture[str], client: TestClient, tmp_path: Path
) -> None:
    data = b"category_id,year,position\nnope,2024,0.3\nbug_fixes,2024,7\n"
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    code, out, err = run(capsys, "analyze", "--csv", str(path))
    detail = client.post("/api/import", content=data, headers={"content-type": "text/csv"}).json()["detail"]
    assert code == 2 and out == ""
    assert err == f"scurve: error: {detail}\n"
    assert "line 2, column A (category_id)" in err and "line 3, column C (position)" in err


def test_missing_csv_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "analyze", "--csv", str(tmp_path / "absent.csv"))
    assert code == 2
    assert err.startswith("scurve: error: cannot read ") and "absent.csv" in err


def test_broken_data_dir_exits_2_naming_file_entry_field(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SCURVE_DATA_DIR", raising=False)  # restored after the test, whatever `serve` does
    path = data_dir / "categories.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("weight: 1", "weight: heavy", 1), encoding="utf-8")
    for command in ("analyze", "serve"):
        code, out, err = run(capsys, "--data-dir", str(data_dir), command)
        assert code == 2 and out == ""
        assert str(path) in err
        assert "categories[0] (id 'bug_fixes')" in err and "`weight` must be a number in [0, 10], got 'heavy'" in err
        assert "Traceback" not in err
    assert "SCURVE_DATA_DIR" not in os.environ  # a refused start leaves no setting behind


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["analyze", "--format", "xml"])
    assert info.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_table_shows_the_signals_ranges_and_feedback(capsys: pytest.CaptureFixture[str]) -> None:
    q = "fb=1&bug_fixes.lo=0.2,0.35,0.5&bug_fixes.hi=0.4,0.5,0.7&u1.name=Chips%20galore&u1=0.1,0.3,0.5"
    code, out, _ = run(capsys, "analyze", q)
    assert code == 0
    lines = out.splitlines()
    assert any(line.startswith("Chips galore") and "0.500 s=2.50  L*=0.40" in line for line in lines)
    total = next(line for line in lines if line.startswith("total slope")).split()[2:]
    # by hand, 2026 with Chips galore at 0.5 (s = 2.5): the ten defaults' 16.992 + 2.5
    assert total[-1] == "19.492"
    # Chips galore: 0.1 (s = 0.18) then 0.3 (s = 1.05): newly super-critical in 2025, after the built-ins
    assert (
        "newly super-critical in 2025: Closed-loop software optimisation, Surfacing the best existing ideas, "
        "Chips galore" in lines
    )
    assert any(line.startswith("mean slope 90% (Monte Carlo)") and "P>1" in line for line in lines)
    assert "forecast with feedback 1, lag 0 years" in lines
    json_out = run(capsys, "analyze", q, "--format", "json")[1]
    assert json.loads(json_out)["state"]["custom"] == {
        "u1": {"name": "Chips galore", "group": "Your categories", "question": ""}
    }


@pytest.mark.parametrize("where", ["before", "after"])
def test_data_dir_before_or_after_the_command(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    # `scurve --data-dir DIR serve` and `scurve serve --data-dir DIR` (what
    # `bash scripts/serve.sh --data-dir DIR` runs) mean the same.
    monkeypatch.delenv("SCURVE_DATA_DIR", raising=False)
    path = data_dir / "categories.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("weight: 1", "weight: heavy", 1), encoding="utf-8")
    for command in ("analyze", "serve"):
        argv = ["--data-dir", str(data_dir), command] if where == "before" else [command, "--data-dir", str(data_dir)]
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == ""
        assert str(path) in err and "`weight` must be a number in [0, 10], got 'heavy'" in err


def test_serve_data_dir_reaches_the_workers(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    monkeypatch.delenv("SCURVE_DATA_DIR", raising=False)
    calls: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    assert main(["serve", "--data-dir", str(data_dir), "--port", "8123"]) == 0
    assert calls and calls[0]["port"] == 8123
    assert os.environ["SCURVE_DATA_DIR"] == str(data_dir)


def test_documented_serve_command_runs() -> None:
    """`bash scripts/serve.sh --data-dir data` runs `scurve serve --data-dir data`:
    run that (with a free loopback port) until it answers /healthz, then stop it by its pid."""
    import signal
    import socket
    import subprocess
    import time
    import urllib.request

    root = Path(__file__).resolve().parent.parent
    script = (root / "scripts" / "serve.sh").read_text(encoding="utf-8")
    assert 'scurve serve "$@"' in script  # the script passes its arguments on to `scurve serve`
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "SCURVE_DATA_DIR"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", "--data-dir", "data", "--port", str(port), "--log-level", "warning"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/categories", timeout=5) as r:
            assert len(json.load(r)["categories"]) == 10
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
        if proc.stderr:
            proc.stderr.close()


def test_the_table_uses_the_pages_words(capsys: pytest.CaptureFixture[str]) -> None:
    """The panel's tiles (signals.js) and the table name the counts alike."""
    tiles = re.findall(
        r'this\.tile\(tiles, "([^"]+)"\)', (ROOT / "app/static/js/signals.js").read_text(encoding="utf-8")
    )
    assert "past their steepest point" in tiles and "elasticity above 1" in tiles
    out = run(capsys, "analyze")[1]
    row = next(line for line in out.splitlines() if line.startswith("past their steepest point / elasticity above 1"))
    # Past the steepest point: at or beyond the curve's midpoint, counted from the data file.
    data = yaml.safe_load((ROOT / "data/categories.yaml").read_text(encoding="utf-8"))["categories"]
    past = [sum(c["defaults"][y] >= c["curve"]["midpoint"] for c in data) for y in (2024, 2025, 2026)]
    assert [int(cell.split("/")[0]) for cell in re.findall(r"\d+ / \d+", row)] == past
    assert "past the midpoint" not in out
