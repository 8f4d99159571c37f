"""Periods as French documents print them: years, quarters, months, school years, dates."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic_core import CoreSchema, core_schema

from monoreg.model.names import fold

MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
_MONTH_BY_FOLDED = {fold(name): i + 1 for i, name in enumerate(MONTHS_FR)}
_MONTH_BY_FOLDED.update({"fevrier": 2, "aout": 8, "decembre": 12, "janv": 1, "fevr": 2,
                         "sept": 9, "oct": 10, "nov": 11, "dec": 12})
_MONTH_RE = "|".join(sorted(_MONTH_BY_FOLDED, key=len, reverse=True))


class PeriodKind(StrEnum):
    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"
    SCHOOL_YEAR = "school_year"
    DATE = "date"


# How many of a period's own units make one year.
STEPS_PER_YEAR = {PeriodKind.YEAR: 1, PeriodKind.SCHOOL_YEAR: 1, PeriodKind.QUARTER: 4,
                  PeriodKind.MONTH: 12, PeriodKind.DATE: 1}


def months_between(earlier: Period, later: Period) -> int:
    """Whole months from the end of `earlier` to the end of `later`."""
    return (later.end.year - earlier.end.year) * 12 + later.end.month - earlier.end.month


class PeriodParseError(ValueError):
    """The text is not a period monoreg recognises."""


def _ordinal(n: int, feminine: bool = False) -> str:
    if n == 1:
        return "1re" if feminine else "1er"
    return f"{n}e"


@dataclass(frozen=True)
class Period:
    """A period; `year` is the start year of a school year ('2018/2019' -> 2018)."""

    kind: PeriodKind
    year: int
    number: int = 0  # quarter 1-4 or month 1-12
    day: int = 0

    def __post_init__(self) -> None:
        if not 1800 <= self.year <= 2200:
            raise PeriodParseError(f"année {self.year} hors des limites (1800 à 2200)")
        if self.kind is PeriodKind.QUARTER and not 1 <= self.number <= 4:
            raise PeriodParseError(f"trimestre {self.number} inexistant")
        if self.kind in (PeriodKind.MONTH, PeriodKind.DATE) and not 1 <= self.number <= 12:
            raise PeriodParseError(f"mois {self.number} inexistant")
        if self.kind is PeriodKind.DATE:
            last = calendar.monthrange(self.year, self.number)[1]
            if not 1 <= self.day <= last:
                raise PeriodParseError(f"jour {self.day} inexistant dans ce mois")

    # -- constructors -------------------------------------------------------------------
    @classmethod
    def parse(cls, text: str) -> Period:
        return parse_period(text)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> CoreSchema:
        """In data (the store, the exports), a period is its code: '2019', '2018-T4'."""
        return core_schema.no_info_plain_validator_function(
            lambda value: value if isinstance(value, Period) else parse_period(value),
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda period: period.code))

    # -- calendar ----------------------------------------------------------------------
    @property
    def start(self) -> date:
        match self.kind:
            case PeriodKind.YEAR:
                return date(self.year, 1, 1)
            case PeriodKind.QUARTER:
                return date(self.year, 3 * self.number - 2, 1)
            case PeriodKind.MONTH:
                return date(self.year, self.number, 1)
            case PeriodKind.SCHOOL_YEAR:
                return date(self.year, 9, 1)
            case PeriodKind.DATE:
                return date(self.year, self.number, self.day)
        raise AssertionError(self.kind)

    @property
    def end(self) -> date:
        match self.kind:
            case PeriodKind.YEAR:
                return date(self.year, 12, 31)
            case PeriodKind.QUARTER:
                month = 3 * self.number
                return date(self.year, month, calendar.monthrange(self.year, month)[1])
            case PeriodKind.MONTH:
                return date(self.year, self.number,
                            calendar.monthrange(self.year, self.number)[1])
            case PeriodKind.SCHOOL_YEAR:
                return date(self.year + 1, 8, 31)
            case PeriodKind.DATE:
                return self.start
        raise AssertionError(self.kind)

    def sort_key(self) -> tuple[date, date]:
        return (self.end, self.start)

    def __lt__(self, other: Period) -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: Period) -> bool:
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: Period) -> bool:
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: Period) -> bool:
        return self.sort_key() >= other.sort_key()

    def shifted(self, steps: int) -> Period:
        """The period `steps` units later (earlier when negative), in this period's own unit."""
        match self.kind:
            case PeriodKind.YEAR | PeriodKind.SCHOOL_YEAR:
                return Period(self.kind, self.year + steps)
            case PeriodKind.QUARTER:
                index = self.year * 4 + self.number - 1 + steps
                return Period(self.kind, index // 4, index % 4 + 1)
            case PeriodKind.MONTH:
                index = self.year * 12 + self.number - 1 + steps
                return Period(self.kind, index // 12, index % 12 + 1)
            case PeriodKind.DATE:
                day = min(self.day, calendar.monthrange(self.year + steps, self.number)[1])
                return Period(self.kind, self.year + steps, self.number, day)
        raise AssertionError(self.kind)

    def year_earlier(self) -> Period:
        """The same period one year earlier: what a monograph prints as N-1 for N
        ('2e trimestre 2018' for '2e trimestre 2019', 'juillet 2018' for 'juillet 2019')."""
        return self.shifted(-STEPS_PER_YEAR[self.kind])

    def previous(self) -> Period:
        """The period just before (a date steps back one year, as yearly counts do)."""
        return self.shifted(-1)

    def steps_to(self, later: Period) -> int | None:
        """How many of this period's units separate it from `later`; None across kinds."""
        if self.kind is not later.kind:
            return None
        match self.kind:
            case PeriodKind.YEAR | PeriodKind.SCHOOL_YEAR:
                return later.year - self.year
            case PeriodKind.QUARTER:
                return (later.year * 4 + later.number) - (self.year * 4 + self.number)
            case PeriodKind.MONTH:
                return (later.year * 12 + later.number) - (self.year * 12 + self.number)
            case PeriodKind.DATE:
                if (later.number, later.day) != (self.number, self.day):
                    return None
                return later.year - self.year
        raise AssertionError(self.kind)

    # -- text ----------------------------------------------------------------------------
    @property
    def code(self) -> str:
        """Canonical, sortable code stored in the database and written in data files."""
        match self.kind:
            case PeriodKind.YEAR:
                return f"{self.year}"
            case PeriodKind.QUARTER:
                return f"{self.year}-T{self.number}"
            case PeriodKind.MONTH:
                return f"{self.year}-{self.number:02d}"
            case PeriodKind.SCHOOL_YEAR:
                return f"{self.year}/{self.year + 1}"
            case PeriodKind.DATE:
                return f"{self.year}-{self.number:02d}-{self.day:02d}"
        raise AssertionError(self.kind)

    def label(self) -> str:
        """French label: '2e trimestre 2019', 'juillet 2019', '1er janvier 2019'."""
        match self.kind:
            case PeriodKind.YEAR:
                return f"{self.year}"
            case PeriodKind.QUARTER:
                return f"{_ordinal(self.number)} trimestre {self.year}"
            case PeriodKind.MONTH:
                return f"{MONTHS_FR[self.number - 1]} {self.year}"
            case PeriodKind.SCHOOL_YEAR:
                return f"{self.year}/{self.year + 1}"
            case PeriodKind.DATE:
                day = "1er" if self.day == 1 else str(self.day)
                return f"{day} {MONTHS_FR[self.number - 1]} {self.year}"
        raise AssertionError(self.kind)

    def phrase(self) -> str:
        """The label with its French preposition: 'en 2019', 'au 2e trimestre 2019'."""
        match self.kind:
            case PeriodKind.QUARTER | PeriodKind.DATE:
                return f"au {self.label()}"
            case _:
                return f"en {self.label()}"

    def __str__(self) -> str:
        return self.code


_PATTERNS: tuple[tuple[re.Pattern[str], PeriodKind, str], ...] = tuple(
    (re.compile(p), kind, groups)
    for p, kind, groups in (
        (r"^(\d{4})$", PeriodKind.YEAR, "y"),
        (r"^(\d{4})-t([1-4])$", PeriodKind.QUARTER, "yn"),
        (r"^t([1-4]) (\d{4})$", PeriodKind.QUARTER, "ny"),
        (r"^([1-4]) ?(?:er|re|e|eme|ere|nd|nde)? trimestre (\d{4})$", PeriodKind.QUARTER, "ny"),
        (r"^(\d{4})-(\d{2})$", PeriodKind.MONTH, "ym"),
        (rf"^({_MONTH_RE})\.? (\d{{4}})$", PeriodKind.MONTH, "My"),
        (r"^(\d{4}) ?[/-] ?(\d{4})$", PeriodKind.SCHOOL_YEAR, "yz"),
        (r"^(\d{4})-(\d{2})-(\d{2})$", PeriodKind.DATE, "ymd"),
        (rf"^(\d{{1,2}})(?:er)? ({_MONTH_RE}) (\d{{4}})$", PeriodKind.DATE, "dMy"),
        (r"^fin (\d{4})$", PeriodKind.DATE, "Y"),
    )
)
_PREFIXES = re.compile(r"^(?:(?:en|au|a|l'annee|annee|budget|bp|exercice|campagne)\s+)+")


def parse_period(text: str) -> Period:
    """Parse a period label found in documents ('(juillet 2019)', 'en 2017', 'T2 2019')."""
    if not isinstance(text, str) or not text.strip():
        raise PeriodParseError("période vide")
    cleaned = fold(text).replace("\u00a0", " ").replace("\u202f", " ")
    cleaned = re.sub(r"[()]", " ", cleaned)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .,")
    cleaned = _PREFIXES.sub("", cleaned)
    for pattern, kind, groups in _PATTERNS:
        match = pattern.match(cleaned)
        if not match:
            continue
        values = dict(zip(groups, match.groups(), strict=True))
        try:
            if kind is PeriodKind.SCHOOL_YEAR:
                start, end = int(values["y"]), int(values["z"])
                if end != start + 1:
                    raise PeriodParseError(f"« {text} » : une année scolaire couvre deux années "
                                           "qui se suivent")
                return Period(kind, start)
            if "Y" in values:  # "fin 2019": the stock at the end of the year
                return Period(kind, int(values["Y"]), 12, 31)
            year = int(values["y"])
            number = int(values.get("n") or values.get("m") or 0)
            if "M" in values:
                number = _MONTH_BY_FOLDED[values["M"]]
            return Period(kind, year, number, int(values.get("d", 0)))
        except PeriodParseError as error:
            raise PeriodParseError(f"« {text} » : {error}") from None
    raise PeriodParseError(f"« {text} » n'est pas une période (par exemple 2019, T2 2019, "
                           "juillet 2019, 2018/2019, 1er janvier 2019)")
