"""Reading and writing the crowd's views.

What a view keeps: a random id, the UTC time it was added, its canonical
permalink query (positions, ranges, curves, weights and the names of its own
categories: never its comparison, title, groups or questions), a client key,
the SHA-256 of its delete token, and data derived from the query for the
aggregates; the names of its own categories are kept again beside a voice
key, for the suggestions.  Both keys are keyed hashes of the client's
network (app.crowd.keys): enough to tell repeats, floods and voices apart,
not enough to name anyone without the secret, which is not in the database.
No IP address, user agent or cookie is stored.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
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
from scurve.csvio import escape_formula
from scurve.errors import ScurveError
from scurve.state import State, name_key, stored_form
from scurve.statejson import state_from_json

from ..engine import Engine, dumps
from . import aggregate, days
from .db import is_sqlite, settings, view_names, views
from .keys import Secret, SecretError, client_key, load_secret, voice_key
from .writer import GroupWriter, WriteLock

CACHE_SECONDS = 2.0
EXPORT_CHUNK = 500  # views read per short transaction of the CSV export
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


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def custom_names(query: str) -> dict[str, str]:
    """``{name_key: name}`` of the custom categories named in a query: trimmed,
    runs of white space made one space; the key (`scurve.state.name_key`)
    ignores case and compatibility forms and is never cut short (two long
    names never share a key)."""
    out: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        if _NAME_PARAM.match(key):
            name = " ".join(value.split())
            if name:
                out.setdefault(name_key(name), name)
    return out


def canonical(state: State) -> State:
    """What the crowd keeps of a state: what the field table marks `crowd`
    (positions, ranges, curves, weights, the names of its own categories) and
    nothing else; no comparison, and no title, groups or questions (free text
    that can name someone)."""
    return stored_form(state)


@dataclass
class _Cached:
    token: tuple[tuple[str, int, int], ...]
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
        secret: str | bytes | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.db = db
        self.clock = clock  # seconds, for the cache's age: tests move it instead of sleeping
        self.model = model
        self.rate_limit = rate_limit
        self._secret = (
            None if secret is None else Secret(secret.encode() if isinstance(secret, str) else secret, "given")
        )
        self._cache: dict[tuple[str | None, str | None], _Cached] = {}
        self._lock = threading.Lock()
        self._days = days.Days(db, clock=lambda: self.clock())
        self._write_lock: contextlib.AbstractContextManager[Any] = (
            WriteLock(db.url.database) if is_sqlite(db) else contextlib.nullcontext()
        )
        # SQLite: every view is written by one thread, in groups (writer.py).
        self._writer = GroupWriter(db, self._write_lock) if is_sqlite(db) else None
        self._ids = CATEGORY_IDS
        self._index = {cid: i for i, cid in enumerate(self._ids)}

    # -- set-up ----------------------------------------------------------------
    @property
    def secret(self) -> bytes:
        """The server secret, read (or made) on first use: commands that only
        read the crowd never touch the key file."""
        if self._secret is None:
            self._secret = load_secret(self.db.url)
            self.check_secret()
        return self._secret.key

    def check_secret(self) -> None:
        """Refuse a secret other than the one this database was used with:
        it would silently break the duplicate rule and count voices again.
        The database keeps only a check value of the secret (an HMAC of a
        constant), written by the first instance that starts."""
        if self._secret is None:
            self._secret = load_secret(self.db.url)
        mine = self._secret.check
        insert = (sqlite.insert if is_sqlite(self.db) else postgresql.insert)(settings)
        with self.db.connect().execution_options(crowd_write=True) as conn, conn.begin():
            conn.execute(insert.values(key="secret_check", value=mine).on_conflict_do_nothing(index_elements=["key"]))
            stored = conn.execute(sa.select(settings.c.value).where(settings.c.key == "secret_check")).scalar_one()
        if not hmac.compare_digest(stored, mine):
            raise SecretError(
                f"the server secret (from {self._secret.source}) is not the one this crowd database was used with: "
                "give every instance the same SCURVE_SECRET, or the same key file (SCURVE_SECRET_FILE); "
                "to change the secret on purpose, delete the row `secret_check` from the table `settings`"
            )

    def keys_for(self, host: str | None, when: datetime) -> tuple[str, str]:
        """Today's client key and yesterday's (so the 24 h rules hold across midnight)."""
        today = when.date()
        secret = self.secret
        return client_key(secret, host, today), client_key(secret, host, today - timedelta(days=1))

    # -- writes ----------------------------------------------------------------
    def add(self, state: State, host: str | None) -> Added:
        """Store a view, or find the same view from the same client in the last 24 h.

        The duplicate and rate checks run first, on a read, before the view
        is analysed; they run again with the insert in one transaction that
        holds the client's lock (SQLite: the write lock, in the group
        writer's transaction; PostgreSQL: an advisory lock on the client
        key), so concurrent requests can neither slip past the rate limit
        nor store one view twice.
        """
        state = canonical(state)
        query = self.model.query_of(state)
        when = now_utc()
        key, yesterday_key = self.keys_for(host, when)
        with self.db.connect() as conn:
            found = self._known(conn, query, (key, yesterday_key), when)
        if found is not None:
            return found
        cells, slopes = self._derived(state)
        names = custom_names(query)
        voice = voice_key(self.secret, host) if names else ""

        def write(conn: sa.Connection) -> Added:
            found = self._known(conn, query, (key, yesterday_key), when)
            if found is not None:
                return found
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
                    [{"view_seq": seq, "name_key": k, "name": n, "voice_key": voice} for k, n in names.items()],
                )
            return Added(view_id, shown_time(created), "/?" + query, token, duplicate=False)

        if self._writer is not None:
            added: Added = self._writer.submit(write)
            return added
        with self.db.connect().execution_options(crowd_write=True) as conn, conn.begin():
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": key})
            return write(conn)

    def _known(self, conn: sa.Connection, query: str, keys: tuple[str, str], when: datetime) -> Added | None:
        """The same view from this client in the last 24 h (a duplicate), or
        None; raises RateLimited when the client has added its hourly limit."""
        recent = conn.execute(
            sa.select(views.c.id, views.c.created, views.c.query).where(
                views.c.client_key.in_(keys), views.c.created >= stamp(when - timedelta(days=1))
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
        return None

    def _derived(self, state: State) -> tuple[bytes, bytes]:
        """The packed positions and year mean slopes the aggregates read.
        Those slopes depend on neither the ranges nor the feedback, so the
        analysis leaves both out: it costs a few milliseconds whatever the view."""
        plain = dataclasses.replace(state, ranges={}, feedback=0.0)
        analysis = self.model.analysis(plain)
        cells = aggregate.pack_cells(
            (self._index[cid], year, pos)
            for cid in self._ids
            for year, pos in sorted(state.estimates.get(cid, {}).items())
        )
        slopes = aggregate.pack_slopes((y.year, y.mean_slope) for y in analysis.years if y.mean_slope is not None)
        return cells, slopes

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
        return {"id": view_id, "created": shown_time(row.created), "permalink": "/?" + self.public_query(row.query)}

    def public_query(self, stored: str) -> str:
        """A stored link as the crowd publishes it today (:func:`canonical`),
        so a view stored under an older rule shows no more than a new one."""
        try:
            state = self.model.parse(stored).raise_for_problems()
        except ScurveError:
            return stored  # a link today's rules refuse: shown as stored (the migrations cleaned it)
        kept = canonical(state)
        return stored if kept == state else self.model.query_of(kept)

    def forget(self) -> None:
        """Drop what this process remembers of the figures: the next answer asks the database."""
        with self._lock:
            self._cache.clear()
        self._days.stale()

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

    def first_added(self, since: date | None = None, until: date | None = None) -> str | None:
        """The UTC date of the first view in the window (from the per-day summaries)."""
        return days.Days.first_day(self._days.current(), since, until)

    def _fresh(self, since: date | None, until: date | None) -> _Cached:
        """The database is asked which days changed at most every 2 s, and a
        window's figures are merged again only when one of them did.  No lock
        is held while a window is merged: readers of other windows never wait."""
        cache_key = (_iso(since), _iso(until))
        hit = self._cache.get(cache_key)
        now = self.clock()
        if hit is not None and now - hit.checked < CACHE_SECONDS:
            return hit
        snapshot = self._days.current()
        if hit is not None and hit.token == snapshot.token:
            hit.checked = now
            return hit
        answer, figs = self._answer(self._days.window(snapshot, since, until))
        fresh = _Cached(snapshot.token, now, dumps(answer), answer, figs)
        with self._lock:
            if len(self._cache) >= 64 and cache_key not in self._cache:
                self._cache.pop(next(iter(self._cache)))
            self._cache[cache_key] = fresh
        return fresh

    def compute(self, since: date | None = None, until: date | None = None) -> tuple[dict[str, Any], aggregate.Figures]:
        """The figures of a window, from the days as the database had them at most 2 s ago."""
        return self._answer(self._days.window(self._days.current(), since, until))

    def _answer(self, window: list[days.Day]) -> tuple[dict[str, Any], aggregate.Figures]:
        figs, suggested = days.merge(window)
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
            "suggested_categories": suggested,
        }, figs

    @staticmethod
    def _window(since: date | None, until: date | None) -> list[sa.ColumnElement[bool]]:
        where: list[sa.ColumnElement[bool]] = []
        if since is not None:
            where.append(views.c.created >= since.isoformat())
        if until is not None:
            where.append(views.c.created < (until + timedelta(days=1)).isoformat())
        return where

    def export_last(self) -> int:
        """The last view the export will include (read before its first byte
        is sent, so a database that cannot answer gets a 503, not a cut file)."""
        with self.db.connect() as conn:
            return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(views.c.seq), 0))).scalar_one())

    def export_lines(
        self, since: date | None = None, until: date | None = None, last: int | None = None
    ) -> Iterator[str]:
        """The CSV export, 500 views at a time, each read in its own short
        transaction: no connection is held while the client reads (a reader
        that stops reading cannot starve the others).  Views added after
        the export began are left out; text cells are formula-escaped."""
        if last is None:
            last = self.export_last()
        yield "view_id,created_date,category_id,year,position\r\n"
        ids = [escape_formula(cid) for cid in self._ids]
        after = 0
        window = self._window(since, until)
        while True:
            stmt = (
                sa.select(views.c.seq, views.c.id, views.c.created, views.c.cells)
                .where(*window, views.c.seq > after, views.c.seq <= last)
                .order_by(views.c.seq)
                .limit(EXPORT_CHUNK)
            )
            with self.db.connect() as conn:
                part = conn.execute(stmt).all()
            if not part:
                return
            after = part[-1].seq
            lines = []
            for _, view_id, created, blob in part:
                vid, day = escape_formula(view_id), created[:10]
                for cat, year, pos in aggregate.unpack_cells(bytes(blob)).tolist():
                    lines.append(f"{vid},{day},{ids[cat]},{year},{pos:.3f}\r\n")
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
