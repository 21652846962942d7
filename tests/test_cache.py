"""The analysis cache: bounded by the bytes it holds, keyed by the canonical link."""

from __future__ import annotations

import threading
import time

from app.cache import ByteLRU
from app.engine import ENTRY_FACTOR, Engine
from tests.test_cost import view


def test_entries_are_dropped_oldest_first_once_their_bytes_pass_the_limit() -> None:
    cache: ByteLRU[str, bytes] = ByteLRU(1000, lambda _k, v: len(v))
    for name in "abcd":
        cache.put(name, b"x" * 240)
    assert cache.bytes == 960 and len(cache) == 4
    assert cache.get("a") is not None  # now the most recently used
    cache.put("e", b"x" * 240)
    assert cache.get("b") is None and cache.get("a") is not None
    assert cache.bytes == 960


def test_an_entry_over_a_quarter_of_the_limit_is_served_not_kept() -> None:
    cache: ByteLRU[str, bytes] = ByteLRU(1000, lambda _k, v: len(v))
    cache.put("small", b"x" * 100)
    assert cache.put("big", b"x" * 251) == b"x" * 251
    assert cache.get("big") is None and cache.get("small") is not None


def test_concurrent_misses_of_one_key_compute_it_once() -> None:
    cache: ByteLRU[str, int] = ByteLRU(1000, lambda _k, _v: 8)
    runs: list[int] = []

    def make() -> int:
        runs.append(1)
        time.sleep(0.2)
        return 42

    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(cache.compute("k", make))) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [42] * 5 and len(runs) == 1


def test_tracking_parameters_and_spellings_share_one_entry() -> None:
    engine = Engine.from_dir(None)
    links = [
        "v=1&bug_fixes=0.3,0.42,0.55",
        "v=1&bug_fixes=0.3,0.42,0.55&utm_source=news&utm_medium=x",
        "bug_fixes=0.300,0.420,0.550&v=1&fbclid=abc",
        "v=1&gclid=1&bug_fixes=0.3,0.42,0.55",
    ]
    answers = {id(engine.analyze_query(q)[1]) for q in links}
    assert len(answers) == 1
    assert len(engine._analyses) == 1


def test_the_cache_holds_no_more_than_its_bytes() -> None:
    engine = Engine.from_dir(None)
    engine._analyses.max_bytes = 4 << 20
    big = "v=1&" + view(yrs=(2017, 2026), horizon=2100, custom=10)
    total = 0
    for i in range(40):
        body = engine.analyze_query(big + f"&title=Link%20{i}")[1]
        total += int(ENTRY_FACTOR * len(body))
    assert total > 3 * (4 << 20)  # the links would fill the cache three times over
    assert engine._analyses.bytes <= 4 << 20
    assert 1 <= len(engine._analyses) < 40
