"""A region's page: its latest (or chosen) edition, key figures, downloads, monograph."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from monoreg.derive.key_figures import key_figures as edition_key_figures
from monoreg.model import (
    Catalog,
    QualityStatus,
    Territory,
)
from monoreg.model import Edition as EditionData
from monoreg.publish.exports import (
    FORMATS,
    PDF,
    data_format,
    edition_export,
    write_measures_csv,
)
from monoreg.publish.render import html_fragment
from monoreg.publish.site import file_names
from monoreg.web import models as m
from monoreg.web.portal import Portal
from monoreg.web.services.measures import region_measures
from monoreg.web.services.official_figures import official_figures
from monoreg.web.services.shared import (
    TYPE_LABELS,
    edition_model,
    edition_summary,
    figure,
    find_region,
    quality_legend,
    region_model,
    region_url,
)
from monoreg.web.services.validation_report import validation_status


def key_figures(catalog: Catalog, edition: EditionData) -> list[m.KeyFigureSection]:
    by_place: dict[str, list[m.KeyFigure]] = defaultdict(list)
    for row in edition_key_figures(edition, catalog):
        by_place[row.place].append(m.KeyFigure(
            indicator=row.indicator.id, label=row.label,
            base=figure(catalog, row.base) if row.base else None,
            current=figure(catalog, row.current) if row.current else None,
            evolution=row.evolution,
            evolution_value=float(row.evolution_value)
            if row.evolution_value is not None else None,
            evolution_printed=row.evolution_printed,
            evolution_quality=row.claim.quality.status.value if row.claim else "ok",
            evolution_quality_label=row.claim.quality.status.label
            if row.claim and row.claim.quality.status is not QualityStatus.OK else None,
            national=figure(catalog, row.national) if row.national else None))
    order = {s.id: s.order for s in catalog.sections}
    return [m.KeyFigureSection(id=place, title=_section_title(catalog, place), rows=rows)
            for place, rows in sorted(by_place.items(),
                                      key=lambda item: order.get(item[0], len(order)))]


def _section_title(catalog: Catalog, section_id: str) -> str:
    section = catalog.section(section_id)
    return section.title if section else section_id


def pdf_path(portal: Portal, territory: Territory, year: int) -> Path:
    """Where `monoreg build` writes an edition's PDF (see docs/portal.md)."""
    return portal.build_dir / file_names(territory.slug, year)["pdf"]


def pdf_built(portal: Portal, territory: Territory, year: int | None) -> bool:
    summary = edition_summary(portal.snapshot(), territory, year)
    return summary is not None and pdf_path(portal, territory, summary.year).is_file()


def downloads(portal: Portal, territory: Territory, year: int) -> list[m.Download]:
    base = f"{region_url(territory)}/{year}/donnees"
    result = [m.Download(format=PDF.name, label=PDF.label,
                         url=f"{region_url(territory)}/{year}/monographie.pdf",
                         available=pdf_path(portal, territory, year).is_file())]
    result.extend(m.Download(format=f.name, label=f.label, url=f"{base}.{f.extension}",
                             available=True) for f in FORMATS.values())
    result.append(m.Download(format="csv", label="Mesures (CSV, Excel français)",
                             url=f"{region_url(territory)}/{year}/mesures.csv", available=True))
    return result


def export_edition(portal: Portal, slug: str, year: int, fmt: str) -> bytes:
    write = data_format(fmt).render
    snapshot = portal.snapshot()
    territory = find_region(snapshot, slug)
    summary = edition_summary(snapshot, territory, year)
    assert summary is not None
    return write(edition_export(snapshot.catalog, snapshot.edition(summary)))


def export_measures(portal: Portal, slug: str, year: int) -> bytes:
    """The edition's published measures as CSV (';', BOM), as the exports write them."""
    snapshot = portal.snapshot()
    summary = edition_summary(snapshot, find_region(snapshot, slug), year)
    assert summary is not None
    return write_measures_csv(edition_export(snapshot.catalog, snapshot.edition(summary)))


def _text_refs(territory: Territory, edition: EditionData) -> list[m.TextRef]:
    return [m.TextRef(title=text.title, type=text.type.value,
                      type_label=TYPE_LABELS[text.type.value],
                      date_label=text.date.label() if text.date else None,
                      url=f"{region_url(territory)}/{edition.year}/textes/{n + 1}")
            for n, text in enumerate(edition.texts)]


def region_page(portal: Portal, slug: str, year: int | None = None) -> m.RegionPage:
    snapshot = portal.snapshot()
    territory = find_region(snapshot, slug)
    summary = edition_summary(snapshot, territory, year)
    if summary is None:
        return m.RegionPage(region=region_model(snapshot, territory), edition=None, facts=[],
                            sections=[], downloads=[], validation=None, texts=[],
                            official=official_figures(portal, territory))
    edition = snapshot.edition(summary)
    findings = snapshot.findings(summary)
    return m.RegionPage(
        region=region_model(snapshot, territory), edition=edition_model(snapshot, summary),
        facts=[(k, v) for k, v in edition.facts],
        sections=key_figures(snapshot.catalog, edition),
        downloads=downloads(portal, territory, summary.year),
        validation=validation_status(
            findings, f"{region_url(territory)}/{summary.year}/validation"),
        texts=_text_refs(territory, edition), legend=quality_legend(),
        official=official_figures(portal, territory),
        measures=region_measures(snapshot, summary, edition))


def monograph_fragment(portal: Portal, slug: str, year: int | None = None) -> str | None:
    """The edition's monograph as HTML (publish's writer), for the region page; None when the
    region has no edition. Built once per store version (it takes seconds)."""
    snapshot = portal.snapshot()
    territory = find_region(snapshot, slug)
    summary = edition_summary(snapshot, territory, year)
    if summary is None:
        return None
    return snapshot.memo(f"monograph-{summary.id}", lambda: html_fragment(
        snapshot.edition(summary), snapshot.catalog, heading_offset=1,
        findings=snapshot.findings(summary)))

