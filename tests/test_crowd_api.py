"""The crowd's API (SPEC section 10), on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import numpy as np
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from app.crowd.db import make_engine
from app.main import create_app
from scurve.catalog import CATEGORY_IDS

Factory = Callable[..., TestClient]


@pytest.fixture
def make_client(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Factory]:
    """Clients of one app on the test's database; `host` is the client's address."""
    monkeypatch.setenv("SCURVE_DATABASE_URL", db_url)
    apps: dict[tuple[tuple[str, str], ...], Any] = {}
    clients: list[TestClient] = []

    def make(host: str = "198.51.100.7", **env: str) -> TestClient:
        key = tuple(sorted(env.items()))
        if key not in apps:
            with monkeypatch.context() as m:
                for k, v in env.items():
                    m.setenv(k, v)
                apps[key] = create_app()
        c = TestClient(apps[key], raise_server_exceptions=False, client=(host, 50000))
        clients.append(c)
        return c

    yield make
    for c in clients:
        c.close()
    for app in apps.values():
        if app.state.crowd is not None:
            app.state.crowd.db.dispose()


@pytest.fixture
def db(db_url: str) -> Iterator[sa.Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def count(db: sa.Engine, table: str = "views") -> int:
    with db.connect() as conn:
        return int(conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one())


def state(positions: dict[str, list[float | None]], years: list[int] | None = None) -> dict[str, Any]:
    years = years or [2024, 2025, 2026]
    return {
        "years": years,
        "estimates": {
            cid: {str(y): p for y, p in zip(years, ps, strict=True) if p is not None} for cid, ps in positions.items()
        },
    }


NONE: dict[str, list[float | None]] = {cid: [None, None, None] for cid in CATEGORY_IDS}


def host(i: int) -> str:
    """A client on its own /24 network."""
    return f"10.{i // 256}.{i % 256}.9"


def crowd(client: TestClient, query: str = "") -> Any:
    r = client.get("/api/crowd" + query)
    assert r.status_code == 200, r.text
    return r.json()


# -- adding, reading, withdrawing ------------------------------------------------------------


def test_add_read_and_withdraw(make_client: Factory, db: sa.Engine) -> None:
    c = make_client()
    r = c.post("/api/views", json={"title": "Mine", "vs": {"years": [2025]}, "weights": {"chip_design": 2}})
    assert r.status_code == 201, r.text
    body = r.json()
    assert set(body) == {"id", "permalink", "created", "delete_token", "duplicate"}
    assert body["duplicate"] is False
    assert len(body["id"]) >= 16 and body["id"].replace("-", "").replace("_", "").isalnum()
    # The canonical link: the state without its comparison and its title.
    assert "title=" not in body["permalink"] and "vs." not in body["permalink"]
    assert "chip_design.w=2" in body["permalink"]
    assert body["created"].endswith("Z") and len(body["created"]) == 20
    got = c.get(f"/api/views/{body['id']}")
    assert got.status_code == 200
    assert got.json() == {"id": body["id"], "created": body["created"], "permalink": body["permalink"]}
    # The link analyses as itself.
    a = c.get("/api/analyze?" + urlsplit(body["permalink"]).query)
    assert a.status_code == 200 and a.json()["permalink"] == body["permalink"]
    # The token is stored only as its hash.
    with db.connect() as conn:
        stored = conn.execute(sa.text("SELECT token_hash FROM views")).scalar_one()
    assert body["delete_token"] not in stored and len(stored) == 64
    gone = c.delete(f"/api/views/{body['id']}", headers={"Authorization": f"Bearer {body['delete_token']}"})
    assert gone.status_code == 204 and gone.content == b""
    assert c.get(f"/api/views/{body['id']}").status_code == 404
    assert count(db) == 0


def test_wrong_token_and_unknown_id_get_the_same_404(make_client: Factory, db: sa.Engine) -> None:
    c = make_client()
    one = c.post("/api/views", json={}).json()
    two = c.post("/api/views", json={"years": [2025]}).json()
    answers = [
        c.delete(f"/api/views/{one['id']}", headers={"Authorization": "Bearer wrong"}),
        c.delete(f"/api/views/{one['id']}", headers={"Authorization": f"Bearer {two['delete_token']}"}),
        c.delete(f"/api/views/{one['id']}"),
        c.delete(f"/api/views/{one['id']}", headers={"Authorization": one["delete_token"]}),  # no scheme
        c.delete("/api/views/AAAAAAAAAAAAAAAA", headers={"Authorization": f"Bearer {one['delete_token']}"}),
        c.delete("/api/views/x'%20OR%201=1--", headers={"Authorization": f"Bearer {one['delete_token']}"}),
    ]
    assert {(a.status_code, a.content) for a in answers} == {(answers[0].status_code, answers[0].content)}
    assert answers[0].status_code == 404
    assert count(db) == 2
    assert c.get("/api/views/AAAAAAAAAAAAAAAA").status_code == 404


def test_duplicate_within_a_day_stores_nothing(make_client: Factory, db: sa.Engine) -> None:
    c = make_client()
    first = c.post("/api/views", json={"years": [2025], "title": "a"})
    # The same canonical state (the title is not kept), the same network (another address in the /24).
    again = make_client(host="198.51.100.200").post("/api/views", json={"years": [2025], "title": "b"})
    assert first.status_code == 201 and again.status_code == 200
    assert again.json() == {
        "id": first.json()["id"],
        "permalink": first.json()["permalink"],
        "created": first.json()["created"],
        "duplicate": True,
    }
    assert count(db) == 1
    # Another network adding the same view is a view of its own.
    other = make_client(host="203.0.113.5").post("/api/views", json={"years": [2025]})
    assert other.status_code == 201 and other.json()["id"] != first.json()["id"]
    assert count(db) == 2


def test_rate_limit_answers_429_with_retry_after(make_client: Factory, db: sa.Engine) -> None:
    c = make_client(SCURVE_RATE_LIMIT="3")
    for i in range(3):
        assert c.post("/api/views", json=state({"bug_fixes": [0.1 * i, None, None]})).status_code == 201
    r = c.post("/api/views", json=state({"bug_fixes": [0.9, None, None]}))
    assert r.status_code == 429
    assert 3590 <= int(r.headers["retry-after"]) <= 3600
    assert "3 views an hour" in r.json()["detail"]
    assert count(db) == 3
    # A duplicate is still recognised (not counted, not refused).
    assert c.post("/api/views", json=state({"bug_fixes": [0.0, None, None]})).status_code == 200
    # Another network has its own allowance.
    assert make_client(host="192.0.2.1", SCURVE_RATE_LIMIT="3").post("/api/views", json={}).status_code == 201


def test_rate_limit_zero_means_none(make_client: Factory, db: sa.Engine) -> None:
    c = make_client(SCURVE_RATE_LIMIT="0")
    codes = [c.post("/api/views", json=state({"bug_fixes": [i / 100, None, None]})).status_code for i in range(14)]
    assert codes == [201] * 14
    assert count(db) == 14


def test_foreign_origin_gets_403(make_client: Factory, db: sa.Engine) -> None:
    c = make_client()
    for origin in ("https://evil.example", "http://testserver.evil.example", "null", "http://testserver:8080"):
        r = c.post("/api/views", json={}, headers={"Origin": origin})
        assert r.status_code == 403, origin
        assert r.json()["errors"][0]["loc"] == ["header", "origin"]
    assert count(db) == 0
    assert c.post("/api/views", json={}, headers={"Origin": "http://testserver"}).status_code == 201
    assert count(db) == 1


# -- hostile bodies -----------------------------------------------------------------------------

SQL = "'; DROP TABLE views; --"
HOSTILE: list[tuple[str, dict[str, Any]]] = [
    ("huge", {"content": b'{"title": "' + b"x" * (70 * 1024) + b'"}'}),
    ("huge, no length", {"chunks": [b'{"title": "', b"x" * (70 * 1024), b'"}']}),
    ("deep", {"content": b"[" * 100_000 + b"]" * 100_000}),
    ("deep object", {"content": b'{"a":' * 5000 + b"1" + b"}" * 5000}),
    ("not json", {"content": b"{'years': 2024}"}),
    ("a list", {"json": [2024]}),
    ("a string", {"json": SQL}),
    ("years of strings", {"json": {"years": [SQL, "2024"]}}),
    ("positions of strings", {"json": {"estimates": {"bug_fixes": {"2024": SQL}}}}),
    ("booleans", {"json": {"years": [True], "horizon": False}}),
    ("nulls", {"json": {"years": None, "estimates": None}}),
    ("number too large", {"content": b'{"horizon": 1e999}'}),
    ("NaN", {"content": b'{"weights": {"bug_fixes": NaN}}'}),
    ("lone surrogate", {"content": b'{"title": "\\ud800"}'}),
    (
        "SQL in every string",
        {
            "json": {
                "years": [2024],
                SQL: SQL,
                "estimates": {SQL: {SQL: SQL}, "bug_fixes": {"2024": SQL}},
                "curves": {SQL: {SQL: SQL}},
                "weights": {SQL: SQL},
                "title": SQL,
                "vs": {SQL: SQL},
            }
        },
    ),
    ("title too long", {"json": {"title": SQL * 10}}),
]


@pytest.mark.parametrize(("name", "kwargs"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_bodies_get_4xx_and_store_nothing(
    make_client: Factory, db: sa.Engine, name: str, kwargs: dict[str, Any]
) -> None:
    c = make_client()
    headers = {"content-type": "application/json"}
    if "chunks" in kwargs:  # streamed, with no Content-Length
        kwargs = {"content": iter(kwargs["chunks"])}
    r = c.post("/api/views", headers=headers, **kwargs)
    assert 400 <= r.status_code < 500, (name, r.status_code, r.text[:200])
    assert r.json()["detail"]
    if name.startswith("huge"):
        assert r.status_code == 413 and "64 KiB" in r.json()["detail"]
    assert count(db) == 0
    assert count(db, "view_names") == 0


def test_wrong_content_type_is_415(make_client: Factory, db: sa.Engine) -> None:
    r = make_client().post("/api/views", content=b"{}", headers={"content-type": "text/plain"})
    assert r.status_code == 415
    assert count(db) == 0


def test_sql_in_the_title_is_harmless(make_client: Factory, db: sa.Engine) -> None:
    c = make_client()
    r = c.post("/api/views", json={"title": SQL})
    assert r.status_code == 201
    assert count(db) == 1 and SQL not in c.get(f"/api/views/{r.json()['id']}").text


# -- the crowd's figures ----------------------------------------------------------------------


def seed(make_client: Factory, views: list[dict[str, Any]], start: int = 0) -> list[dict[str, Any]]:
    out = []
    for i, body in enumerate(views):
        r = make_client(host=host(start + i)).post("/api/views", json=body)
        assert r.status_code == 201, r.text
        out.append(r.json())
    return out


def test_quantiles_equal_numpys_and_thin_cells_are_absent(make_client: Factory) -> None:
    rng = np.random.default_rng(13)
    views = []
    positions: dict[tuple[str, int], list[float]] = {}
    for i in range(9):
        ps: dict[str, list[float | None]] = {}
        for cid in CATEGORY_IDS:
            row: list[float | None] = [round(float(x), 3) for x in rng.uniform(0, 1, 3)]
            if i >= 4:  # only the first four views estimate 2026: that cell stays hidden
                row[2] = None
            ps[cid] = row
            for y, p in zip((2024, 2025, 2026), row, strict=True):
                if p is not None:
                    positions.setdefault((cid, y), []).append(p)
        views.append(state(ps))
    seed(make_client, views)
    got = crowd(make_client())
    assert got["n"] == 9 and got["min_views"] == 5
    assert [c["id"] for c in got["categories"]] == list(CATEGORY_IDS)
    for cat in got["categories"]:
        assert [y["year"] for y in cat["years"]] == [2024, 2025]
        for cell in cat["years"]:
            values = positions[(cat["id"], cell["year"])]
            assert cell["n"] == len(values) == 9
            expected = np.quantile(values, [0.1, 0.25, 0.5, 0.75, 0.9])
            got_q = [cell["quantiles"][k] for k in ("p10", "p25", "p50", "p75", "p90")]
            np.testing.assert_allclose(got_q, expected, rtol=0, atol=1e-12)
    # The years' figures come from each view's own analysis.
    slopes: dict[int, list[float]] = {}
    for v in views:
        a = make_client().post("/api/analyze", json=v).json()
        for y in a["years"]:
            if y["mean_slope"] is not None:
                slopes.setdefault(y["year"], []).append(y["mean_slope"])
    assert [y["year"] for y in got["years"]] == [2024, 2025]  # 2026: four views only
    for y in got["years"]:
        values = slopes[y["year"]]
        assert y["n"] == len(values)
        q = [y["mean_slope"][k] for k in ("p10", "p25", "p50", "p75", "p90")]
        # The per-view slopes in the analysis JSON are rounded; the stored ones are not.
        np.testing.assert_allclose(q, np.quantile(values, [0.1, 0.25, 0.5, 0.75, 0.9]), atol=1e-4)
        assert y["share_supercritical"] == pytest.approx(sum(s > 1 for s in values) / len(values), abs=1e-12)


def test_median_view_is_the_state_of_the_medians_and_analyses(make_client: Factory) -> None:
    c = make_client()
    views = [
        state({**NONE, "bug_fixes": [p, p + 0.1, None], "chip_design": [0.2, None, None]})
        for p in (0.1, 0.3, 0.2, 0.5, 0.4)
    ]
    seed(make_client, views)
    got = crowd(c)
    link = got["median_view"]["permalink"]
    params = dict(parse_qsl(urlsplit(link).query, keep_blank_values=True))
    assert params["years"] == "2024,2025"
    assert params["bug_fixes"] == "0.3,0.4"
    assert params["chip_design"] == "0.2,"
    # Categories without enough views have no estimate; curves and weights are the defaults.
    assert params["synthetic_data"] == ","
    assert not any(k.endswith((".curve", ".w")) for k in params)
    a = c.get("/api/analyze?" + urlsplit(link).query)
    assert a.status_code == 200
    assert a.json()["state"]["estimates"]["bug_fixes"] == {"2024": 0.3, "2025": 0.4}


def test_fewer_than_five_views_show_no_cells(make_client: Factory) -> None:
    seed(make_client, [state({"bug_fixes": [0.1 * i, None, None]}) for i in range(4)])
    got = crowd(make_client())
    assert got["n"] == 4
    assert got["years"] == [] and got["median_view"] is None
    assert all(c["years"] == [] for c in got["categories"])


def test_since_and_until_filter(make_client: Factory, db: sa.Engine) -> None:
    added = seed(make_client, [state({"bug_fixes": [i / 10, None, None]}) for i in range(8)])
    days = [
        "2026-01-01",
        "2026-01-01",
        "2026-01-02",
        "2026-01-02",
        "2026-01-02",
        "2026-01-03",
        "2026-01-03",
        "2026-01-03",
    ]
    with db.begin() as conn:
        for view, day in zip(added, days, strict=True):
            conn.execute(
                sa.text("UPDATE views SET created = :c WHERE id = :i"),
                {"c": f"{day}T12:00:00.000000Z", "i": view["id"]},
            )
    c = make_client()
    assert crowd(c, "?since=2026-01-02")["n"] == 6
    assert crowd(c, "?until=2026-01-02")["n"] == 5
    assert crowd(c, "?since=2026-01-02&until=2026-01-02")["n"] == 3
    assert crowd(c, "?since=2026-01-04")["n"] == 0
    assert crowd(c, "?since=2026-01-03&until=2026-01-02")["n"] == 0  # an empty window, not an error
    assert crowd(c)["n"] == 8
    csv = c.get("/api/crowd/export.csv?since=2026-01-03").text
    assert {line.split(",")[1] for line in csv.splitlines()[1:]} == {"2026-01-03"}
    for query, name in (
        ("?since=yesterday", "since"),
        ("?until=2026-13-01", "until"),
        ("?since=2026-1-1", "since"),
        ("?since=2026-01-01&until=2026-02-30", "until"),
        ("?until=", "until"),
    ):
        for path in ("/api/crowd", "/api/crowd/export.csv"):
            r = c.get(path + query)
            assert r.status_code == 400, (path, query)
            assert r.json()["errors"][0]["loc"] == ["query", name]
            assert f"`{name}`" in r.json()["detail"]


def test_export_csv(make_client: Factory) -> None:
    added = seed(make_client, [state({**NONE, "bug_fixes": [0.25, None, 0.5]}), {"years": [2030]}])
    r = make_client().get("/api/crowd/export.csv")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    assert "scurve-crowd.csv" in r.headers["content-disposition"]
    lines = r.text.split("\r\n")
    assert lines[0] == "view_id,created_date,category_id,year,position"
    day = added[0]["created"][:10]
    assert lines[1:3] == [
        f"{added[0]['id']},{day},bug_fixes,2024,0.250",
        f"{added[0]['id']},{day},bug_fixes,2026,0.500",
    ]
    # The second view estimates nothing (no category has a default for 2030): no rows.
    assert lines[3:] == [""]
    rows = [line.split(",") for line in lines[1:-1]]
    assert all(len(row) == 5 for row in rows)
    assert {row[2] for row in rows} <= set(CATEGORY_IDS)


class Clock:
    """A clock a test moves by hand, for the crowd's cache (no sleeping)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_answer_is_at_most_two_seconds_stale(make_client: Factory) -> None:
    c = make_client()
    clock = c.app.state.crowd.clock = Clock()  # type: ignore[attr-defined]
    assert crowd(c)["n"] == 0
    seed(make_client, [{}])
    clock.now += 1.99
    assert crowd(c)["n"] == 0  # the cached answer, less than 2 s old
    clock.now += 0.02
    assert crowd(c)["n"] == 1  # 2 s on: checked against the database


def test_two_instances_agree_within_two_seconds(make_client: Factory) -> None:
    """Two apps on one database (as two instances behind a proxy): a view one
    adds shows in the other's answer once that answer is 2 s old."""
    a, b = make_client(), make_client(SCURVE_RATE_LIMIT="0")
    assert a.app is not b.app
    clock = Clock()
    a.app.state.crowd.clock = b.app.state.crowd.clock = clock  # type: ignore[attr-defined]
    assert crowd(a)["n"] == crowd(b)["n"] == 0
    assert b.post("/api/views", json={}).status_code == 201
    assert crowd(a)["n"] == 0
    clock.now += 2.0
    assert crowd(a)["n"] == crowd(b)["n"] == 1


def test_crowd_off_hides_everything(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCURVE_DATABASE_URL", db_url)
    monkeypatch.setenv("SCURVE_CROWD", "off")
    with TestClient(create_app(), raise_server_exceptions=False) as c:
        assert c.post("/api/views", json={}).status_code == 404
        for path in ("/api/views/AAAAAAAAAAAAAAAA", "/api/crowd", "/api/crowd/export.csv", "/crowd"):
            assert c.get(path).status_code == 404, path
        assert c.delete("/api/views/AAAAAAAAAAAAAAAA").status_code in (404, 405)
        assert "/api/views" not in c.get("/openapi.json").json()["paths"]
        page = c.get("/").text
        assert 'id="crowd' not in page
        assert 'href="/crowd"' not in c.get("/about").text


def test_openapi_documents_the_crowd_and_its_errors(make_client: Factory) -> None:
    paths = make_client().get("/openapi.json").json()["paths"]
    post = paths["/api/views"]["post"]["responses"]
    assert {"201", "200", "400", "403", "413", "415", "429"} <= set(post)
    assert "404" in paths["/api/views/{view_id}"]["get"]["responses"]
    assert {"204", "404"} <= set(paths["/api/views/{view_id}"]["delete"]["responses"])
    assert "400" in paths["/api/crowd"]["get"]["responses"]
    assert "400" in paths["/api/crowd/export.csv"]["get"]["responses"]
    assert "/crowd" not in paths  # a page, like `/`


def test_the_secret_is_kept_in_a_key_file_not_in_the_database(
    make_client: Factory, db: sa.Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file = tmp_path / "keys" / "secret.key"
    monkeypatch.setenv("SCURVE_SECRET_FILE", str(key_file))
    a = make_client().post("/api/views", json={}).json()
    secret = key_file.read_text().strip()
    assert len(secret) == 64 and stat.S_IMODE(key_file.stat().st_mode) == 0o600
    with db.connect() as conn:
        stored = dict(conn.execute(sa.text("SELECT key, value FROM settings")).all())
    # The database keeps only a check value, which is not the secret.
    assert set(stored) == {"secret_check"} and secret not in stored["secret_check"]
    with db.connect() as conn:
        dumped = "".join(str(v) for row in conn.execute(sa.text("SELECT * FROM views")).all() for v in row)
    assert secret not in dumped
    # A second app with the same key file: the same client key, so a duplicate.
    again = make_client(SCURVE_RATE_LIMIT="5").post("/api/views", json={})
    assert again.status_code == 200 and again.json()["id"] == a["id"]
    # An instance with another secret is refused (its keys would not match),
    # while the estimator beside it works.
    other = make_client(SCURVE_SECRET="x" * 40)
    refused = other.post("/api/views", json={})
    assert refused.status_code == 503 and refused.headers["retry-after"]
    assert "is not the one this crowd database was used with" in refused.json()["detail"]
    assert other.get("/api/analyze").status_code == 200


def test_a_short_secret_is_refused_with_its_rule(make_client: Factory) -> None:
    r = make_client(SCURVE_SECRET="s3cret").get("/api/crowd")
    assert r.status_code == 503
    assert "SCURVE_SECRET must be at least 32 characters, got 6" in r.json()["detail"]


def test_suggested_categories_need_three_client_keys(db_url: str, make_client: Factory, db: sa.Engine) -> None:
    """Custom names come from the stored links' `u1.name`... (SPEC section 9); rows are
    written as the write path writes them, so this holds before the state carries them."""
    from app.crowd.store import custom_names

    make_client()  # the secret exists
    views_ = [
        ("k1", "u1.name=Hardware%20bottlenecks&u2.name=Robotics"),
        ("k2", "u1.name=%20hardware%20%20BOTTLENECKS%20"),
        ("k2", "u3.name=Hardware%20bottlenecks"),  # the same client key twice counts once
        ("k3", "u1.name=HARDWARE%20bottlenecks&u2.name=robotics"),
        ("k4", "u2.name=Energy"),
        ("k5", "u2.name=Energy"),
        ("k6", "u2.name=energy&u4.name=Robotics"),
        ("k7", "u1.name=Energy"),
    ]
    with db.begin() as conn:
        for i, (key, query) in enumerate(views_):
            seq = conn.execute(
                sa.text(
                    "INSERT INTO views (id, created, query, client_key, token_hash, cells, slopes) "
                    "VALUES (:i, '2026-01-01T00:00:00.000000Z', :q, :k, 'h', :b, :b) RETURNING seq"
                ),
                {"i": f"view{i:012d}", "q": query, "k": key, "b": b""},
            ).scalar_one()
            for nk, name in custom_names(query).items():
                conn.execute(
                    sa.text("INSERT INTO view_names VALUES (:s, :nk, :n, :k)"),
                    {"s": seq, "nk": nk, "n": name, "k": key},
                )
    got = crowd(make_client())
    assert got["suggested_categories"] == [
        {"name": "Energy", "n": 4},
        {"name": "HARDWARE bottlenecks", "n": 3},
        {"name": "Robotics", "n": 3},
    ]
    assert got["n"] == len(views_)


def test_custom_names_are_normalised() -> None:
    from app.crowd.store import custom_names

    assert custom_names("u1.name=%20A%20%20b%09c%20&u2.name=a%20B%20C&u10.name=X&u11.name=Y&name=Z") == {
        "a b c": "A b c",
        "x": "X",
    }


def test_crowd_page_renders_the_api_numbers(make_client: Factory) -> None:
    seed(make_client, [state({**NONE, "bug_fixes": [p, None, None]}) for p in (0.1, 0.2, 0.3, 0.4, 0.9)])
    c = make_client()
    page = c.get("/crowd")
    assert page.status_code == 200
    assert "5 views, the first added on" in page.text
    # numpy's linear median of 0.1, 0.2, 0.3, 0.4, 0.9 is 0.3; p90 is 0.7.
    assert "<td>0.300</td>" in page.text and "<td>0.700</td>" in page.text
    # The time of the figures in words a person reads, the exact one in datetime.
    updated = crowd(c)["updated"]
    assert f'<time datetime="{updated}">{updated[:10]} {updated[11:16]} UTC</time>' in page.text
    empty = c.get("/crowd?since=&until=")
    assert empty.status_code == 200 and "5 views" in empty.text
    bad = c.get("/crowd?since=soon")
    assert bad.status_code == 200
    assert "`since` must be a date written YYYY-MM-DD, got &#39;soon&#39;. Showing every view." in bad.text


def test_withdraw_form_without_javascript(make_client: Factory, db: sa.Engine) -> None:
    c = make_client()
    view = c.post("/api/views", json={}).json()
    wrong = c.post("/crowd/withdraw", data={"id": view["id"], "token": "nope"})
    assert wrong.status_code == 404 and "No view matches" in wrong.text
    foreign = c.post(
        "/crowd/withdraw",
        data={"id": view["id"], "token": view["delete_token"]},
        headers={"Origin": "https://x.example"},
    )
    assert foreign.status_code == 403 and count(db) == 1
    ok = c.post("/crowd/withdraw", data={"id": view["id"], "token": view["delete_token"]})
    assert ok.status_code == 200 and "Your view has been withdrawn." in ok.text
    assert count(db) == 0


def test_views_with_your_own_categories_suggest_them(make_client: Factory, db: sa.Engine) -> None:
    """Posted through the API (not stored by hand): a view's own categories
    keep their names in the stored link and count for `suggested_categories`
    once three client codes name one; their positions are not crowd cells."""
    for i, name in enumerate(["Robotics", " robotics ", "ROBOTICS", "Energy"]):
        c = make_client(host(i))
        body = {"custom": {"u1": {"name": name}}, "estimates": {"u1": {"2026": 0.3 + i / 100}}}
        r = c.post("/api/views", json=body)
        assert r.status_code == 201, r.text
        assert "u1.name=" in r.json()["permalink"] and f"u1=,,{0.3 + i / 100:g}" in r.json()["permalink"]
    got = crowd(make_client(host(9)))
    assert got["n"] == 4
    # one of the spellings as typed (trimmed): the three count as one name
    assert [(s["name"].lower(), s["n"]) for s in got["suggested_categories"]] == [("robotics", 3)]
    assert {c["id"] for c in got["categories"]} <= set(CATEGORY_IDS)


def test_no_view_is_analysed_before_its_checks(make_client: Factory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Origin, size, the rate limit and duplicates are all checked before a
    posted view is analysed: refused posts cost no model work."""
    c = make_client(SCURVE_RATE_LIMIT="2")
    engine = c.app.state.engine  # type: ignore[attr-defined]
    analysed: list[Any] = []
    real = engine.analysis
    monkeypatch.setattr(engine, "analysis", lambda s, w=(): analysed.append(s) or real(s, w))
    one, two, three = (state({**NONE, "bug_fixes": [p, None, None]}) for p in (0.1, 0.2, 0.3))
    assert c.post("/api/views", json=one).status_code == 201
    assert len(analysed) == 1
    assert c.post("/api/views", json=one).status_code == 200  # the duplicate
    assert c.post("/api/views", json=one, headers={"Origin": "https://elsewhere.example"}).status_code == 403
    big = {**one, "title": "x" * 70_000}
    assert c.post("/api/views", json=big).status_code == 413
    assert len(analysed) == 1
    assert c.post("/api/views", json=two).status_code == 201
    assert c.post("/api/views", json=three).status_code == 429  # the third in the hour
    assert len(analysed) == 2
    # What the crowd computes leaves the ranges and feedback out: they do not change a year's mean slope.
    assert all(not s.ranges and s.feedback == 0 for s in analysed)
