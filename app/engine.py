"""The app's one handle on the model: the loaded data and cached analyses.

The server keeps no per-user state (it is all in the link); what it keeps is
the catalog, the claims and an LRU cache of analyses keyed by the request, so
a shared permalink opened many times is analysed once.
"""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

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
from scurve.csvio import read_csv, write_csv
from scurve.curve import Curve, sample
from scurve.kinds import round3
from scurve.permalink import ParsedLink, permalink
from scurve.serialize import analysis_to_dict
from scurve.state import State
from scurve.statejson import state_to_json
from scurve.summary import summary


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
    cache_size: int = 1024
    _cached_query: Any = field(init=False, repr=False)
    _cached_preview: Any = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._cached_query = lru_cache(maxsize=self.cache_size)(self._analyze_query_uncached)
        self._cached_preview = lru_cache(maxsize=256)(self._preview_uncached)

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
        return analyze(state, self.catalog, warnings)

    def _analyze_query_uncached(self, query: str) -> tuple[Analysis, bytes]:
        link = self.parse(query)
        state = link.raise_for_problems()
        a = self.analysis(state, link.warnings)
        return a, dumps(analysis_to_dict(a, self.catalog))

    def analyze_query(self, query: str) -> tuple[Analysis, bytes]:
        """Analysis of a permalink query and its JSON; raises StateError."""
        result: tuple[Analysis, bytes] = self._cached_query(query)
        return result

    def analyze_json(self, data: Any, *, preview: bool = False) -> bytes:
        """Analysis of a JSON state. ``preview``: leave out the Monte Carlo
        draws (``uncertainty`` is null), for the page's live answers during
        a gesture; everything else is the full analysis of the state."""
        state = state_from_json(data, self.catalog)
        query = self.query_of(state)
        if preview and (state.has_ranges or (state.compare is not None and state.compare.has_ranges)):
            result: bytes = self._cached_preview(query)
            return result
        return self.analyze_query(query)[1]

    def _preview_uncached(self, query: str) -> bytes:
        state = self.parse(query).raise_for_problems()
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
