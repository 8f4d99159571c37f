"""The reference data every stage looks things up in: territories, units, sections,
indicators and sources."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from monoreg.model.checks import Checks
from monoreg.model.indicator import Indicator
from monoreg.model.section import Section
from monoreg.model.source import Source
from monoreg.model.territory import Territory, TerritoryIndex
from monoreg.model.unit import Unit


@dataclass(frozen=True)
class Catalog:
    territories: TerritoryIndex
    units: dict[str, Unit]
    sections: tuple[Section, ...]
    indicators: dict[str, Indicator]
    sources: dict[str, Source]
    checks: Checks = field(default_factory=Checks)  # reference/checks.yaml

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def unit_of(self, indicator_id: str) -> Unit:
        return self.units[self.indicators[indicator_id].unit]

    def cited_source(self, reference: str, local: Iterable[Source] = ()) -> Source | None:
        """The source a figure or text cites: an edition's own sources (`local`) first, then
        the reference ones."""
        return next((s for s in local if s.id == reference), None) or self.sources.get(reference)

    def source_label(self, reference: str, local: Iterable[Source] = ()) -> str:
        """A source as cited; a reference that names no source is a source line as printed,
        and is its own label."""
        source = self.cited_source(reference, local)
        return source.label() if source else reference

    def region(self, text: str) -> Territory | None:
        territory = self.territories.find(text)
        return territory if territory and territory.is_region else None
