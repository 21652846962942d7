"""Load and validate ``data/appendix_claims.yaml``: the essay's dated
statements by AI labs about models helping to build their successors.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalog import DEFAULT_DATA_DIR, Catalog, _read_yaml
from .errors import CatalogError, Problem, StateError

STANCES = ("for", "against", "mixed")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Python 3.11's date.fromisoformat also takes "20260319" and "2026-W12-4";
# the file promises the one readable form.
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Claim:
    id: str
    date: dt.date
    organization: str
    subject: str
    quote: str
    source: str | None
    stance: str
    categories: tuple[str, ...]
    note: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "organization": self.organization,
            "subject": self.subject,
            "quote": self.quote,
            "source": self.source,
            "stance": self.stance,
            "categories": list(self.categories),
            "note": self.note,
        }


def load_claims(catalog: Catalog, path: Path | str | None = None) -> tuple[Claim, ...]:
    """Read and validate the claims file; newest first, ties by id.

    Raises
    ------
    CatalogError
        Naming the file, the entry and the field of every problem.
    """
    path = Path(path) if path is not None else DEFAULT_DATA_DIR / "appendix_claims.yaml"
    name = str(path)
    raw = _read_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("claims"), list):
        raise CatalogError(Problem(("claims",), f"{name}: must be a mapping with a `claims` list"))
    problems: list[Problem] = []
    claims: list[Claim] = []
    seen: set[str] = set()
    for i, entry in enumerate(raw["claims"]):
        loc: tuple[str | int, ...] = ("claims", i)
        cid = entry.get("id") if isinstance(entry, dict) else None
        label = f"claims[{i}]" + (f" (id {cid!r})" if isinstance(cid, str) else "")
        before = len(problems)

        def bad(field: str, rule: str, value: object, label: str = label, loc: tuple[str | int, ...] = loc) -> None:
            problems.append(Problem((*loc, field), f"{name}: {label}: `{field}` {rule}, got {value!r}", value))

        if not isinstance(entry, dict):
            bad("entry", "must be a mapping", entry)
            continue
        for field in ("id", "date", "organization", "subject", "quote", "source", "stance", "categories", "note"):
            if field not in entry:
                problems.append(Problem((*loc, field), f"{name}: {label}: missing required field `{field}`"))
        for field in ("organization", "subject", "quote", "note"):
            if field in entry and (not isinstance(entry[field], str) or not entry[field].strip()):
                bad(field, "must be a non-empty string", entry[field])
        if "id" in entry:
            if not isinstance(cid, str) or not _ID.match(cid):
                bad("id", "must be a lowercase slug (letters, digits, hyphens)", cid)
            elif cid in seen:
                bad("id", "is duplicated", cid)
            else:
                seen.add(cid)
        date = entry.get("date")
        parsed: dt.date | None = None
        if isinstance(date, dt.date) and not isinstance(date, dt.datetime):
            parsed = date
        elif isinstance(date, str) and _DATE.match(date):
            try:
                parsed = dt.date.fromisoformat(date)
            except ValueError:
                parsed = None
        if parsed is None and "date" in entry:
            bad("date", "must be an ISO date (YYYY-MM-DD)", date)
        source = entry.get("source")
        if source is not None and (not isinstance(source, str) or not source.strip()):
            bad("source", "must be a non-empty string or null", source)
        stance = entry.get("stance")
        if "stance" in entry and stance not in STANCES:
            bad("stance", f"must be one of {', '.join(STANCES)}", stance)
        cats = entry.get("categories")
        if "categories" in entry:
            if not isinstance(cats, list) or not cats:
                bad("categories", "must be a non-empty list of category ids", cats)
            else:
                for j, c in enumerate(cats):
                    if c not in catalog.ids:
                        bad("categories", f"has an unknown category id; known: {', '.join(catalog.ids)}", c)
                    elif c in cats[:j]:
                        bad("categories", "lists a category id twice", c)
        if len(problems) == before and parsed is not None:
            claims.append(
                Claim(
                    id=str(cid),
                    date=parsed,
                    organization=entry["organization"].strip(),
                    subject=entry["subject"].strip(),
                    quote=entry["quote"].strip(),
                    source=source.strip() if isinstance(source, str) else None,
                    stance=str(stance),
                    categories=tuple(str(c) for c in cats) if isinstance(cats, list) else (),
                    note=" ".join(entry["note"].split()),
                )
            )
    if problems:
        raise CatalogError(problems, summary=f"{name} is invalid: " + "; ".join(p.msg for p in problems))
    claims.sort(key=lambda c: c.id)
    claims.sort(key=lambda c: c.date, reverse=True)
    return tuple(claims)


def filter_claims(claims: tuple[Claim, ...], catalog: Catalog, category: str | None) -> tuple[Claim, ...]:
    """Claims bearing on ``category`` (all when ``None``).

    Raises
    ------
    StateError
        For an unknown category id.
    """
    if category is None:
        return claims
    if category not in catalog.ids:
        raise StateError(
            Problem(
                ("query", "category"),
                f"`category` must be a category id ({', '.join(catalog.ids)}), got {category!r}",
                category,
            )
        )
    return tuple(c for c in claims if category in c.categories)
