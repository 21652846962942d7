"""Plain-dict forms of results: the public JSON of ``/api/analyze``.

The result dataclasses are the one description of the output: every field
becomes a JSON key of the same name, tuples become lists and mappings
objects.  Only the analysis itself adds what is not a field of it: the
state in its JSON form and the headline ``summary``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from .analysis import Analysis
from .catalog import Catalog
from .statejson import state_to_json
from .summary import summary

_FIELDS: dict[type, tuple[str, ...]] = {}
_PRIMITIVE = (float, int, str, bool, type(None))


def field_names(cls: type) -> tuple[str, ...]:
    """The JSON keys of a result dataclass: its fields, in order."""
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def plain(value: Any) -> Any:
    """A result as JSON-ready Python values (dataclasses to dicts by field name).

    >>> from scurve.curve import Curve
    >>> plain({"c": Curve(), "xs": (1.0, None)})
    {'c': {'midpoint': 0.5, 'steepness': 10.0, 'ceiling': 1.0}, 'xs': [1.0, None]}
    """
    if isinstance(value, _PRIMITIVE):
        return value
    if isinstance(value, tuple | list):
        # Result tuples are homogeneous: a series of numbers is copied as it is.
        if not value or isinstance(value[0], _PRIMITIVE):
            return list(value)
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: plain(getattr(value, name)) for name in field_names(type(value))}
    raise TypeError(f"no JSON form for {type(value).__name__}")


def analysis_to_dict(a: Analysis, catalog: Catalog) -> dict[str, Any]:
    """The ``/api/analyze`` body of an analysis."""
    out: dict[str, Any] = {}
    for name in field_names(Analysis):
        value = getattr(a, name)
        if name == "state":
            out[name] = state_to_json(value, catalog)
        elif name == "compare":
            out[name] = None if value is None else analysis_to_dict(value, catalog)
        else:
            out[name] = plain(value)
    # The page's headline sentence, so it can update live without the
    # browser composing results from numbers.
    out["summary"] = summary(a)
    return out
