"""Reading and writing the crowd's views.

What a view keeps: a random id, the UTC time it was added, its canonical
permalink query (the state without its comparison, title, groups and
questions), a client key,
the SHA-256 of its delete token, and data derived from the query for the
aggregates.  The client key is an HMAC of the client's network prefix and
the UTC date under the server secret: enough to tell repeats and floods from
one network on one day apart, not enough to name anyone.  No IP address,
user agent or cookie is stored.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import ipaddress
import math
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine as DbEngine

from scurve.catalog import CATEGORY_IDS
from scurve.state import State, name_key, stored_form
from scurve.statejson import state_from_json

from ..engine import Engine, dumps
from . import aggregate
from .db import is_sqlite, settings, view_names, views
from .writer import GroupWriter, WriteLock

CACHE_SECONDS = 2.0
ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,32}$")
_NAME_PARAM = re.compile(r"^u([1-9]|10)\.name$")


class RateLimited(Exception):
    def __init__(self, retry_after: int, limit: int):
        super().__init__(f"at most {limit} views an hour from one network; try again in {retry_after} s")
        self.retry_after = retry_after
        self.limit = limit


@dataclass(frozen=True)
class Added:
    id: str
    created: str
    permalink: str
    delete_token: str | None
    duplicate: bool

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "permalink": self.permalink, "created": self.created}
        if self.delete_token is not None:
            out["delete_token"] = self.delete_token
        out["duplicate"] = self.duplicate
        return out


def now_utc() -> datetime:
    return datetime.now(UTC)


def stamp(t: datetime) -> str:
    """The stored form of a time: sortable text, UTC, microseconds."""
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def shown_time(stored: str) -> str:
    return stored[:19] + "Z"


def network_prefix(host: str | None) -> str:
    """The /24 (IPv4) or /48 (IPv6) network of an address, as text.

    >>> network_prefix("203.0.113.77"), network_prefix("2001:db8:1:2::5")
    ('203.0.113.0/24', '2001:db8:1::/48')
    """
    try:
        ip = ipaddress.ip_address((host or "").strip())
    except ValueError:
        return "unknown"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    bits = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{bits}", strict=False))


def client_key(secret: bytes, host: str | None, day: date) -> str:
    """HMAC-SHA256 of the network prefix and the UTC date, truncated to 64 bits."""
    msg = f"{network_prefix(host)}|{day.isoformat()}".encode()
    return hmac.new(secret, msg, hashlib.sha256).hexdigest()[:16]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def custom_names(query: str) -> dict[str, str]:
    """``{name_key: name}`` of the custom categories named in a query: trimmed,
    runs of white space made one space; the key (`scurve.state.name_key`)
    ignores case and compatibility forms and is never cut short."""
    out: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        if _NAME_PARAM.match(key):
            name = " ".join(value.split())[:60]
            if name:
                out.setdefault(name_key(name), name)
    return out


def canonical(state: State) -> State:
    """What the crowd keeps of a state: what the field table marks `crowd`
    (no comparison, title, groups or questions: free text can name someone)."""
    return stored_form(state)


@dataclass
class _Cached:
    token: tuple[int, int, int]
    checked: float
    body: bytes
    answer: dict[str, Any]
    figures: aggregate.Figures


class Crowd:
    """The crowd on one database; shared by the requests of one process."""

    def __init__(
        self,
        db: DbEngine,
        model: Engine,
        *,
        rate_limit: int = 10,
        secret: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.db = db
        self.clock = clock  # seconds, for the cache's age: tests move it instead of sleeping
        self.model = model
        self.rate_limit = rate_limit
        self.secret = secret.encode() if secret else self._stored_secret()
        self._cache: dict[tuple[str | None, str | None], _Cached] = {}
        self._lock = threading.Lock()
        self._write_lock: contextlib.AbstractContextManager[Any] = (
            WriteLock(db.url.database) if is_sqlite(db) else contextlib.nullcontext()
        )
        # SQLite: every view is written by one thread, in groups (writer.py).
        self._writer = GroupWriter(db, self._write_lock) if is_sqlite(db) else None
        self._ids = CATEGORY_IDS
        self._index = {cid: i for i, cid in enumerate(self._ids)}

    # -- set-up ----------------------------------------------------------------
    def _stored_secret(self) -> bytes:
        """The secret kept in the database, made on first use (once, whichever process is first)."""
        fresh = secrets.token_hex(32)
        insert = (sqlite.insert if is_sqlite(self.db) else postgresql.insert)(settings)
        with self.db.connect().execution_options(crowd_write=True) as conn, conn.begin():
            conn.execute(insert.values(key="secret", value=fresh).on_conflict_do_nothing(index_elements=["key"]))
            value = conn.execute(sa.select(settings.c.value).where(settings.c.key == "secret")).scalar_one()
        return bytes.fromhex(value)

    def keys_for(self, host: str | None, when: datetime) -> tuple[str, str]:
        """Today's client key and yesterday's (so the 24 h rules hold across midnight)."""
        today = when.date()
        return client_key(self.secret, host, today), client_key(self.secret, host, today - timedelta(days=1))

    # -- writes ----------------------------------------------------------------
    def add(self, state: State, host: str | None) -> Added:
        """Store a view, or find the same view from the same client in the last 24 h.

        The checks and the insert run in one transaction that holds the
        client's lock (SQLite: the write lock, in the group writer's
        transaction; PostgreSQL: an advisory lock on the client key), so
        concurrent requests can neither slip past the rate limit nor store
        one view twice.
        """
        state = canonical(state)
        query = self.model.query_of(state)
        analysis = self.model.analysis(state)
        cells = aggregate.pack_cells(
            (self._index[cid], year, pos)
            for cid in self._ids
            for year, pos in sorted(state.estimates.get(cid, {}).items())
        )
        slopes = aggregate.pack_slopes((y.year, y.mean_slope) for y in analysis.years if y.mean_slope is not None)
        names = custom_names(query)
        when = now_utc()
        key, yesterday_key = self.keys_for(host, when)

        def write(conn: sa.Connection) -> Added:
            recent = conn.execute(
                sa.select(views.c.id, views.c.created, views.c.query).where(
                    views.c.client_key.in_((key, yesterday_key)), views.c.created >= stamp(when - timedelta(days=1))
                )
            ).all()
            for row in recent:
                if row.query == query:
                    return Added(row.id, shown_time(row.created), "/?" + query, None, duplicate=True)
            if self.rate_limit > 0:
                hour_ago = stamp(when - timedelta(hours=1))
                last_hour = sorted(r.created for r in recent if r.created >= hour_ago)
                if len(last_hour) >= self.rate_limit:
                    oldest = datetime.strptime(last_hour[-self.rate_limit], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
                    wait = (oldest + timedelta(hours=1) - when).total_seconds()
                    raise RateLimited(max(1, math.ceil(wait)), self.rate_limit)
            view_id = secrets.token_urlsafe(12)
            token = secrets.token_urlsafe(24)
            created = stamp(when)
            seq = conn.execute(
                views.insert()
                .values(
                    id=view_id,
                    created=created,
                    query=query,
                    client_key=key,
                    token_hash=token_hash(token),
                    cells=cells,
                    slopes=slopes,
                )
                .returning(views.c.seq)
            ).scalar_one()
            if names:
                conn.execute(
                    view_names.insert(),
                    [{"view_seq": seq, "name_key": k, "name": n, "client_key": key} for k, n in names.items()],
                )
            return Added(view_id, shown_time(created), "/?" + query, token, duplicate=False)

        if self._writer is not None:
            added: Added = self._writer.submit(write)
            return added
        with self.db.connect().execution_options(crowd_write=True) as conn, conn.begin():
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": key})
            return write(conn)

    def delete(self, view_id: str, token: str | None) -> bool:
        """Remove a view if ``token`` is its delete token; False otherwise (wrong, missing, unknown alike)."""
        if not token or not ID_PATTERN.match(view_id):
            return False
        with self._write_lock, self.db.connect().execution_options(crowd_write=True) as conn, conn.begin():
            row = conn.execute(sa.select(views.c.seq, views.c.token_hash).where(views.c.id == view_id)).first()
            if row is None or not hmac.compare_digest(row.token_hash, token_hash(token)):
                return False
            self._remove(conn, row.seq)
        return True

    def remove(self, view_id: str) -> bool:
        """Remove a view without its token (for whoever runs the site)."""
        with self._write_lock, self.db.connect().execution_options(crowd_write=True) as conn, conn.begin():
            seq = conn.execute(sa.select(views.c.seq).where(views.c.id == view_id)).scalar()
            if seq is None:
                return False
            self._remove(conn, seq)
        return True

    def _remove(self, conn: sa.Connection, seq: int) -> None:
        conn.execute(view_names.delete().where(view_names.c.view_seq == seq))
        conn.execute(views.delete().where(views.c.seq == seq))

    # -- reads -----------------------------------------------------------------
    def get(self, view_id: str) -> dict[str, str] | None:
        if not ID_PATTERN.match(view_id):
            return None
        with self.db.connect() as conn:
            row = conn.execute(sa.select(views.c.created, views.c.query).where(views.c.id == view_id)).first()
        if row is None:
            return None
        return {"id": view_id, "created": shown_time(row.created), "permalink": "/?" + row.query}

    @staticmethod
    def _window(since: date | None, until: date | None) -> list[sa.ColumnElement[bool]]:
        where: list[sa.ColumnElement[bool]] = []
        if since is not None:
            where.append(views.c.created >= since.isoformat())
        if until is not None:
            where.append(views.c.created < (until + timedelta(days=1)).isoformat())
        return where

    def _token(self) -> tuple[int, int, int]:
        """Changes whenever a view is added or removed, in any process."""
        with self.db.connect() as conn:
            row = conn.execute(
                sa.select(
                    sa.func.count(),
                    sa.func.coalesce(sa.func.max(views.c.seq), 0),
                    sa.func.coalesce(sa.func.sum(views.c.seq), 0),
                )
            ).one()
        return int(row[0]), int(row[1]), int(row[2])

    def cached(self, since: date | None = None, until: date | None = None) -> bytes | None:
        """The answer if this process checked it in the last 2 s; else None."""
        hit = self._cache.get((_iso(since), _iso(until)))
        if hit is not None and self.clock() - hit.checked < CACHE_SECONDS:
            return hit.body
        return None

    def answer(self, since: date | None = None, until: date | None = None) -> bytes:
        """The `/api/crowd` JSON, at most 2 s stale."""
        return self._fresh(since, until).body

    def page(self, since: date | None = None, until: date | None = None) -> tuple[dict[str, Any], aggregate.Figures]:
        """The `/api/crowd` answer and the figures behind it (with what the page draws)."""
        hit = self._fresh(since, until)
        return hit.answer, hit.figures

    def _fresh(self, since: date | None, until: date | None) -> _Cached:
        """The database is asked whether anything changed at most every 2 s,
        and the figures are recomputed only when it did."""
        cache_key = (_iso(since), _iso(until))
        with self._lock:
            hit = self._cache.get(cache_key)
            now = self.clock()
            if hit is not None and now - hit.checked < CACHE_SECONDS:
                return hit
            token = self._token()
            if hit is not None and hit.token == token:
                hit.checked = now
                return hit
            answer, figs = self.compute(since, until)
            if len(self._cache) >= 64:
                self._cache.pop(next(iter(self._cache)))
            fresh = _Cached(token, now, dumps(answer), answer, figs)
            self._cache[cache_key] = fresh
            return fresh

    def compute(self, since: date | None = None, until: date | None = None) -> tuple[dict[str, Any], aggregate.Figures]:
        where = self._window(since, until)
        with self.db.connect() as conn:
            rows = self._packed_rows(conn, since, until)
            suggested = conn.execute(
                sa.select(
                    view_names.c.name_key,
                    sa.func.min(view_names.c.name),
                    sa.func.count(sa.distinct(view_names.c.client_key)),
                )
                .join(views, views.c.seq == view_names.c.view_seq)
                .where(*where)
                .group_by(view_names.c.name_key)
                .having(sa.func.count(sa.distinct(view_names.c.client_key)) >= 3)
                .order_by(sa.func.count(sa.distinct(view_names.c.client_key)).desc(), view_names.c.name_key)
                .limit(50)
            ).all()
        figs = aggregate.figures(rows)
        median = aggregate.median_estimates(figs.cells, self._ids)
        median_view = None
        if median is not None:
            median_view = {"permalink": "/?" + self.model.query_of(state_from_json(median, self.model.catalog))}
        names = {c.id: c.name for c in self.model.catalog.categories}
        return {
            "n": figs.n,
            "updated": now_utc().strftime("%Y-%m-%dT%H:%M:%SZ"),
            "min_views": aggregate.MIN_VIEWS,
            "categories": aggregate.group_cells(figs.cells, self._ids, names),
            "years": list(figs.years),
            "median_view": median_view,
            "suggested_categories": [{"name": name, "n": int(n)} for _, name, n in suggested],
        }, figs

    def _packed_rows(self, conn: sa.Connection, since: date | None, until: date | None) -> list[tuple[bytes, bytes]]:
        """Every view's packed cells and slopes in the window, fetched through
        the driver's own cursor: SQLAlchemy's row processing would double the
        time a 100,000-view recomputation takes."""
        mark = "?" if is_sqlite(self.db) else "%s"
        sql, params = "SELECT cells, slopes FROM views", []
        bounds = []
        if since is not None:
            bounds.append(f"created >= {mark}")
            params.append(since.isoformat())
        if until is not None:
            bounds.append(f"created < {mark}")
            params.append((until + timedelta(days=1)).isoformat())
        if bounds:
            sql += " WHERE " + " AND ".join(bounds)
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(sql, params)
            rows: list[tuple[bytes, bytes]] = list(cursor.fetchall())
        finally:
            cursor.close()
        return rows

    def export_lines(self, since: date | None = None, until: date | None = None) -> Iterator[str]:
        """The CSV export, a chunk of lines at a time."""
        yield "view_id,created_date,category_id,year,position\r\n"
        stmt = (
            sa.select(views.c.id, views.c.created, views.c.cells)
            .where(*self._window(since, until))
            .order_by(views.c.seq)
        )
        with self.db.connect() as conn:
            result = conn.execution_options(yield_per=2000).execute(stmt)
            for part in result.partitions():
                lines = []
                for view_id, created, blob in part:
                    day = created[:10]
                    for cat, year, pos in aggregate.unpack_cells(bytes(blob)).tolist():
                        lines.append(f"{view_id},{day},{self._ids[cat]},{year},{pos:.3f}\r\n")
                yield "".join(lines)

    def stats(self) -> dict[str, Any]:
        with self.db.connect() as conn:
            n, first, last = conn.execute(
                sa.select(sa.func.count(), sa.func.min(views.c.created), sa.func.max(views.c.created))
            ).one()
            since = stamp(now_utc() - timedelta(days=1))
            day = conn.execute(sa.select(sa.func.count()).where(views.c.created >= since)).scalar_one()
        return {
            "views": int(n),
            "first": shown_time(first) if first else None,
            "last": shown_time(last) if last else None,
            "last_24h": int(day),
        }


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()
