"""The crowd as the app reaches it, and what a client is told when its
database fails.

The estimator never depends on the crowd: a database that cannot be opened
at start (a bad path, a read-only file, a server that is down, a secret that
does not match) leaves the app serving everything else, logs one line
saying why, and every crowd route answers 503 with that reason until the
database can be opened (tried again at most every 10 s).  A database that
fails while serving gets 503 too: a full disk names storage, an exhausted
connection pool says to retry in a couple of seconds.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable

import sqlalchemy as sa

from .keys import SecretError
from .store import Crowd

log = logging.getLogger("scurve.crowd")
RETRY_OPEN_S = 10.0
SQLITE_FULL = 13
PG_DISK_FULL = "53100"


class Unavailable(Exception):
    """The crowd cannot answer now (503); ``retry_after`` in seconds."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


# What opening the crowd may raise when its database (or its secret) is not usable.
OPEN_FAILURES: tuple[type[BaseException], ...] = (OSError, sa.exc.SQLAlchemyError, SecretError)


class CrowdGate:
    """The crowd, or the reason it is unavailable; opens it again when asked later."""

    def __init__(self, opener: Callable[[], Crowd], where: str = ""):
        self._open = opener
        self.where = where  # the database, for the log (never in an answer)
        self._lock = threading.Lock()
        self.crowd: Crowd | None = None
        self.problem: str | None = None
        self.on_open: Callable[[Crowd], object] = lambda _crowd: None
        self._tried = 0.0
        self.try_open()

    def try_open(self) -> Crowd | None:
        from .db import DatabaseBehind, DatabaseError

        self._tried = time.monotonic()
        failures: tuple[type[BaseException], ...] = (DatabaseError, *OPEN_FAILURES)
        try:
            self.crowd = self._open()
            self.problem = None
        except DatabaseBehind:
            raise  # a schema to upgrade is the operator's to fix before serving
        except failures as exc:
            self.problem = describe(exc)
            log.error("the crowd is unavailable (the estimator still runs): %s (%s)", self.problem, self.where)
        return self.crowd

    def get(self) -> Crowd:
        crowd = self.crowd
        if crowd is not None:
            return crowd
        with self._lock:
            if self.crowd is None and time.monotonic() - self._tried >= RETRY_OPEN_S:
                opened = self.try_open()
                if opened is not None:
                    self.on_open(opened)
        if self.crowd is None:
            raise Unavailable(f"the crowd is unavailable: {self.problem}", int(RETRY_OPEN_S))
        return self.crowd


def describe(exc: BaseException) -> str:
    """One line on why the crowd's database failed (no traceback)."""
    orig = getattr(exc, "orig", None)
    if isinstance(exc, sa.exc.DBAPIError) and orig is not None:
        return f"{type(orig).__name__}: {str(orig).strip().splitlines()[0] if str(orig).strip() else ''}"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def is_disk_full(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", exc)
    if getattr(orig, "sqlite_errorcode", None) == SQLITE_FULL or getattr(orig, "sqlstate", None) == PG_DISK_FULL:
        return True
    return isinstance(orig, OSError) and orig.errno == 28  # ENOSPC


def unavailable(exc: BaseException) -> Unavailable | None:
    """The 503 for a database error met while serving, or None for an error
    that is a bug (those stay 500s and are logged)."""
    if is_disk_full(exc):
        log.error("the crowd's storage is full: %s", describe(exc))
        return Unavailable("the crowd's storage is full: nothing was stored; try again later", 60)
    if isinstance(exc, sa.exc.TimeoutError):
        return Unavailable(
            "the crowd is busy: every connection to its database is in use; try again in a few seconds", 2
        )
    if isinstance(exc, sa.exc.OperationalError | sa.exc.InterfaceError):
        log.error("the crowd's database failed: %s", describe(exc))
        return Unavailable(f"the crowd's database is not answering ({describe(exc)}); try again later", 10)
    return None


def send_timeout(env: dict[str, str] | None = None) -> float:
    """Seconds a stalled reader of a streamed answer is given (``SCURVE_SEND_TIMEOUT``, default 30)."""
    raw = (os.environ if env is None else env).get("SCURVE_SEND_TIMEOUT", "").strip()
    try:
        value = float(raw) if raw else 30.0
    except ValueError:
        raise ValueError(f"SCURVE_SEND_TIMEOUT must be a number of seconds, got {raw!r}") from None
    if not value > 0:
        raise ValueError(f"SCURVE_SEND_TIMEOUT must be above 0 seconds, got {raw!r}")
    return value
