"""Turning the text of one data-file cell into a typed value, or an error naming the cell."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from monoreg.errors import InputError
from monoreg.model import Catalog, Period, PeriodParseError, Territory, parse_period


class Cell:
    """Where a value was read: turns parse failures into InputErrors naming file/line/field."""

    def __init__(self, file: str, line: int | None) -> None:
        self.file = file
        self.line = line

    def error(self, message: str, field: str | None = None) -> InputError:
        return InputError(message, file=self.file, line=self.line, field=field)

    def period(self, text: str, field: str = "period") -> Period:
        if not text.strip():
            raise self.error("une période est attendue", field)
        try:
            return parse_period(text)
        except PeriodParseError as error:
            raise self.error(str(error), field) from None

    def optional_period(self, text: str | None, field: str) -> Period | None:
        return self.period(text, field) if text and text.strip() else None

    def decimal(self, text: str, field: str = "value") -> Decimal:
        try:
            value = Decimal(text.strip())
        except InvalidOperation:
            raise self.error(f"« {text} » n'est pas un nombre (écrivez-le avec un point comme "
                             "séparateur décimal et sans espace, par exemple 1608.2)",
                             field) from None
        if not value.is_finite():
            raise self.error(f"« {text} » n'est pas un nombre fini", field)
        return value

    def territory(self, catalog: Catalog, text: str, field: str = "territory") -> Territory:
        territory = catalog.territories.find(text) if text.strip() else None
        if territory is None:
            raise self.error(f"territoire inconnu « {text} » (attendu : FR, FR-HM, FR-MET, "
                             "ou le code ou le nom d'une région)", field)
        return territory

    def region(self, catalog: Catalog, text: str, field: str = "region") -> Territory:
        territory = self.territory(catalog, text, field)
        if not territory.is_region:
            raise self.error(f"« {text} » n'est pas une région", field)
        return territory

    def indicator(self, catalog: Catalog, text: str, field: str = "indicator") -> str:
        if text not in catalog.indicators:
            raise self.error(f"indicateur inconnu « {text} » (absent de "
                             "data/reference/indicators.yaml)", field)
        return text

    def section(self, catalog: Catalog, text: str, field: str = "place") -> str:
        if catalog.section(text) is None:
            raise self.error(f"section inconnue « {text} » (absente de "
                             "data/reference/sections.yaml)", field)
        return text

    def unit(self, catalog: Catalog, text: str, field: str = "unit") -> str:
        if text not in catalog.units:
            raise self.error(f"unité inconnue « {text} » (absente de data/reference/units.csv)",
                             field)
        return text

    def integer(self, text: str, field: str) -> int | None:
        if not text.strip():
            return None
        try:
            return int(text)
        except ValueError:
            raise self.error(f"« {text} » n'est pas un nombre entier", field) from None

    def accepted(self, text: str, field: str = "accept") -> tuple[tuple[str, str], ...]:
        """'rule-id: justification | other-rule: justification' -> pairs."""
        pairs: list[tuple[str, str]] = []
        for part in filter(None, (p.strip() for p in text.split("|"))):
            rule, sep, why = part.partition(":")
            if not sep or not rule.strip() or not why.strip():
                raise self.error("un constat accepté s'écrit « id-de-règle: justification »",
                                 field)
            pairs.append((rule.strip(), why.strip()))
        return tuple(pairs)
