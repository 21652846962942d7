"""A least-recently-used cache bounded by the bytes it holds, not by its
number of entries, shared by the threads of one worker.

A link's analysis can take anything from 100 KB to several MB of memory, so a
cache of "the last 1,024 analyses" could grow to gigabytes on distinct large
links; this one drops the oldest entries once their sizes add up to the
limit.  ``compute`` also runs a missing entry once when several requests ask
for it together (the others wait for its result rather than redo it).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class ByteLRU(Generic[K, V]):
    def __init__(self, max_bytes: int, size_of: Callable[[K, V], int]):
        self.max_bytes = max_bytes
        self.size_of = size_of
        self._items: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._running: dict[K, Future[V]] = {}

    @property
    def bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: K) -> V | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: K, value: V) -> V:
        size = self.size_of(key, value)
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            # An entry larger than a quarter of the cache is served, not kept:
            # it would push out many others.
            if size <= self.max_bytes // 4:
                self._items[key] = (value, size)
                self._bytes += size
            while self._bytes > self.max_bytes and self._items:
                _, (_, dropped) = self._items.popitem(last=False)
                self._bytes -= dropped
        return value

    def compute(self, key: K, make: Callable[[], V]) -> V:
        """The cached value, or ``make()`` stored; concurrent misses of one key run ``make`` once."""
        hit = self.get(key)
        if hit is not None:
            return hit
        with self._lock:
            running = self._running.get(key)
            owner = running is None
            if running is None:
                running = self._running[key] = Future()
        if not owner:
            return running.result()
        try:
            value = self.put(key, make())
        except BaseException as exc:
            running.set_exception(exc)
            raise
        else:
            running.set_result(value)
            return value
        finally:
            with self._lock:
                self._running.pop(key, None)
