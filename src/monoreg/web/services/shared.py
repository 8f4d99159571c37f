"""What the portal's views share: lookups, small model builders, paging, sources."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from monoreg.derive import figure_text as figures
from monoreg.derive.key_figures import figure_text
from monoreg.errors import NotFound, UsageError
from monoreg.model import (
    QUALITY_LEGEND,
    Catalog,
    Indicator,
    Observation,
    Period,
    PeriodParseError,
    QualityStatus,
    Territory,
    TextType,
    parse_period,
)
from monoreg.store.documents import json_number, source_document
from monoreg.store.repository import EditionSummary
from monoreg.store.search import (
    CONTACT_TYPE,
    DIRECTORY_TYPE,
    GLOSSARY_TYPE,
    GUIDE_TYPE,
    INDICATOR_TYPE,
    MEASURE_TYPE,
    NETWORK_TYPE,
    SECTION_TYPE,
)
from monoreg.web import models as m
from monoreg.web.portal import Snapshot

TYPE_LABELS = {
    TextType.PRESENTATION.value: "Présentation",
    TextType.CPER.value: "Contrat de plan État-Région",
    TextType.CPRDFOP.value: "CPRDFOP",
    TextType.PRIC.value: "Pacte régional d'investissement dans les compétences",
    TextType.SPRO.value: "Service public régional de l'orientation",
    TextType.NEWS.value: "Actualité",
    CONTACT_TYPE: "Contact",
    DIRECTORY_TYPE: "Annuaire des Carif-Oref",
    GUIDE_TYPE: "Où s'adresser ? (public et structures)",
    GLOSSARY_TYPE: "Sigle du guide",
    NETWORK_TYPE: "Réseau d'accueil",
    INDICATOR_TYPE: "Indicateur",
    SECTION_TYPE: "Section de monographie",
    MEASURE_TYPE: "Mesure de politique régionale",
}


# == small builders =======================================================================
def region_ref(territory: Territory) -> m.RegionRef:
    return m.RegionRef(code=territory.code, name=territory.name, slug=territory.slug)


def region_url(territory: Territory) -> str:
    return f"/regions/{territory.slug}"


def find_region(snapshot: Snapshot, text: str) -> Territory:
    """A region from its code, name or slug, without regard to case or accents."""
    region = snapshot.catalog.region(text)
    if region is None:
        if not snapshot.catalog.territories.territories:
            raise NotFound("le portail est vide : lancez d'abord « monoreg load »")
        raise NotFound(f"région inconnue : « {text} » (code INSEE, nom ou identifiant "
                       "attendu, par exemple 28, Normandie ou normandie)")
    return region


def optional_region(snapshot: Snapshot, text: str | None) -> Territory | None:
    return find_region(snapshot, text) if text else None


def region_model(snapshot: Snapshot, territory: Territory) -> m.Region:
    return m.Region(code=territory.code, name=territory.name, slug=territory.slug,
                    metropolitan=territory.metropolitan, chief_town=territory.chief_town,
                    editions=[e.year for e in snapshot.editions_of(territory.code)],
                    url=region_url(territory))


def edition_model(snapshot: Snapshot, summary: EditionSummary) -> m.Edition:
    territory = snapshot.catalog.territories.get(summary.region)
    return m.Edition(id=summary.id, region=region_ref(territory), year=summary.year,
                     title=summary.title, published=summary.published.code,
                     published_label=summary.published.label(),
                     cutoff_label=summary.cutoff.label(), synthetic=summary.synthetic,
                     url=f"{region_url(territory)}?edition={summary.year}")


def indicator_info(catalog: Catalog, indicator: Indicator) -> m.IndicatorInfo:
    unit = catalog.units[indicator.unit]
    source = source_document(indicator.source, {}, catalog)
    section = catalog.section(indicator.section)
    return m.IndicatorInfo(
        id=indicator.id, label=indicator.label, short_label=indicator.short_label,
        unit=m.UnitInfo(code=unit.code, symbol=unit.symbol, label=unit.label),
        kind=indicator.kind.value, evolution=indicator.evolution.value,
        polarity=indicator.polarity.value, decimals=indicator.decimals,
        definition=indicator.definition,
        source=m.SourceInfo(**source) if source else None,
        section=indicator.section, section_title=section.title if section else None,
        caveats=indicator.caveats, frequency=indicator.frequency, additive=indicator.additive)


def find_indicator(catalog: Catalog, indicator_id: str) -> Indicator:
    indicator = catalog.indicators.get(indicator_id)
    if indicator is None:
        raise NotFound(f"indicateur inconnu : « {indicator_id} » (voir /api/v1/indicators)")
    return indicator


def figure(catalog: Catalog, o: Observation) -> m.Figure:
    """A figure as readers see it: as printed (or corrected, or « non publié » with no
    value), with its quality status and the note a reader must see."""
    status = o.quality.status
    return m.Figure(value=json_number(o.published_value), text=figure_text(catalog, o),
                    period=o.published_period,
                    period_label=figures.period_text(o, short=True),
                    territory=o.territory, status=o.status.value, printed=o.printed,
                    quality=status.value,
                    quality_label=None if status is QualityStatus.OK else status.label,
                    note=o.quality.note)


def quality_legend() -> list[m.QualityLegendEntry]:
    """The legend of statuses, from their one definition (model/quality.py)."""
    return [m.QualityLegendEntry(status=status.value, label=entry.label,
                                 description=entry.description, sdmx=entry.sdmx)
            for status, entry in QUALITY_LEGEND.items()]


def parse_period_param(text: str | None, name: str) -> Period | None:
    if not text:
        return None
    try:
        return parse_period(text)
    except PeriodParseError:
        # The model's message is English (a developer's); the API's user reads French.
        raise UsageError(f"paramètre {name} : « {text} » n'est pas une période (exemples : "
                         "2019, T2 2019, juillet 2019, 2018/2019, 1er janvier 2019)") from None


def page_url(path: str, params: dict[str, Any]) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(kept)}" if kept else path


def check_page(limit: int, offset: int, maximum: int) -> None:
    if not 1 <= limit <= maximum:
        raise UsageError(f"limit doit être entre 1 et {maximum}")
    if offset < 0:
        raise UsageError("offset doit être positif ou nul")



def edition_summary(snapshot: Snapshot, territory: Territory, year: int | None
                     ) -> EditionSummary | None:
    if year is None:
        return snapshot.latest(territory.code)
    for summary in snapshot.editions_of(territory.code):
        if summary.year == year:
            return summary
    raise NotFound(f"pas d'édition {year} pour la région {territory.name}")


def source_info(snapshot: Snapshot, reference: str | None, edition_id: str | None
                ) -> m.SourceInfo | None:
    """The source a figure or text cites, as the one object every answer gives
    (store.documents.source_document): an edition's own sources first, then the reference
    ones; a reference that names no source is a source line as printed."""
    if not reference:
        return None
    summary = next((e for e in snapshot.editions if e.id == edition_id), None)
    local = snapshot.edition(summary).sources if summary is not None else ()
    if snapshot.catalog.cited_source(reference, local) is None:
        return m.SourceInfo(id=None, printed=reference, label=reference)
    return m.SourceInfo(**source_document(reference, {s.id: s for s in local},
                                          snapshot.catalog) or {})


def snapshot_year(edition_id: str) -> str:
    return edition_id.rsplit("-", 1)[-1]
