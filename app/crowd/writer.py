"""Group commit for SQLite: one thread per process does the crowd's writes.

SQLite takes one writer at a time and every commit is an fsync
(`synchronous=FULL`).  Writing from each request's own thread, the writers
queue on the lock while the one holding it waits for the interpreter lock
between statements (behind the busy event loop), so under load a write took
seconds.  Here the waiting writes are taken together, run in one transaction
(each in its own savepoint, so one failing does not undo the others) and
committed once; only then is each request answered.  A view is never
acknowledged before its commit.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Engine

MAX_BATCH = 64
Job = Callable[[Connection], Any]


class GroupWriter:
    def __init__(self, db: Engine, lock: contextlib.AbstractContextManager[Any]):
        self.db = db
        self.lock = lock
        self._queue: queue.SimpleQueue[tuple[Job, Future[Any]]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start = threading.Lock()

    def submit(self, job: Job) -> Any:
        """Run ``job(conn)`` in the next group's transaction; its result once committed."""
        done: Future[Any] = Future()
        self._ensure_thread()
        self._queue.put((job, done))
        return done.result()

    def _ensure_thread(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        with self._start:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="crowd-writer", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < MAX_BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            self._write(batch)

    def _write(self, batch: list[tuple[Job, Future[Any]]]) -> None:
        outcomes: list[tuple[Future[Any], Any, BaseException | None]] = []
        try:
            with self.lock, self.db.connect().execution_options(crowd_write=True) as conn, conn.begin():
                for job, done in batch:
                    try:
                        with conn.begin_nested():
                            outcomes.append((done, job(conn), None))
                    except Exception as exc:  # this job's own outcome (a rate limit, a bad row)
                        outcomes.append((done, None, exc))
        except Exception as exc:  # the transaction failed: nothing of the group is stored
            for _, done in batch:
                done.set_exception(exc)
            return
        for done, result, error in outcomes:
            if error is not None:
                done.set_exception(error)
            else:
                done.set_result(result)


class WriteLock:
    """SQLite has one writer at a time.  Writers wait their turn here: the
    threads of a process on a lock, the processes on an advisory lock on a
    file beside the database (`<file>.lock`), both woken by the kernel as
    soon as it is free, rather than in SQLite's busy handler, which retries
    with sleeps of up to 100 ms and can starve one process for seconds."""

    def __init__(self, database: str | None):
        self._thread = threading.Lock()
        self._fd: int | None = None
        if database and database != ":memory:" and not database.startswith("file:"):
            self._fd = os.open(database + ".lock", os.O_RDWR | os.O_CREAT, 0o600)

    def __enter__(self) -> None:
        self._thread.acquire()
        if self._fd is not None:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX)
            except BaseException:
                self._thread.release()
                raise

    def __exit__(self, *exc: object) -> None:
        try:
            if self._fd is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._thread.release()
