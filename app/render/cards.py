"""The estimator's cards, grouped as the page shows them (built-in, then the
state's own categories of docs/DESIGN.md §4.6).

Groups come in the order their first category comes: the catalog's groups,
then any new group a custom category names. Within a group, the catalog's
categories in file order, then custom ones in id order. js/custom.js places a
card the same way, so a card added in the browser sits where the server puts
it when the link is opened afresh.
"""

from __future__ import annotations

from dataclasses import dataclass

from scurve.analysis import Analysis
from scurve.catalog import Catalog


@dataclass(frozen=True)
class Card:
    id: str
    name: str
    group: str
    question: str
    weight: float
    custom: bool


@dataclass(frozen=True)
class CardGroup:
    name: str
    cards: tuple[Card, ...]


def page_groups(analysis: Analysis, catalog: Catalog) -> tuple[CardGroup, ...]:
    """The cards of an analysis, grouped in page order.

    >>> from scurve.analysis import analyze
    >>> from scurve.catalog import load_catalog
    >>> from scurve.permalink import parse_query
    >>> cat = load_catalog()
    >>> s = parse_query("u1.name=Hardware&u1=0.1,0.2,0.3&u2.name=Taste&u2.group=Research", cat).state
    >>> [(g.name, [c.id for c in g.cards]) for g in page_groups(analyze(s, cat), cat)][-2:]
    [('Your categories', ['u1']), ('Research', ['u2'])]
    """
    questions = {c.id: c.question for c in catalog.categories}
    custom = analysis.state.custom
    order: list[str] = []
    members: dict[str, list[Card]] = {}
    for c in analysis.categories:
        is_custom = c.id in custom
        card = Card(
            id=c.id,
            name=c.name,
            group=c.group,
            question=custom[c.id].question if is_custom else questions.get(c.id, ""),
            weight=c.weight,
            custom=is_custom,
        )
        if c.group not in members:
            order.append(c.group)
            members[c.group] = []
        members[c.group].append(card)
    return tuple(CardGroup(g, tuple(members[g])) for g in order)


_WORDS = tuple(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ]
)


def panel_title(count: int) -> str:
    """The aggregate panel's heading for ``count`` categories (js/custom.js
    writes the same words).

    >>> panel_title(10), panel_title(12), panel_title(21)
    ('Across all ten', 'Across all twelve', 'Across all 21')
    """
    word = _WORDS[count - 1] if 1 <= count <= len(_WORDS) else str(count)
    return f"Across all {word}"
