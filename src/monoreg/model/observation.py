"""Figures: an indicator for a territory and a period, with its source and provenance."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from monoreg.model.period import Period
from monoreg.model.quality import OK, FigureKey, Quality, QualityStatus
from monoreg.model.source import Provenance


class Status(StrEnum):
    VALUE = "value"
    MISSING = "non-renseigne"       # the source prints "Non renseigné": missing, never 0
    NOT_APPLICABLE = "sans-objet"  # the source prints "-"
    TO_FILL = "a-completer"         # a slot of an edition in preparation: no figure yet


@dataclass(frozen=True)
class Observation:
    indicator: str
    territory: str          # territory code
    period: Period
    value: Decimal | None
    unit: str               # unit code
    status: Status = Status.VALUE
    source: str | None = None       # source id
    printed: str | None = None      # the figure as printed
    printed_period: str | None = None
    place: str = ""                 # section where it is printed ('' for imported series)
    provenance: Provenance | None = None   # the data file and line, or the imported file
    origin: Provenance | None = None       # where the document prints it (source.txt line)
    perimeter: str | None = None    # caveat on the territory as printed
    raw: str | None = None          # extracted text when it differs from `printed`
    note: str | None = None
    accepted: tuple[tuple[str, str], ...] = ()  # (rule id, justification)
    # A breakdown of the indicator, as 'scheme:code' ('nsf:312', 'naf:GZ'); None for the
    # indicator as a whole. Imported counts use it, and editions for the region's main
    # sectors (one indicator, one figure per sector).
    dimension: str | None = None
    dimension_label: str | None = None  # the breakdown as printed ('Commerce ; réparation…')
    # « à vérifier … »: the monograph reader was unsure of this figure (why, and how sure);
    # validation reports it as an error until the editor checks it and clears the mark.
    to_check: str | None = None
    # Computed when the store changes (findings and the editor's resolutions), never read
    # from the data files; the printed text and `value` (as printed) never change with it.
    quality: Quality = OK

    def __post_init__(self) -> None:
        if (self.value is None) != (self.status is not Status.VALUE):
            raise ValueError("an observation has a value exactly when its status is 'value'")

    @property
    def series(self) -> str:
        """The indicator, with its breakdown when it has one: what figures of several
        periods or territories compare as one series."""
        return series_id(self.indicator, self.dimension)

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.place, self.series, self.territory, self.period.code)

    @property
    def figure(self) -> FigureKey:
        return FigureKey(self.place, self.indicator, self.territory, self.period.code,
                         dimension=self.dimension)

    @property
    def published_value(self) -> Decimal | None:
        """The value readers get: None when withheld or missing, the corrected value when an
        editor corrected it (in `published_unit`), else the value as printed."""
        if self.quality.status is QualityStatus.WITHHELD:
            return None
        return self.quality.value if self.quality.value is not None else self.value

    @property
    def published_unit(self) -> str:
        return self.quality.unit or self.unit

    @property
    def published_period(self) -> str:
        """The period code readers get (a corrected period, or the key's)."""
        return self.quality.period or self.period.code


def series_id(indicator: str, dimension: str | None) -> str:
    return f"{indicator}/{dimension}" if dimension else indicator


@dataclass(frozen=True)
class EvolutionClaim:
    """An evolution as printed next to two figures; validation recomputes it."""

    indicator: str
    territory: str
    base_period: Period
    period: Period
    printed: str
    value: Decimal | None
    unit: str | None        # 'percent', 'points' or None when printed without a unit
    place: str
    provenance: Provenance | None = None
    origin: Provenance | None = None
    note: str | None = None
    accepted: tuple[tuple[str, str], ...] = ()
    quality: Quality = OK           # as for Observation: computed when the store changes

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.place, self.indicator, self.territory, self.base_period.code,
                self.period.code)

    @property
    def figure(self) -> FigureKey:
        return FigureKey(self.place, self.indicator, self.territory, self.period.code,
                         self.base_period.code)

    @property
    def published_value(self) -> Decimal | None:
        if self.quality.status is QualityStatus.WITHHELD:
            return None
        return self.quality.value if self.quality.value is not None else self.value
