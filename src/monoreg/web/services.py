"""The portal's views, built once from the store: each function returns a model of
web/models.py that a page renders and the API returns ("one view, two formats").

Errors a user can cause (an unknown region, a bad filter) raise NotFound or UsageError with
a French message; the app turns them into 404/400.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import phonenumbers

from monoreg import formatting as fr
from monoreg.derive.evolutions import in_unit
from monoreg.derive.tables import IndicatorRow, indicator_rows
from monoreg.editions.timeseries import time_series
from monoreg.errors import NotFound, UsageError
from monoreg.model import (
    Catalog,
    ContactGroup,
    DirectoryEntry,
    Indicator,
    Observation,
    Period,
    PeriodParseError,
    Territory,
    TextType,
    parse_period,
)
from monoreg.model import Contact as ContactItem
from monoreg.model import Edition as EditionData
from monoreg.model.names import fold, slugify
from monoreg.publish.exports import FORMATS, PDF, data_format, edition_export
from monoreg.publish.render import html_fragment
from monoreg.publish.site import file_names
from monoreg.store.repository import EditionSummary, ObservationRecord
from monoreg.store.search import CONTACT_TYPE, DIRECTORY_TYPE, SearchQuery
from monoreg.validate import validate_edition
from monoreg.web import models as m
from monoreg.web.portal import Portal, Snapshot

MAX_SEARCH_PAGE = 50
DEFAULT_MAP_INDICATOR = "population_municipale"
MAP_LEVELS = 5

TYPE_LABELS = {
    TextType.PRESENTATION.value: "Présentation",
    TextType.CPER.value: "Contrat de plan État-Région",
    TextType.CPRDFOP.value: "CPRDFOP",
    TextType.PRIC.value: "Pacte régional d'investissement dans les compétences",
    TextType.SPRO.value: "Service public régional de l'orientation",
    TextType.NEWS.value: "Actualité",
    CONTACT_TYPE: "Contact",
    DIRECTORY_TYPE: "Annuaire des Carif-Oref",
}
GROUP_LABELS = {
    ContactGroup.REGIONAL_COUNCIL.value: "Conseil régional",
    ContactGroup.STATE.value: "Services de l'État",
    ContactGroup.OPERATORS.value: "Instances et opérateurs régionaux",
}
# Official series are preferred to figures as printed when both give a region's period.
_BATCH_PREFERENCE = {"series": 0, "import": 1, "datafiles": 2}


# == small builders =======================================================================
def json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


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


def _optional_region(snapshot: Snapshot, text: str | None) -> Territory | None:
    return find_region(snapshot, text) if text else None


def _region(snapshot: Snapshot, territory: Territory) -> m.Region:
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
    source = catalog.sources.get(indicator.source) if indicator.source else None
    section = catalog.section(indicator.section)
    return m.IndicatorInfo(
        id=indicator.id, label=indicator.label, short_label=indicator.short_label,
        unit=m.UnitInfo(code=unit.code, symbol=unit.symbol, label=unit.label),
        kind=indicator.kind.value, evolution=indicator.evolution.value,
        polarity=indicator.polarity.value, decimals=indicator.decimals,
        definition=indicator.definition,
        source=m.SourceInfo(id=source.id, label=source.label(), url=source.url)
        if source else None,
        section=indicator.section, section_title=section.title if section else None,
        caveats=indicator.caveats, frequency=indicator.frequency, additive=indicator.additive)


def find_indicator(catalog: Catalog, indicator_id: str) -> Indicator:
    indicator = catalog.indicators.get(indicator_id)
    if indicator is None:
        raise NotFound(f"indicateur inconnu : « {indicator_id} » (voir /api/v1/indicators)")
    return indicator


def figure(catalog: Catalog, o: Observation) -> m.Figure:
    indicator = catalog.indicators.get(o.indicator)
    unit = catalog.units[o.unit]
    decimals = indicator.decimals if indicator else 2
    if indicator and o.unit != indicator.unit and unit.scale == 1 and unit.dimension in (
            "people", "count"):
        decimals = 0  # a count printed in persons where the indicator is in thousands
    text = fr.observation(o, unit, decimals)
    if o.value is not None and unit.code == "thousands":
        text = f"{text}{fr.NBSP}{unit.label}"  # formatting leaves 'milliers' to the label
    return m.Figure(value=json_number(o.value), text=text,
                    period=o.period.code, period_label=o.period.label(),
                    territory=o.territory, status=o.status.value, printed=o.printed)


def parse_period_param(text: str | None, name: str) -> Period | None:
    if not text:
        return None
    try:
        return parse_period(text)
    except PeriodParseError as error:
        raise UsageError(f"paramètre {name} : {error}") from None


def _page_url(path: str, params: dict[str, Any]) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(kept)}" if kept else path


def check_page(limit: int, offset: int, maximum: int) -> None:
    if not 1 <= limit <= maximum:
        raise UsageError(f"limit doit être entre 1 et {maximum}")
    if offset < 0:
        raise UsageError("offset doit être positif ou nul")


# == reference lists ======================================================================
def regions(snapshot: Snapshot) -> list[m.Region]:
    return [_region(snapshot, t) for t in snapshot.catalog.territories.regions]


def indicators(snapshot: Snapshot) -> list[m.IndicatorInfo]:
    return [indicator_info(snapshot.catalog, i) for i in snapshot.catalog.indicators.values()]


def editions(snapshot: Snapshot) -> list[m.Edition]:
    latest_first = sorted(snapshot.editions, key=lambda e: (-e.year, e.region))
    return [edition_model(snapshot, e) for e in latest_first]


# == region page ==========================================================================
def _edition_summary(snapshot: Snapshot, territory: Territory, year: int | None
                     ) -> EditionSummary | None:
    if year is None:
        return snapshot.latest(territory.code)
    for summary in snapshot.editions_of(territory.code):
        if summary.year == year:
            return summary
    raise NotFound(f"pas d'édition {year} pour la région {territory.name}")


def _evolution_text(row: IndicatorRow) -> str | None:
    if row.change is None:
        return None
    return fr.table_evolution(row.change.value, row.change.mode, row.indicator.decimals)


def key_figures(catalog: Catalog, edition: EditionData) -> list[m.KeyFigureSection]:
    by_place: dict[str, list[m.KeyFigure]] = defaultdict(list)
    for row in indicator_rows(edition, catalog):
        by_place[row.place].append(m.KeyFigure(
            indicator=row.indicator.id, label=row.indicator.label,
            base=figure(catalog, row.base) if row.base else None,
            current=figure(catalog, row.current) if row.current else None,
            evolution=_evolution_text(row),
            evolution_value=float(row.change.value) if row.change else None,
            evolution_printed=row.claim.printed if row.claim else None,
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
    summary = _edition_summary(portal.snapshot(), territory, year)
    return summary is not None and pdf_path(portal, territory, summary.year).is_file()


def downloads(portal: Portal, territory: Territory, year: int) -> list[m.Download]:
    base = f"{region_url(territory)}/{year}/donnees"
    result = [m.Download(format=PDF.name, label=PDF.label,
                         url=f"{region_url(territory)}/{year}/monographie.pdf",
                         available=pdf_path(portal, territory, year).is_file())]
    result.extend(m.Download(format=f.name, label=f.label, url=f"{base}.{f.extension}",
                             available=True) for f in FORMATS.values())
    return result


def export_edition(portal: Portal, slug: str, year: int, fmt: str) -> bytes:
    write = data_format(fmt).render
    snapshot = portal.snapshot()
    territory = find_region(snapshot, slug)
    summary = _edition_summary(snapshot, territory, year)
    assert summary is not None
    return write(edition_export(snapshot.catalog, snapshot.edition(summary)))


def _validation_status(findings: Sequence[Any], url: str) -> m.ValidationStatus:
    open_ = [f for f in findings if not f.accepted]
    return m.ValidationStatus(
        errors=sum(f.severity.value == "error" for f in open_),
        warnings=sum(f.severity.value == "warning" for f in open_),
        infos=sum(f.severity.value == "info" for f in open_),
        accepted=len(findings) - len(open_), url=url)


def _text_refs(territory: Territory, edition: EditionData) -> list[m.TextRef]:
    return [m.TextRef(title=text.title, type=text.type.value,
                      type_label=TYPE_LABELS[text.type.value],
                      date_label=text.date.label() if text.date else None,
                      url=f"{region_url(territory)}/{edition.year}/textes/{n + 1}")
            for n, text in enumerate(edition.texts)]


def region_page(portal: Portal, slug: str, year: int | None = None) -> m.RegionPage:
    snapshot = portal.snapshot()
    territory = find_region(snapshot, slug)
    summary = _edition_summary(snapshot, territory, year)
    if summary is None:
        return m.RegionPage(region=_region(snapshot, territory), edition=None, facts=[],
                            sections=[], downloads=[], validation=None, texts=[])
    edition = snapshot.edition(summary)
    findings = validate_edition(edition, snapshot.catalog)
    return m.RegionPage(
        region=_region(snapshot, territory), edition=edition_model(snapshot, summary),
        facts=[(k, v) for k, v in edition.facts],
        sections=key_figures(snapshot.catalog, edition),
        downloads=downloads(portal, territory, summary.year),
        validation=_validation_status(
            findings, f"{region_url(territory)}/{summary.year}/validation"),
        texts=_text_refs(territory, edition))


def monograph_fragment(portal: Portal, slug: str, year: int | None = None) -> str | None:
    """The edition's monograph as HTML (publish's writer), for the region page; None when the
    region has no edition. Built once per store version (it takes seconds)."""
    snapshot = portal.snapshot()
    territory = find_region(snapshot, slug)
    summary = _edition_summary(snapshot, territory, year)
    if summary is None:
        return None
    return snapshot.memo(f"monograph-{summary.id}", lambda: html_fragment(
        snapshot.edition(summary), snapshot.catalog, heading_offset=1))


def validation_report(portal: Portal, slug: str, year: int) -> m.ValidationReport:
    snapshot = portal.snapshot()
    territory = find_region(snapshot, slug)
    summary = _edition_summary(snapshot, territory, year)
    assert summary is not None
    findings = validate_edition(snapshot.edition(summary), snapshot.catalog)
    url = f"{region_url(territory)}/{year}/validation"
    return m.ValidationReport(
        region=region_ref(territory), edition=edition_model(snapshot, summary),
        status=_validation_status(findings, url),
        findings=[m.Finding(rule=f.rule, severity=f.severity.value, message=f.message,
                            section=f.section, indicator=f.indicator, territory=f.territory,
                            period=f.period, printed=f.printed, expected=f.expected,
                            location=f.location, accepted=f.accepted) for f in findings])


# == texts ================================================================================
def _blocks(body: str) -> list[m.Block]:
    """Paragraphs are separated by blank lines; bullet points are lines starting with '- '."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if lines and all(line.startswith("- ") for line in lines):
            blocks.append(m.Block(kind="ul", lines=[line[2:].strip() for line in lines]))
        elif lines:
            blocks.append(m.Block(kind="p", lines=[" ".join(lines)]))
    return blocks


def policy_text(portal: Portal, slug: str, year: int, number: int) -> m.PolicyText:
    snapshot = portal.snapshot()
    territory = find_region(snapshot, slug)
    summary = _edition_summary(snapshot, territory, year)
    assert summary is not None
    edition = snapshot.edition(summary)
    if not 1 <= number <= len(edition.texts):
        raise NotFound(f"pas de texte n° {number} dans l'édition {year} de {territory.name}")
    text = edition.texts[number - 1]
    return m.PolicyText(region=region_ref(territory), edition=edition_model(snapshot, summary),
                        title=text.title, type=text.type.value,
                        type_label=TYPE_LABELS[text.type.value],
                        date_label=text.date.label() if text.date else None,
                        source=text.source, blocks=_blocks(text.body))


# == comparisons across regions ============================================================
def _preferred(records: Iterable[ObservationRecord], years: dict[str, int]
               ) -> dict[tuple[str, str], ObservationRecord]:
    """One figure per (territory, period): official series first, then the latest edition."""
    best: dict[tuple[str, str], ObservationRecord] = {}

    def rank(r: ObservationRecord) -> tuple[int, int, int]:
        return (r.observation.value is None, _BATCH_PREFERENCE.get(r.batch_kind, 3),
                -years.get(r.edition or "", 0))

    for record in records:
        key = (record.observation.territory, record.observation.period.code)
        if key not in best or rank(record) < rank(best[key]):
            best[key] = record
    return best


_NATIONAL_ORDER = ("FR", "FR-HM", "FR-MET")


def comparison(portal: Portal, indicator_id: str, period: str | None = None) -> m.Comparison:
    snapshot = portal.snapshot()
    catalog = snapshot.catalog
    indicator = find_indicator(catalog, indicator_id)
    regions_ = catalog.territories.regions
    years = {e.id: e.year for e in snapshot.editions}
    figures = _preferred(portal.store.observations(indicators=[indicator.id]), years)
    by_region: dict[str, dict[str, ObservationRecord]] = defaultdict(dict)
    for (territory, code), record in figures.items():
        by_region[territory][code] = record
    coverage: dict[str, int] = defaultdict(int)
    for region in regions_:
        for code, r in by_region.get(region.code, {}).items():
            coverage[code] += r.observation.value is not None
    periods = sorted(coverage, key=lambda c: parse_period(c).sort_key(), reverse=True)
    wanted = parse_period_param(period, "period")
    if wanted is not None and wanted.code not in coverage:
        raise NotFound(f"pas de chiffre régional pour la période « {period} » "
                       f"(périodes disponibles : {', '.join(periods) or 'aucune'})")
    chosen = wanted.code if wanted else max(
        periods, key=lambda c: (coverage[c], parse_period(c).sort_key()), default=None)
    unit = catalog.units[indicator.unit]
    rows: list[tuple[Decimal | None, m.RankedFigure]] = []
    missing = []
    for region in regions_:
        mine = {c: r for c, r in by_region.get(region.code, {}).items()
                if r.observation.value is not None}
        if not mine:
            missing.append(region_ref(region))
            continue
        code = chosen if chosen in mine else max(
            mine, key=lambda c: mine[c].observation.period.sort_key())
        record = mine[code]
        value = in_unit(record.observation, catalog.units, unit.code)
        rows.append((value, m.RankedFigure(
            rank=None, region=region_ref(region), figure=figure(catalog, record.observation),
            value=json_number(value), other_period=code != chosen,
            source=_source_label(snapshot, record.observation.source, record.edition))))
    same = [r for r in rows if not r[1].other_period]
    same.sort(key=lambda r: r[0] or Decimal(0), reverse=True)
    ranked = [r[1].model_copy(update={"rank": n}) for n, r in enumerate(same, start=1)]
    others = sorted((r[1] for r in rows if r[1].other_period), key=lambda f: f.region.name)
    france = next((by_region[code][chosen].observation for code in _NATIONAL_ORDER
                   if chosen in by_region.get(code, {})), None)
    return m.Comparison(
        indicator=indicator_info(catalog, indicator), period=chosen,
        period_label=parse_period(chosen).label() if chosen else None,
        same_period=not others, note=_comparison_note(chosen, others, missing),
        rows=[*ranked, *others], national=figure(catalog, france) if france else None,
        national_value=json_number(in_unit(france, catalog.units, unit.code))
        if france else None, missing=missing,
        periods=[m.Facet(value=c, label=parse_period(c).label()) for c in periods])


def _comparison_note(chosen: str | None, others: list[m.RankedFigure],
                     missing: list[m.RegionRef]) -> str | None:
    if chosen is None:
        return "Aucune région n'a de chiffre pour cet indicateur."
    parts = []
    if others:
        parts.append(f"{len(others)} région(s) n'ont pas de chiffre "
                     f"{parse_period(chosen).phrase()} : leur chiffre le plus récent est "
                     "donné avec sa période, hors classement.")
    if missing:
        parts.append(f"{len(missing)} région(s) sans chiffre.")
    return " ".join(parts) or None


def _source_label(snapshot: Snapshot, source_id: str | None, edition_id: str | None
                  ) -> str | None:
    """A source as cited: an edition's own sources first, then the reference ones."""
    if not source_id:
        return None
    summary = next((e for e in snapshot.editions if e.id == edition_id), None)
    if summary is not None:
        local = {x.id: x for x in snapshot.edition(summary).sources}
        if source_id in local:
            return local[source_id].label()
    source = snapshot.catalog.sources.get(source_id)
    return source.label() if source else source_id


def map_indicators(snapshot: Snapshot, portal: Portal) -> list[m.IndicatorInfo]:
    """Indicators given for at least two regions: those a map can compare."""
    counts: dict[str, set[str]] = defaultdict(set)
    codes = {t.code for t in snapshot.catalog.territories.regions}
    for record in portal.store.observations(territories=sorted(codes)):
        if record.observation.value is not None:
            counts[record.observation.indicator].add(record.observation.territory)
    return [indicator_info(snapshot.catalog, snapshot.catalog.indicators[i])
            for i in snapshot.catalog.indicators if len(counts.get(i, ())) >= 2]


def _levels(values: list[Decimal]) -> list[Decimal]:
    """Upper bounds of MAP_LEVELS equal-width classes between the smallest and largest."""
    low, high = min(values), max(values)
    step = (high - low) / MAP_LEVELS
    return [low + step * (n + 1) for n in range(MAP_LEVELS)]


def home(portal: Portal, indicator_id: str | None = None) -> m.Home:
    snapshot = portal.snapshot()
    catalog = snapshot.catalog
    choices = snapshot.memo("map-indicators", lambda: map_indicators(snapshot, portal))
    ids = [c.id for c in choices]
    chosen = indicator_id or (DEFAULT_MAP_INDICATOR if DEFAULT_MAP_INDICATOR in ids else
                              next(iter(ids), None))
    if indicator_id and indicator_id not in ids:
        raise NotFound(f"indicateur sans chiffres régionaux à cartographier : "
                       f"« {indicator_id} »")
    compared = comparison(portal, chosen) if chosen else None
    map_regions, legend = [], []
    if compared is not None:
        indicator = catalog.indicators[compared.indicator.id]
        unit = catalog.units[indicator.unit]
        values = {r.region.code: Decimal(str(r.figure.value)) for r in compared.rows
                  if not r.other_period and r.figure.value is not None}
        bounds = _levels(list(values.values())) if values else []
        lows = [min(values.values()), *bounds[:-1]] if values else []
        legend = [f"{fr.with_unit(lo, unit, indicator.decimals)} – "
                  f"{fr.with_unit(hi, unit, indicator.decimals)}"
                  for lo, hi in zip(lows, bounds, strict=True)]
        texts = {r.region.code: r.figure.text for r in compared.rows if not r.other_period}
        for territory in catalog.territories.regions:
            value = values.get(territory.code)
            level = None if value is None else next(
                (n for n, bound in enumerate(bounds) if value <= bound), MAP_LEVELS - 1)
            map_regions.append(m.MapRegion(region=region_ref(territory),
                                           text=texts.get(territory.code), level=level))
    return m.Home(regions=regions(snapshot), editions=editions(snapshot)[:6],
                  map_indicators=choices, map=compared, map_regions=map_regions,
                  legend=legend)


# == time series ==========================================================================
def series(portal: Portal, slug: str, indicator_id: str) -> m.Series:
    snapshot = portal.snapshot()
    catalog = snapshot.catalog
    territory = find_region(snapshot, slug)
    indicator = find_indicator(catalog, indicator_id)
    data = time_series(portal.store, territory.code, indicator.id, catalog)
    points = []
    for p in data.points:
        o = Observation(indicator=indicator.id, territory=territory.code, period=p.period,
                        value=p.value, unit=p.unit, status=p.status, printed=p.printed)
        origin = (f"édition {snapshot_year(p.edition)}" if p.edition
                  else "série officielle" if p.batch_kind == "series" else "import")
        points.append(m.SeriesPoint(
            figure=figure(catalog, o),
            value=json_number(in_unit(o, catalog.units, indicator.unit)),
            source=_source_label(snapshot, p.source, p.edition),
            edition=p.edition, origin=origin, revision=p.revision,
            revises=fr.figure(p.revises, catalog.units[p.unit], indicator.decimals)
            if p.revises is not None else None))
    return m.Series(region=region_ref(territory), indicator=indicator_info(catalog, indicator),
                    points=points)


def snapshot_year(edition_id: str) -> str:
    return edition_id.rsplit("-", 1)[-1]


# == directory ============================================================================
def phone(text: str, label: str | None = None) -> m.Phone:
    """The number as printed, with a tel: link when it is a valid number (French by
    default)."""
    tel = None
    try:
        parsed = phonenumbers.parse(text, "FR")
        if phonenumbers.is_valid_number(parsed):
            tel = "tel:" + phonenumbers.format_number(parsed,
                                                      phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        pass  # printed numbers may be wrong: they stay text, without a link
    return m.Phone(text=text, tel=tel, label=label)


_DOMAIN = re.compile(r"^(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$", re.ASCII)
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$", re.ASCII)


def web_link(text: str) -> m.Link:
    """A printed web address as a link; printed addresses without a scheme get https."""
    address = text.strip()
    if not _DOMAIN.match(address):
        return m.Link(text=text, href=None)
    return m.Link(text=text, href=address if address.startswith(("http://", "https://"))
                  else f"https://{address}")


def mail_link(text: str) -> m.Link:
    address = text.strip()
    return m.Link(text=text, href=f"mailto:{address}" if _EMAIL.match(address) else None)


def _contact(contact: ContactItem) -> m.Contact:
    return m.Contact(group=contact.group.value,
                     group_label=GROUP_LABELS.get(contact.group.value, contact.group.value),
                     organisation=contact.organisation, role=contact.role,
                     person=contact.person, unit=contact.unit,
                     phones=[phone(contact.phone)] if contact.phone else [],
                     email=mail_link(contact.email) if contact.email else None,
                     website=web_link(contact.website) if contact.website else None)


def _carif(entry: DirectoryEntry) -> m.CarifOref:
    return m.CarifOref(territory=entry.territory, territory_label=entry.territory_label,
                       organisation=entry.organisation,
                       phones=[phone(p.number, p.label) for p in entry.phones],
                       emails=[mail_link(e) for e in entry.emails],
                       websites=[web_link(w) for w in entry.websites],
                       public_websites=[web_link(w) for w in entry.public_websites])


def _carif_entries(snapshot: Snapshot) -> list[DirectoryEntry]:
    """The national directory as printed by the most recent edition that has one."""
    for summary in sorted(snapshot.editions, key=lambda e: e.year, reverse=True):
        entries = snapshot.edition(summary).directory
        if entries:
            return list(entries)
    return []


def _matches(words: list[str], fields: Iterable[str | None]) -> bool:
    haystack = fold(" ".join(f for f in fields if f))
    return all(word in haystack for word in words)


def directory(portal: Portal, region: str | None = None, query: str | None = None
              ) -> m.Directory:
    snapshot = portal.snapshot()
    territory = _optional_region(snapshot, region)
    words = fold(query or "").split()
    contacts: list[ContactItem] = []
    for code in [territory.code] if territory else sorted({e.region for e in
                                                           snapshot.editions}):
        latest = snapshot.latest(code)
        if latest is not None:
            contacts.extend(snapshot.edition(latest).contacts)
    entries = [e for e in _carif_entries(snapshot)
               if territory is None or e.territory == territory.code]
    return m.Directory(
        region=region_ref(territory) if territory else None, query=query or None,
        regions=[region_ref(t) for t in snapshot.catalog.territories.regions],
        contacts=[_contact(c) for c in contacts if _matches(
            words, (c.organisation, c.role, c.person, c.unit, c.email))],
        carif_oref=[_carif(e) for e in entries if _matches(
            words, (e.organisation, e.territory_label, *e.emails, *e.websites))])


# == search ===============================================================================
def _hit_url(snapshot: Snapshot, hit: Any) -> str:
    territory = snapshot.catalog.territories.find(hit.region) if hit.region else None
    if hit.kind == "text" and territory is not None and hit.edition:
        return (f"{region_url(territory)}/{snapshot_year(hit.edition)}/textes/"
                f"{hit.position + 1}")
    return _page_url("/annuaire", {"region": territory.slug if territory else None})


# Where the next/previous links of search results point, and how each names the year.
SEARCH_LINKS = {"page": ("/recherche", "annee"), "api": ("/api/v1/search", "year")}


def search(portal: Portal, query: str, *, region: str | None = None, type: str | None = None,
           year: int | None = None, limit: int = 20, offset: int = 0,
           links: str = "page") -> m.SearchResults:
    check_page(limit, offset, MAX_SEARCH_PAGE)
    if type and type not in TYPE_LABELS:
        raise UsageError(f"type inconnu : « {type} » ({', '.join(TYPE_LABELS)})")
    snapshot = portal.snapshot()
    territory = _optional_region(snapshot, region)
    results = portal.search.search(SearchQuery(
        text=query, region=territory.code if territory else None, type=type or None,
        year=year, limit=limit, offset=offset))
    base, year_param = SEARCH_LINKS[links]
    params = {"q": query, "region": territory.slug if territory else None, "type": type,
              year_param: year, "limit": limit}
    hits = []
    for hit in results.hits:
        where = snapshot.catalog.territories.find(hit.region) if hit.region else None
        date = parse_period(hit.date).label() if hit.date else None
        hits.append(m.SearchHit(
            kind=hit.kind, type=hit.type, type_label=TYPE_LABELS.get(hit.type, hit.type),
            region=region_ref(where) if where else None, year=hit.year, date_label=date,
            title=[m.Part(text=p.text, match=p.match) for p in hit.title],
            snippet=[m.Part(text=p.text, match=p.match) for p in hit.snippet],
            url=_hit_url(snapshot, hit)))
    return m.SearchResults(
        query=query, region=territory.slug if territory else None, type=type or None,
        year=year, total=results.total, limit=limit, offset=offset,
        next=_page_url(base, {**params, "offset": offset + limit})
        if offset + limit < results.total else None,
        previous=_page_url(base, {**params, "offset": max(offset - limit, 0)})
        if offset > 0 else None,
        items=hits, facets=search_facets(portal))


def search_facets(portal: Portal) -> m.SearchFacets:
    snapshot = portal.snapshot()
    facets = snapshot.memo("search-facets", portal.search.facets)
    return m.SearchFacets(
        types=[m.Facet(value=t, label=TYPE_LABELS.get(t, t)) for t in facets.types],
        years=list(facets.years),
        regions=[region_ref(r) for r in (snapshot.catalog.region(c) for c in facets.regions)
                 if r is not None])


# == orientation guide ====================================================================
def _acronyms(structure: str, glossary: Sequence[Any]) -> list[m.Glossary]:
    """The glossary entries named in a structure ('ME/MEF' answers to ME and MEF)."""
    folded = fold(structure)
    found = []
    for entry in glossary:
        names = [n.strip() for n in entry.acronym.split("/") if n.strip()]
        if any(re.search(rf"(?<![\w-]){re.escape(fold(n))}(?![\w-])", folded) for n in names):
            found.append(m.Glossary(acronym=entry.acronym, definition=entry.definition))
    return found


def guide(portal: Portal, public: str | None = None, region: str | None = None) -> m.Guide:
    snapshot = portal.snapshot()
    territory = _optional_region(snapshot, region)
    data = next((g for g in (snapshot.edition(s).guide for s in sorted(
        snapshot.editions, key=lambda e: e.year, reverse=True)) if g is not None), None)
    regions_ = [region_ref(t) for t in snapshot.catalog.territories.regions]
    carif = [_carif(e) for e in _carif_entries(snapshot)
             if territory is not None and e.territory == territory.code]
    if data is None:
        return m.Guide(title=None, published_label=None, note=None, choices=[],
                       regions=regions_, public=None,
                       region=region_ref(territory) if territory else None, needs=[],
                       networks=[], carif_oref=carif)
    choices: dict[str, m.GuideChoice] = {}
    for p in data.publics:
        choices.setdefault(slugify(p.label), m.GuideChoice(id=slugify(p.label), label=p.label,
                                                           group=p.group))
    chosen = None
    if public:
        chosen = choices.get(slugify(public))
        if chosen is None:
            raise NotFound(f"public inconnu : « {public} » ({', '.join(choices)})")
    needs = [m.GuideNeed(need=p.need, structures=[
                 m.Structure(name=s, acronyms=_acronyms(s, data.glossary))
                 for s in p.structures])
             for p in data.publics if chosen is not None and slugify(p.label) == chosen.id]
    return m.Guide(
        title=data.title, published_label=data.published.label() if data.published else None,
        note=data.note, choices=list(choices.values()), regions=regions_, public=chosen,
        region=region_ref(territory) if territory else None, needs=needs,
        networks=[m.Network(network=n.network, link=web_link(n.url)) for n in data.networks],
        carif_oref=carif)
