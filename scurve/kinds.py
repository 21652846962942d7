"""The kinds of value a state's settings hold, each with its rule stated once.

A kind reads a value from its link text and from JSON, writes it back, and
states its rule three ways: as the message of a broken rule, as the JSON
Schema and link pattern of the API document, and as the limits the page's
controls use.  The codecs (:mod:`scurve.permalink`, :mod:`scurve.statejson`,
:mod:`scurve.csvio`) and the field table (:mod:`scurve.fields`) build on them.

Numbers in a link are plain decimals (``0.3``, ``.3``, ``1``: no sign, no
exponent, ASCII spaces around them allowed) and are rounded half-even to 3
decimals on their decimal text, in every form.
"""

from __future__ import annotations

import itertools
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from .catalog import MAX_YEARS, YEAR_RANGE, is_number

_MILLI = Decimal("0.001")
# ASCII digits only: `\d` would also take Arabic-Indic and other digits.
_LINK_NUMBER = re.compile(r"[0-9]+(\.[0-9]*)?|\.[0-9]+")
_YEAR = re.compile(r"[0-9]{4}")
# A number in a CSV cell, as a spreadsheet writes it: a sign and an exponent allowed.
_CELL_NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?$")
_S = " *"  # hand-edited links may carry spaces around a value
YEAR_TEXT = "(20[0-9]{2}|2100)"


def round3(value: float | str | Decimal) -> float:
    """Round half-even to 3 decimals, on the decimal text of the value.

    The page's ``format.js`` ``round3`` follows the same rule; both are held
    to the cases in ``tests/rounding_cases.json``.

    >>> round3(0.0005), round3(0.0015), round3("0.12349")
    (0.0, 0.002, 0.123)
    """
    if isinstance(value, float):
        # Fast path for a float that already is the nearest double to a
        # 3-decimal number (every value a state holds): rounding keeps it.
        # Distinct 3-decimal numbers are far more than an ulp apart here,
        # so the test cannot mistake another number for this one.
        fast = f"{value:.3f}"
        if float(fast) == value:
            return value
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    return float(d.quantize(_MILLI, rounding=ROUND_HALF_EVEN))


def fmt_number(value: float) -> str:
    """Shortest text of a number rounded to 3 decimals: ``0.3``, ``10``, ``0.055``.

    >>> fmt_number(0.30), fmt_number(10.0), fmt_number(0.0)
    ('0.3', '10', '0')
    """
    text = f"{round3(value):.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def link_decimal(text: str) -> Decimal | None:
    """A number in a link: a plain decimal, ASCII spaces around it allowed."""
    text = text.strip(" ")
    return Decimal(text) if _LINK_NUMBER.fullmatch(text) else None


def link_year(text: str) -> int | None:
    """A year in a link: four ASCII digits, ASCII spaces around them allowed."""
    text = text.strip(" ")
    return int(text) if _YEAR.fullmatch(text) else None


def cell_decimal(text: str) -> Decimal | None:
    """A number in a CSV cell: a sign and an exponent allowed (spreadsheets write them)."""
    text = text.strip()
    return Decimal(text) if _CELL_NUMBER.match(text) else None


def _list_cell(text: str) -> str:
    """A list in a CSV cell, separated by spaces (as written) or commas, as a link writes it."""
    return ",".join(re.split(r"[\s,;]+", text.strip()))


class Invalid(ValueError):
    """A value breaks its kind's rule. ``shown`` is what the message says
    was got (default: the value's repr); ``value`` what the problem records."""

    def __init__(self, rule: str, shown: str | None = None, value: object = ...):
        super().__init__(rule)
        self.rule = rule
        self.shown = shown
        self.value = value


class Kind(ABC):
    """One kind of setting value: its rule, its forms and its documentation."""

    @property
    @abstractmethod
    def rule(self) -> str:
        """The rule as a message says it: "must be a number in [0, 3]"."""

    @abstractmethod
    def read_link(self, text: str) -> Any:
        """The value of a link's text; raises :class:`Invalid`."""

    @abstractmethod
    def read_json(self, value: object) -> Any:
        """The value of a decoded JSON value; raises :class:`Invalid`."""

    @abstractmethod
    def write(self, value: Any) -> str:
        """The link (and CSV) text of a value."""

    def to_json(self, value: Any) -> Any:
        return value

    def read_cell(self, text: str) -> Any:
        """The value of a CSV cell (the link's text, unless the kind says otherwise)."""
        return self.read_link(text)

    def write_cell(self, value: Any) -> str:
        """The CSV cell of a value."""
        return self.write(value)

    @abstractmethod
    def schema(self) -> dict[str, Any]:
        """JSON Schema of the JSON value."""

    @abstractmethod
    def param_schema(self) -> dict[str, Any]:
        """JSON Schema of the link's text (an OpenAPI query parameter)."""

    @abstractmethod
    def limits(self) -> dict[str, Any]:
        """What the page's control may offer."""


def _int_digits(lo: int, hi: int) -> str:
    if not 0 <= lo <= hi <= 9:
        raise ValueError(f"no pattern for whole parts {lo}..{hi}")
    return str(lo) if lo == hi else f"[{lo}-{hi}]"


def _grid_fractions(step: Decimal) -> str:
    """The fraction digits of the multiples of ``step`` below 1: ``(0*|250*|50*|750*)``."""
    parts = ["0*"]
    k = 1
    while k * step < 1:
        digits = str(k * step).split(".")[1].rstrip("0")
        parts.append(digits + "0*")
        k += 1
    return "(" + "|".join(parts) + ")"


def number_pattern(lo: float, hi: float, step: float | None = None) -> str:
    """A plain decimal in [lo, hi] (whole-number bounds, hi at most 10), on
    a grid of ``step`` when given, as a regular expression.

    >>> import re
    >>> p = number_pattern(0, 3)
    >>> [bool(re.fullmatch(p, t)) for t in ("0", "2.99", ".5", "3.0", "3.01", "-1")]
    [True, True, True, True, False, False]
    >>> p = number_pattern(0, 3, 0.25)
    >>> [bool(re.fullmatch(p, t)) for t in ("0.25", "1.5", "3", "0.3", "2.750")]
    [True, True, True, False, True]
    """
    if lo != int(lo) or hi != int(hi) or not 0 <= lo < hi <= 10:
        raise ValueError(f"no generated pattern for [{lo}, {hi}]; give one")
    frac = r"[0-9]*" if step is None else _grid_fractions(Decimal(str(step)))
    lead = r"[0-9]+" if step is None else frac.replace("0*|", "0+|", 1)
    alts = [f"0*{_int_digits(int(lo), min(int(hi) - 1, 9))}(\\.{frac})?"]
    if lo == 0:
        alts.append(f"\\.{lead}")
    alts.append(f"0*{int(hi)}(\\.0*)?")
    return "(" + "|".join(alts) + ")"


@dataclass(frozen=True)
class Number(Kind):
    """A number in [lo, hi], rounded to 3 decimals.  ``step`` is the step of
    the page's control; with ``on_grid`` it is also a rule (a multiple of it)."""

    lo: float
    hi: float
    step: float
    on_grid: bool = False
    pattern: str | None = None  # the link rule as a regex; generated for whole-number bounds

    @property
    def rule(self) -> str:
        grid = f" in steps of {self.step:g}" if self.on_grid else ""
        return f"must be a number in [{self.lo:g}, {self.hi:g}]{grid}"

    def _check(self, d: Decimal) -> float:
        # Compare the exact decimals: as floats, 0.04999999999999999999 would pass as 0.05.
        if not Decimal(str(self.lo)) <= d <= Decimal(str(self.hi)):
            raise Invalid(self.rule)
        if self.on_grid and d % Decimal(str(self.step)) != 0:
            raise Invalid(self.rule)
        return round3(d)

    def read_link(self, text: str) -> float:
        d = link_decimal(text)
        if d is None:
            raise Invalid(self.rule)
        return self._check(d)

    def read_cell(self, text: str) -> float:
        d = cell_decimal(text)
        if d is None:
            raise Invalid(self.rule)
        return self._check(d)

    def read_json(self, value: object) -> float:
        if not is_number(value):
            raise Invalid(self.rule)
        assert isinstance(value, int | float)
        if not self.lo <= value <= self.hi:
            raise Invalid(self.rule)
        if self.on_grid and Decimal(str(value)) % Decimal(str(self.step)) != 0:
            raise Invalid(self.rule)
        return round3(value)

    def write(self, value: float) -> str:
        return fmt_number(value)

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "number", "minimum": self.lo, "maximum": self.hi}
        if self.on_grid:
            out["multipleOf"] = self.step
        return out

    def value_pattern(self) -> str:
        return self.pattern or number_pattern(self.lo, self.hi, self.step if self.on_grid else None)

    def param_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": f"^{_S}{self.value_pattern()}{_S}$"}

    def limits(self) -> dict[str, Any]:
        return {"min": self.lo, "max": self.hi, "step": self.step}


@dataclass(frozen=True)
class Year(Kind):
    """A whole year in 2000..2100."""

    @property
    def rule(self) -> str:
        return f"must be a whole year in {YEAR_RANGE[0]}..{YEAR_RANGE[1]}"

    def read_link(self, text: str) -> int:
        y = link_year(text)
        if y is None or not YEAR_RANGE[0] <= y <= YEAR_RANGE[1]:
            raise Invalid(self.rule)
        return y

    def read_json(self, value: object) -> int:
        # JSON has one number type: 2030.0 is the year 2030.
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool) or not YEAR_RANGE[0] <= value <= YEAR_RANGE[1]:
            raise Invalid(self.rule)
        return value

    def write(self, value: int) -> str:
        return str(value)

    def schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": YEAR_RANGE[0], "maximum": YEAR_RANGE[1]}

    def param_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": f"^{_S}{YEAR_TEXT}{_S}$"}

    def limits(self) -> dict[str, Any]:
        return {"min": YEAR_RANGE[0], "max": YEAR_RANGE[1]}


@dataclass(frozen=True)
class Years(Kind):
    """1 to 10 distinct ascending years in 2000..2100."""

    @property
    def rule(self) -> str:
        return f"must be 1 to {MAX_YEARS} distinct ascending years in {YEAR_RANGE[0]}..{YEAR_RANGE[1]}"

    def _check(self, years: list[int]) -> tuple[int, ...]:
        if (
            not 1 <= len(years) <= MAX_YEARS
            or any(not YEAR_RANGE[0] <= y <= YEAR_RANGE[1] for y in years)
            or any(a >= b for a, b in itertools.pairwise(years))
        ):
            raise Invalid(self.rule)
        return tuple(years)

    def read_link(self, text: str) -> tuple[int, ...]:
        parts = text.split(",")
        years = [y for y in map(link_year, parts) if y is not None]
        if len(years) != len(parts):
            raise Invalid(self.rule)
        return self._check(years)

    def read_json(self, value: object) -> tuple[int, ...]:
        if not isinstance(value, list) or not value:
            raise Invalid(self.rule.replace("must be", "must be a list of"))
        # JSON has one number type: 2024.0 is the year 2024.
        years = [int(y) if isinstance(y, float) and y.is_integer() else y for y in value]
        if not all(isinstance(y, int) and not isinstance(y, bool) for y in years):
            raise Invalid(self.rule, ",".join(map(str, value)))
        try:
            return self._check(years)
        except Invalid:
            raise Invalid(self.rule, ",".join(map(str, years))) from None

    def write(self, value: tuple[int, ...]) -> str:
        return ",".join(map(str, value))

    def read_cell(self, text: str) -> tuple[int, ...]:
        return self.read_link(_list_cell(text))

    def write_cell(self, value: tuple[int, ...]) -> str:
        return " ".join(map(str, value))

    def to_json(self, value: tuple[int, ...]) -> list[int]:
        return list(value)

    def schema(self) -> dict[str, Any]:
        return {
            "type": "array",
            "items": Year().schema(),
            "minItems": 1,
            "maxItems": MAX_YEARS,
            "uniqueItems": True,
        }

    def param_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": f"^{_S}{YEAR_TEXT}{_S}(,{_S}{YEAR_TEXT}{_S}){{0,{MAX_YEARS - 1}}}$"}

    def limits(self) -> dict[str, Any]:
        return {"min": YEAR_RANGE[0], "max": YEAR_RANGE[1], "max_count": MAX_YEARS}


def clean_text(text: str) -> str:
    """Collapse white space and drop control characters."""
    return " ".join("".join(ch for ch in text if ch.isprintable() or ch.isspace()).split())


@dataclass(frozen=True)
class Text(Kind):
    """A text of at most ``max_length`` characters, white space collapsed
    and control characters dropped."""

    max_length: int

    @property
    def rule(self) -> str:
        return f"must be at most {self.max_length} characters"

    def read_link(self, text: str) -> str:
        if len(text) > self.max_length:
            raise Invalid(f"{self.rule} (has {len(text)})")
        return clean_text(text)

    def read_json(self, value: object) -> str:
        if not isinstance(value, str):
            raise Invalid("must be a string")
        if len(value) > self.max_length:
            raise Invalid(self.rule, str(len(value)), value[:100])
        return clean_text(value)

    def write(self, value: str) -> str:
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "maxLength": self.max_length}

    def param_schema(self) -> dict[str, Any]:
        return {"type": "string", "maxLength": self.max_length}

    def limits(self) -> dict[str, Any]:
        return {"max_length": self.max_length}


@dataclass(frozen=True)
class Shares(Kind):
    """1 to ``max_count`` shares, each in (0, 1) with at most 2 decimals, strictly increasing."""

    max_count: int = 3

    @property
    def rule(self) -> str:
        return (
            f"must be 1 to {self.max_count} shares in increasing order, "
            "each a number between 0 and 1 (not 0 or 1) with at most 2 decimals"
        )

    def _check(self, shares: list[Decimal]) -> tuple[float, ...]:
        if (
            not 1 <= len(shares) <= self.max_count
            or any(not 0 < d < 1 or d != d.quantize(Decimal("0.01")) for d in shares)
            or any(a >= b for a, b in itertools.pairwise(shares))
        ):
            raise Invalid(self.rule)
        return tuple(float(d) for d in shares)

    def read_link(self, text: str) -> tuple[float, ...]:
        parts = [link_decimal(p) for p in text.split(",")]
        if any(d is None for d in parts):
            raise Invalid(self.rule)
        return self._check([d for d in parts if d is not None])

    def read_json(self, value: object) -> tuple[float, ...]:
        if not isinstance(value, list) or not all(is_number(v) for v in value):
            raise Invalid(self.rule)
        return self._check([Decimal(str(v)) for v in value])

    def write(self, value: tuple[float, ...]) -> str:
        return ",".join(fmt_number(v) for v in value)

    def read_cell(self, text: str) -> tuple[float, ...]:
        return self.read_link(_list_cell(text))

    def write_cell(self, value: tuple[float, ...]) -> str:
        return " ".join(fmt_number(v) for v in value)

    def to_json(self, value: tuple[float, ...]) -> list[float]:
        return list(value)

    def schema(self) -> dict[str, Any]:
        item = {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1}
        return {"type": "array", "items": item, "minItems": 1, "maxItems": self.max_count}

    def param_schema(self) -> dict[str, Any]:
        share = f"{_S}0*\\.(0[1-9]|[1-9][0-9]?)0*{_S}"
        return {"type": "string", "pattern": f"^{share}(,{share}){{0,{self.max_count - 1}}}$"}

    def limits(self) -> dict[str, Any]:
        return {"min": 0, "max": 1, "step": 0.01, "max_count": self.max_count}
