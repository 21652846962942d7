"""What the crowd keeps and publishes about a view, on SQLite and a real
PostgreSQL: no free text but names, one voice per network for suggestions,
name keys that do not merge distinct names, and migration 0003 from a
database made by revision 0002."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from app.crowd import store
from app.crowd.db import make_engine, upgrade
from app.main import create_app


@pytest.fixture
def app(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("SCURVE_DATABASE_URL", db_url)
    monkeypatch.setenv("SCURVE_RATE_LIMIT", "0")
    application = create_app()
    yield application
    application.state.crowd.db.dispose()


def client(app: Any, host: str) -> TestClient:
    return TestClient(app, client=(host, 50000))


def own(name: str, group: str = "", question: str = "", x: float = 0.3) -> dict[str, Any]:
    entry = {"name": name, **({"group": group} if group else {}), **({"question": question} if question else {})}
    return {"custom": {"u1": entry}, "estimates": {"u1": {"2026": x}}}


def rows(db_url: str, sql: str) -> list[Any]:
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(sa.text(sql)).all())
    finally:
        engine.dispose()


def test_stored_links_keep_names_but_no_groups_or_questions(app: Any, db_url: str) -> None:
    c = client(app, "198.51.100.7")
    r = c.post("/api/views", json=own("Robotics", "Jane Doe, ACME Corp", "Mail jane@example.org", 0.31))
    assert r.status_code == 201, r.text
    for link in (r.json()["permalink"], c.get(f"/api/views/{r.json()['id']}").json()["permalink"]):
        assert "u1.name=Robotics" in link
        assert "Jane" not in link and "ACME" not in link and "jane" not in link
        assert "u1.group" not in link and "u1.q" not in link
    (query,) = rows(db_url, "SELECT query FROM views")[0]
    assert "Jane" not in query and "example.org" not in query
    # The same view with other free text is the same view: a duplicate.
    again = c.post("/api/views", json=own("Robotics", "Someone else", "", 0.31))
    assert again.status_code == 200 and again.json()["duplicate"] is True


def test_one_network_on_three_days_is_one_voice(app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    start = datetime(2026, 3, 1, 12, tzinfo=UTC)
    for day in range(3):
        monkeypatch.setattr(store, "now_utc", lambda day=day: start + timedelta(days=day))
        r = client(app, "203.0.113.7").post("/api/views", json=own("Robotics", x=0.2 + day / 10))
        assert r.status_code == 201, r.text
    monkeypatch.setattr(store, "now_utc", lambda: start + timedelta(days=4))
    assert client(app, "203.0.113.9").get("/api/crowd").json()["suggested_categories"] == []
    for i, host in enumerate(("198.51.100.7", "192.0.2.7")):
        client(app, host).post("/api/views", json=own("robotics", x=0.6 + i / 10))
    app.state.crowd.forget()  # the answer above is kept 2 s
    crowd = client(app, "192.0.2.8").get("/api/crowd").json()
    assert crowd["n"] == 5
    assert crowd["suggested_categories"] == [{"name": "Robotics", "n": 3}]


def test_long_names_that_differ_late_are_two_suggestions(app: Any) -> None:
    # casefold makes each ß two letters: the old 64-character key cut both to the same 64 s.
    one, two = "ß" * 32 + " Alpha", "ß" * 32 + " Omega"
    for i in range(3):
        for k, name in enumerate((one, two)):
            r = client(app, f"10.0.{i}.7").post("/api/views", json=own(name, x=0.1 + i / 10 + k / 100))
            assert r.status_code == 201, r.text
    got = client(app, "10.9.9.9").get("/api/crowd").json()["suggested_categories"]
    assert sorted(s["name"] for s in got) == [one, two]
    assert all(s["n"] == 3 for s in got)


def test_suggested_names_are_isolated_on_the_page(app: Any) -> None:
    # A right-to-left name: without isolation the count after it is laid out as part of it.
    name = "רובוטיקה 2"
    for i in range(3):
        client(app, f"10.1.{i}.7").post("/api/views", json=own(name, x=0.1 + i / 10))
    page = client(app, "10.9.9.9").get("/crowd").text
    assert f"<li><bdi>{name}</bdi> <span" in page


# -- migration 0003, from a database made by 0002 ---------------------------------------------


def upgraded(url: str, key_file: Path, monkeypatch: pytest.MonkeyPatch, secret: str | None = None) -> None:
    """A database made by 0002 (with its secret in `settings`), upgraded to the head."""
    old_database(url)
    monkeypatch.setenv("SCURVE_SECRET_FILE", str(key_file))
    if secret is None:
        monkeypatch.delenv("SCURVE_SECRET", raising=False)
    else:
        monkeypatch.setenv("SCURVE_SECRET", secret)
    engine = make_engine(url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


def old_database(url: str) -> None:
    engine = make_engine(url)
    upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO settings VALUES ('secret', :s)"), {"s": "ab" * 32})
        for seq, query, key in (
            (1, "v=1&u1.name=Robotics&u1.group=Jane%20Doe&u1.q=Mail%20me&u1=,,0.3&u2.name=Energy", "day1"),
            (2, "v=1&u1.name=ROBOTICS&u1=,,0.4", "day2"),
        ):
            conn.execute(
                sa.text(
                    "INSERT INTO views (seq, id, created, query, client_key, token_hash, cells, slopes) "
                    "VALUES (:seq, :id, '2026-01-01T00:00:00.000000Z', :q, :k, 'h', :b, :b)"
                ),
                {"seq": seq, "id": f"oldview{seq:09d}", "q": query, "k": key, "b": b""},
            )
        conn.execute(
            sa.text(
                "INSERT INTO view_names VALUES (1, 'robotics', 'Robotics', 'day1'), (1, 'energy', 'Energy', 'day1'),"
                " (2, 'robotics', 'ROBOTICS', 'day2')"
            )
        )
    engine.dispose()


@pytest.fixture
def old_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return (
        f"sqlite:///{tmp_path}/old.sqlite3"
        if request.param == "sqlite"
        else request.getfixturevalue("pg_server").new_database()
    )


@pytest.mark.parametrize("old_url", ["sqlite", "postgresql"], indirect=True)
def test_0003_moves_the_secret_out_and_cleans_what_is_stored(
    old_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file = tmp_path / "moved" / "secret.key"
    upgraded(old_url, key_file, monkeypatch)
    # The secret is in the key file, readable by its owner only, and out of the database:
    # client keys made before the upgrade still match (the duplicate rule carries over).
    assert key_file.read_text().strip() == "ab" * 32
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert rows(old_url, "SELECT key FROM settings WHERE key = 'secret'") == []
    assert [r[0] for r in rows(old_url, "SELECT query FROM views ORDER BY seq")] == [
        "v=1&u1.name=Robotics&u1=,,0.3&u2.name=Energy",
        "v=1&u1.name=ROBOTICS&u1=,,0.4",
    ]
    # Old rows keep their daily key as their voice; keys made by the model's name_key.
    names = rows(old_url, "SELECT view_seq, name_key, name, voice_key FROM view_names ORDER BY view_seq, name_key")
    assert [tuple(r) for r in names] == [
        (1, "energy", "Energy", "day1"),
        (1, "robotics", "Robotics", "day1"),
        (2, "robotics", "ROBOTICS", "day2"),
    ]
    # The app runs on it, with the moved secret.
    monkeypatch.setenv("SCURVE_DATABASE_URL", old_url)
    app = create_app()
    try:
        assert app.state.crowd is not None and app.state.crowd.secret == b"ab" * 32
        with TestClient(app) as c:
            got = c.get("/api/views/oldview000000001").json()
        assert got["permalink"] == "/?v=1&u1.name=Robotics&u1=,,0.3&u2.name=Energy"
    finally:
        app.state.crowd.db.dispose()


@pytest.mark.parametrize("old_url", ["sqlite"], indirect=True)
def test_0003_with_scurve_secret_set_drops_the_unused_stored_one(
    old_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file = tmp_path / "secret.key"
    upgraded(old_url, key_file, monkeypatch, secret="s" * 40)
    assert not key_file.exists()
    assert rows(old_url, "SELECT key FROM settings") == []


@pytest.mark.parametrize("old_url", ["sqlite"], indirect=True)
def test_0003_stops_on_a_key_file_with_another_secret(
    old_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file = tmp_path / "secret.key"
    key_file.write_text("cd" * 32)
    with pytest.raises(RuntimeError, match="holds another secret than the one in the crowd database"):
        upgraded(old_url, key_file, monkeypatch)
    # Nothing changed: the secret is still where it was.
    assert rows(old_url, "SELECT value FROM settings WHERE key = 'secret'") == [("ab" * 32,)]
