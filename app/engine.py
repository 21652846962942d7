"""The app's one handle on the model: the loaded data and cached analyses.

The server keeps no per-user state (it is all in the link); what it keeps is
the catalog, the claims and a cache of analyses keyed by the canonical form
of the state (so two spellings of one link, or one link with different
tracking parameters, share an entry), bounded by the memory its entries
take, so a shared permalink opened many times is analysed once.

Every analysis is checked against the cost budget (:mod:`scurve.cost`)
before it runs, and the routes run a missing analysis in a worker thread
(:meth:`Engine.run`), never on the event loop.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import anyio.to_thread
from anyio import CapacityLimiter

from scurve import (
    Catalog,
    Claim,
    analyze,
    filter_claims,
    load_catalog,
    load_claims,
    parse_query,
    state_from_json,
)
from scurve.analysis import Analysis
from scurve.cost import check_cost
from scurve.csvio import read_csv, write_csv
from scurve.curve import Curve, sample
from scurve.kinds import round3
from scurve.permalink import ParsedLink, permalink
from scurve.serialize import analysis_to_dict
from scurve.state import State
from scurve.statejson import state_to_json
from scurve.summary import summary

from .cache import ByteLRU

T = TypeVar("T")
#: What a worker's cache of analyses may hold; each entry is counted as
#: ENTRY_FACTOR times its JSON (the Analysis object beside it takes about
#: twice the JSON's bytes, measured with tracemalloc).
CACHE_BYTES = 64 << 20
ENTRY_FACTOR = 3.5
#: The raw links seen, each pointing at its canonical entry.
LINKS_BYTES = 4 << 20
PREVIEW_JSON_BYTES = 16 << 20
#: Analyses that run at once in one worker; more wait their turn, off the loop.
ANALYSIS_THREADS = max(2, os.cpu_count() or 2)

Key = tuple[str, tuple[str, ...]]  # (canonical query, the link's warnings)
Entry = tuple[Analysis, bytes]


def _entry_size(_key: Key, entry: Entry) -> int:
    return int(ENTRY_FACTOR * len(entry[1])) + 1024


def _link_size(query: str, key: Key) -> int:
    return 2 * (len(query) + len(key[0])) + 200


def dumps(obj: Any) -> bytes:
    """Compact JSON; NaN or infinity would be a bug, so refuse them."""
    return json.dumps(obj, separators=(",", ":"), allow_nan=False, ensure_ascii=False).encode()


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite_float(text: str) -> float:
    # 1e999 would decode to infinity, which no error message can echo as JSON.
    value = float(text)
    if not math.isfinite(value):
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise ValueError(f"the number {shown} is too large for a float")
    return value


def _reject_lone_surrogates(obj: Any) -> None:
    """A "\ud800" escape decodes to a string that cannot be written back as UTF-8."""
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ValueError(
                    f"a string holds a lone surrogate \\u{ord(item[exc.start]):04x}, not Unicode text"
                ) from None


def loads(body: bytes) -> Any:
    """Strict JSON: no NaN or Infinity literals, no number too large for a
    float, no lone surrogate escapes; raises ValueError naming the problem."""
    data = json.loads(body, parse_constant=_reject_constant, parse_float=_finite_float)
    _reject_lone_surrogates(data)
    return data


@dataclass
class Engine:
    catalog: Catalog
    claims: tuple[Claim, ...]
    cache_bytes: int = CACHE_BYTES
    _analyses: ByteLRU[Key, Entry] = field(init=False, repr=False)
    _links: ByteLRU[str, Key] = field(init=False, repr=False)
    _previews: ByteLRU[str, bytes] = field(init=False, repr=False)
    _limiter: CapacityLimiter | None = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        self._analyses = ByteLRU(self.cache_bytes, _entry_size)
        self._links = ByteLRU(LINKS_BYTES, _link_size)
        self._previews = ByteLRU(PREVIEW_JSON_BYTES, lambda _k, body: 2 * len(body) + 200)

    @classmethod
    def from_dir(cls, data_dir: Path | None) -> Engine:
        catalog = load_catalog(None if data_dir is None else data_dir / "categories.yaml")
        claims = load_claims(catalog, None if data_dir is None else data_dir / "appendix_claims.yaml")
        return cls(catalog=catalog, claims=claims)

    @property
    def categories_json(self) -> bytes:
        cached: bytes | None = getattr(self, "_categories_json", None)
        if cached is None:
            cached = dumps(self.catalog.as_dict())
            self._categories_json = cached
        return cached

    # -- links -----------------------------------------------------------------
    def parse(self, query: str) -> ParsedLink:
        return parse_query(query, self.catalog)

    def analysis(self, state: State, warnings: tuple[str, ...] = ()) -> Analysis:
        """The analysis of a state, uncached; raises TooCostlyError (422)
        before computing anything when it is over the cost budget."""
        check_cost(state)
        return analyze(state, self.catalog, warnings)

    def _entry(self, state: State, warnings: tuple[str, ...]) -> Entry:
        a = self.analysis(state, warnings)
        return a, dumps(analysis_to_dict(a, self.catalog))

    def seen(self, query: str) -> str | None:
        """The canonical query of a link analysed lately (None if not seen)."""
        key = self._links.get(query)
        return None if key is None else key[0]

    def cached(self, query: str) -> Entry | None:
        """The cached analysis of a permalink query, without parsing it; None if not cached."""
        key = self._links.get(query)
        return None if key is None else self._analyses.get(key)

    def analyze_query(self, query: str) -> Entry:
        """Analysis of a permalink query and its JSON; raises StateError.

        Cached by the canonical form of the link's state and its warnings:
        parameters that change neither (tracking parameters such as
        ``utm_source``, another order, redundant digits) share one entry."""
        hit = self.cached(query)
        if hit is not None:
            return hit
        link = self.parse(query)
        state = link.raise_for_problems()
        key = (self.query_of(state), link.warnings)
        self._links.put(query, key)
        return self._analyses.compute(key, lambda: self._entry(state, link.warnings))

    def analyze_json(self, data: Any, *, preview: bool = False) -> bytes:
        """Analysis of a JSON state. ``preview``: leave out the Monte Carlo
        draws (``uncertainty`` is null), for the page's live answers during
        a gesture; everything else is the full analysis of the state."""
        return self.analyze_state(state_from_json(data, self.catalog), preview=preview)

    def analyze_state(self, state: State, *, preview: bool = False) -> bytes:
        query = self.query_of(state)
        if preview and (state.has_ranges or (state.compare is not None and state.compare.has_ranges)):
            return self._previews.compute(query, lambda: self._preview(state))
        return self._analyses.compute((query, ()), lambda: self._entry(state, ()))[1]

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in a worker thread: the numeric work of a request
        never runs on the event loop, so /healthz and cheap pages answer
        while costly analyses run.  At most ANALYSIS_THREADS at once."""
        if self._limiter is None:
            self._limiter = CapacityLimiter(ANALYSIS_THREADS)
        return await anyio.to_thread.run_sync(functools.partial(fn, *args), limiter=self._limiter)

    async def analyze_state_async(self, state: State, *, preview: bool = False) -> bytes:
        """:meth:`analyze_state` from a route: a cached answer at once, anything else in a thread."""
        if not preview:
            hit = self._analyses.get((self.query_of(state), ()))
            if hit is not None:
                return hit[1]
        return await self.run(functools.partial(self.analyze_state, state, preview=preview))

    async def analyze_query_async(self, query: str) -> Entry:
        """:meth:`analyze_query` from a route: a cached answer at once, anything else in a thread."""
        hit = self.cached(query)
        if hit is not None:
            return hit
        return await self.run(self.analyze_query, query)

    def _preview(self, state: State) -> bytes:
        plain = dataclasses.replace(state, ranges={})
        if state.compare is not None:
            plain = plain.with_compare(dataclasses.replace(state.compare, ranges={}))
        a = self.analysis(plain)
        # The stated positions' numbers do not depend on the ranges (SPEC 8):
        # only the state and its link are put back.
        compare = a.compare
        if compare is not None and state.compare is not None:
            compare = dataclasses.replace(
                compare, state=state.compare, permalink=permalink(state.compare, self.catalog)
            )
        a = dataclasses.replace(a, state=state, permalink=permalink(state, self.catalog), compare=compare)
        return dumps(analysis_to_dict(a, self.catalog))

    def query_of(self, state: State) -> str:
        return permalink(state, self.catalog)[2:]

    def csv_of_query(self, query: str) -> str:
        return write_csv(self.analyze_query(query)[0])

    def import_csv(self, data: bytes) -> dict[str, Any]:
        result = read_csv(data, self.catalog)
        return {
            "state": state_to_json(result.state, self.catalog),
            "permalink": permalink(result.state, self.catalog),
            "warnings": list(result.warnings),
            "defaulted": list(result.defaulted),
        }

    def curve_samples(self, midpoint: float, steepness: float, ceiling: float) -> bytes:
        return _curve_samples(round3(midpoint), round3(steepness), round3(ceiling))

    def claims_json(self, category: str | None) -> list[dict[str, Any]]:
        return [c.as_dict() for c in filter_claims(self.claims, self.catalog, category)]

    def summary(self, a: Analysis) -> str:
        return summary(a)


@lru_cache(maxsize=256)
def _curve_samples(midpoint: float, steepness: float, ceiling: float) -> bytes:
    return dumps(sample(Curve(midpoint, steepness, ceiling)).as_dict())
