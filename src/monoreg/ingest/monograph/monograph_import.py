"""A monograph's text or PDF → an Edition, with the import's report.

The document is cut into the layout's sections; each section's figures are read by the
readers its layout names (a page read in order, tables, sentences) and its lists, contacts
and texts by ingest/monograph/section_content.py. Nothing here knows a figure: the layout does.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from monoreg.errors import InputError, UsageError
from monoreg.ingest.monograph.cell_figures import Figures, Placed
from monoreg.ingest.monograph.import_report import ImportReport
from monoreg.ingest.monograph.layout_schema import (
    DEFAULT_LAYOUT,
    MonographLayout,
    compile_pattern,
    load_layout,
)
from monoreg.ingest.monograph.numbered_lines import Document, Line, read_document
from monoreg.ingest.monograph.running_text import read_sentences
from monoreg.ingest.monograph.section_content import read_content
from monoreg.ingest.monograph.sections import SectionText, split_sections, without_furniture
from monoreg.ingest.monograph.sequence import read_sequence
from monoreg.ingest.monograph.table_rows import read_table
from monoreg.model import (
    Catalog,
    Edition,
    EvolutionClaim,
    Period,
    PeriodKind,
    PeriodParseError,
    Provenance,
    Source,
    Territory,
    parse_period,
)
from monoreg.model.names import slugify


@dataclass(frozen=True)
class MonographImport:
    document: Document
    edition: Edition
    placed: tuple[Placed, ...]     # one per observation of the edition, in the same order
    report: ImportReport
    source: str                    # the layout's source id (figures stored without edition)

    def report_json(self) -> dict[str, Any]:
        figures = [{
            "indicator": p.observation.indicator, "territory": p.observation.territory,
            "period": p.observation.period.code, "printed": p.observation.printed,
            "section": p.observation.place, "line": p.observation.provenance.line
            if p.observation.provenance else None,
            "page": p.observation.provenance.page if p.observation.provenance else None,
            "confidence": p.confidence, "reasons": p.reasons} for p in self.placed]
        doubtful = sum(1 for p in self.placed if p.confidence < 1)
        return {"file": self.document.file, "sha256": self.document.sha256,
                "encoding": self.document.encoding, "pages": self.document.pages,
                "region": self.edition.region, "year": self.edition.year,
                "figures": len(self.placed), "evolutions": len(self.edition.evolutions),
                "lists": len(self.edition.lists), "contacts": len(self.edition.contacts),
                "texts": len(self.edition.texts), "doubtful": doubtful,
                **self.report.as_json(), "confidence": figures}


def check_layout(layout: MonographLayout, catalog: Catalog, where: str) -> None:
    """Every indicator the layout names must be in the store's catalogue."""
    named: set[str] = set()
    for section in layout.sections:
        if section.sequence:
            named |= {s.indicator for s in section.sequence.slots}
        for table in section.tables:
            named |= {c.indicator for c in table.columns if c.indicator}
            for row in [*table.rows, *(r for g in table.groups for r in g.rows)]:
                named |= {i for i in (row.indicator, *row.indicators, *row.by_text.values()) if i}
        named |= {s.indicator for s in section.sentences}
    missing = sorted(named - set(catalog.indicators))
    if missing:
        raise UsageError(f"{where} : indicateur(s) absent(s) du catalogue de la base : "
                         f"{', '.join(missing)} ; lancez « monoreg load »")
    if layout.source not in catalog.sources:
        raise UsageError(f"{where} : la source « {layout.source} » manque au catalogue de la "
                         "base : lancez « monoreg load »")


def _find(lines: Sequence[Line], pattern: str, group: str) -> tuple[str, Line] | None:
    compiled = compile_pattern(pattern)
    for line in lines:
        match = compiled.search(line.text)
        if match:
            return match.group(group), line
    return None


def _region(document: Document, layout: MonographLayout, catalog: Catalog,
            given: str | None) -> Territory:
    wanted = None
    if given is not None:
        wanted = catalog.region(given)
        if wanted is None:
            raise UsageError(f"région inconnue « {given} »")
    for pattern in layout.edition.region:
        found = _find(document.lines, pattern, "region")
        region = catalog.region(found[0]) if found else None
        if found and region:
            if wanted is not None and region != wanted:
                raise InputError(f"la monographie porte sur {region.name}, et non sur "
                                 f"{wanted.name}",
                                 file=document.file, line=found[1].number)
            return region
    if wanted is None:
        raise InputError("impossible de savoir de quelle région traite la monographie : "
                         "donnez --region", file=document.file)
    return wanted


def _dates(document: Document, layout: MonographLayout, year: int | None,
           report: ImportReport) -> tuple[Period, Period]:
    published = None
    found = _find(document.lines, layout.edition.published, "period")
    if found:
        try:
            published = parse_period(found[0])
        except PeriodParseError:
            report.warn("edition", found[1].number, f"date de publication illisible : {found[0]}")
    if published is None:
        if year is None:
            raise InputError("impossible de trouver l'année de publication : donnez "
                             "--edition", file=document.file)
        published = Period(PeriodKind.YEAR, year)
    elif year is not None and published.year != year:
        raise InputError(f"la monographie est datée de {published.label()}, et non de {year}",
                         file=document.file, line=found[1].number if found else None)
    cutoff = None
    found = _find(document.lines, layout.edition.cutoff, "period")
    if found:
        with contextlib.suppress(PeriodParseError):
            cutoff = parse_period(found[0])
    if cutoff is None:
        report.warn("edition", None, "date d'arrêt des données introuvable : date de "
                                     "publication retenue")
        cutoff = published
    return published, cutoff


def _sources(sections: Sequence[SectionText], region: Territory, year: int
             ) -> dict[str, list[Source]]:
    """The source lines printed in each section, as the edition's own sources."""
    result: dict[str, list[Source]] = {}
    prefix = f"{slugify(region.name).replace('-', '_')}_{year}"
    for section in sections:
        for k, line in enumerate(section.sources, 1):
            base = f"{prefix}_{section.layout.id.replace('-', '_')}"
            producer = line.stripped.split(":", 1)[1].strip() if ":" in line.stripped \
                else line.stripped
            result.setdefault(section.layout.id, []).append(Source(
                f"{base}_{k}" if k > 1 else base, producer or line.stripped,
                printed=line.stripped))
    return result


def read_monograph(path: Path, catalog: Catalog, *, region: str | None = None,
                   year: int | None = None, layout_path: Path = DEFAULT_LAYOUT
                   ) -> MonographImport:
    layout = load_layout(layout_path)
    check_layout(layout, catalog, layout_path.name)
    document = read_document(path)
    report = ImportReport()
    territory = _region(document, layout, catalog, region)
    published, cutoff = _dates(document, layout, year, report)
    sections = split_sections(without_furniture(document.lines, layout), layout, report)
    if all(section.heading is None for section in sections):
        raise InputError("aucun titre de section de la monographie n'a été trouvé : est-ce "
                         "bien une monographie régionale ?", file=document.file)
    sources = _sources(sections, territory, published.year)

    def source_of(section_id: str | None) -> str | None:
        return sources[section_id][0].id if section_id in sources else None

    placed: list[Placed] = []
    claims: list[EvolutionClaim] = []
    content: dict[str, list[Any]] = {"lists": [], "contacts": [], "texts": [], "facts": []}
    for section in sections:
        spec = section.layout
        figures = Figures(catalog, document.file, spec.id, report)
        if spec.sequence:
            read_sequence(section, spec.sequence, figures, territory.code, source_of)
        for table in spec.tables:
            read_table(section, table, figures, territory.code)
        if spec.sentences:
            read_sentences(section, spec.sentences, figures, territory.code)
        found = read_content(section, spec.content, territory, document.file,
                             source_of(spec.id), report) if spec.content else {}
        for key, items in found.items():
            content[key].extend(items)
        placed.extend(figures.placed)
        claims.extend(figures.claims)
        report.sections.append({
            "id": spec.id, "heading": section.heading, "from": section.first,
            "to": section.last, "figures": len(figures.placed),
            "evolutions": len(figures.claims),
            "items": sum(len(v) for v in found.values())})
    placed = _unique(placed, report)
    edition = Edition(
        region=territory.code, year=published.year, published=published, cutoff=cutoff,
        title=layout.title.format(region=territory.name), publisher=layout.publisher,
        observations=tuple(p.observation for p in placed), evolutions=tuple(claims),
        sources=tuple(s for group in sources.values() for s in group),
        table_sources=tuple((section_id, group[0].id) for section_id, group in sources.items()),
        lists=tuple(content["lists"]), contacts=tuple(content["contacts"]),
        texts=tuple(content["texts"]), facts=tuple(content["facts"]),
        provenance=Provenance(document.file))
    return MonographImport(document, edition, tuple(placed), report, layout.source)


def _unique(placed: list[Placed], report: ImportReport) -> list[Placed]:
    """One figure per place, indicator, territory and period, as data files require."""
    seen: dict[tuple[str, str, str, str], Placed] = {}
    for item in placed:
        key = item.observation.key
        if key in seen:
            where = item.observation.provenance
            report.unplace(item.observation.place, (where.line or 0) if where else 0,
                           where.page if where else None, item.observation.printed or "",
                           f"{item.observation.indicator} ({item.observation.territory}, "
                           f"{item.observation.period.code}) déjà lu ligne "
                           f"{seen[key].observation.provenance.line}")  # type: ignore[union-attr]
            continue
        seen[key] = item
    return list(seen.values())
