"""Errors raised by the model.

Every error is a ``ValueError`` whose message names the field, the value and
the rule it broke.  The web layer turns them into 4xx JSON; the CLI prints
them.  Nothing in this package knows about HTTP.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One broken rule: where (``loc``), what is wrong (``msg``), and the value seen.

    ``fallback`` is what the page shows instead (say, "Bug fixes is shown at
    its defaults"); it is part of ``msg``, and :meth:`without_fallback` drops
    it where nothing is shown instead (the command line refuses).
    """

    loc: Loc
    msg: str
    value: Any = None
    fallback: str = ""

    def without_fallback(self) -> str:
        return self.msg.replace(f"; {self.fallback}", "", 1) if self.fallback else self.msg

    def as_dict(self) -> dict[str, Any]:
        return {"loc": list(self.loc), "msg": self.msg, "value": self.value}


class ScurveError(ValueError):
    """Base of every input error; carries one or more :class:`Problem`."""

    def __init__(self, problems: Sequence[Problem] | Problem, summary: str | None = None):
        self.problems: tuple[Problem, ...] = (problems,) if isinstance(problems, Problem) else tuple(problems)
        if not self.problems:
            raise TypeError("an error needs at least one problem")
        self.summary = summary
        super().__init__(self.message)

    @property
    def message(self) -> str:
        if self.summary:
            return self.summary
        if len(self.problems) == 1:
            return self.problems[0].msg
        return f"{len(self.problems)} problems: " + "; ".join(p.msg for p in self.problems)


class StateError(ScurveError):
    """A state (JSON body or permalink query) breaks a rule."""


class ImportFileError(ScurveError):
    """An imported CSV or JSON file breaks a rule; every problem names its line and column."""


class CatalogError(ScurveError):
    """A data file (categories or claims YAML) is invalid; raised at start-up."""


class TooLargeError(ScurveError):
    """An input exceeds a size limit (bytes or rows)."""
