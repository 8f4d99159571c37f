"""Domain records as rows of the store's tables, and back: what each column of
store/schema.py means for an observation, an evolution claim and an edition's items."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from monoreg.model import (
    Catalog,
    Edition,
    EvolutionClaim,
    Observation,
    Provenance,
    Quality,
    Status,
    parse_period,
)
from monoreg.model.codec import from_data, to_data
from monoreg.store.documents import document_text, observation_document


def quality_data(quality: Quality) -> Any:
    return None if quality == Quality() else to_data(quality)


def quality_of(data: Any) -> Quality:
    return from_data(Quality, data) if data else Quality()



def provenance_columns(prefix: str, provenance: Provenance | None) -> dict[str, Any]:
    if provenance is None:
        return {f"{prefix}_file": None, f"{prefix}_line": None}
    return {f"{prefix}_file": provenance.file, f"{prefix}_line": provenance.line}


def observation_row(o: Observation, batch_id: int, edition: Edition | None,
                     catalog: Catalog) -> dict[str, Any]:
    local = {s.id: s for s in edition.sources} if edition is not None else {}
    scope = ""
    if edition is not None and o.source and o.source in {s.id for s in edition.sources}:
        scope = edition.id
    return {
        "batch_id": batch_id, "edition_id": edition.id if edition else None,
        "place": o.place, "indicator": o.indicator, "territory": o.territory,
        "period": o.period.code, "period_kind": o.period.kind.value,
        "period_start": o.period.start, "period_end": o.period.end,
        "value": o.value, "unit": o.unit, "status": o.status.value,
        "source_scope": scope if o.source else None, "source": o.source,
        "printed": o.printed, "printed_period": o.printed_period, "perimeter": o.perimeter,
        "raw": o.raw, "note": o.note, "accepted": [list(a) for a in o.accepted],
        **provenance_columns("prov", o.provenance),
        "prov_page": o.provenance.page if o.provenance else None,
        "prov_column": o.provenance.column if o.provenance else None,
        **provenance_columns("origin", o.origin),
        "dimension": o.dimension, "dimension_label": o.dimension_label,
        "to_check": o.to_check, "quality": quality_data(o.quality), "preferred": False,
        "doc": document_text(observation_document(o, catalog, edition.id if edition else None,
                                                  local)),
    }


def observation_of(row: Any) -> Observation:
    provenance = None
    if row.prov_file:
        provenance = Provenance(row.prov_file, row.prov_line, row.prov_page, row.prov_column)
    return Observation(
        indicator=row.indicator, territory=row.territory, period=parse_period(row.period),
        value=row.value, unit=row.unit, status=Status(row.status), source=row.source,
        printed=row.printed, printed_period=row.printed_period, place=row.place,
        provenance=provenance,
        origin=Provenance(row.origin_file, row.origin_line) if row.origin_file else None,
        perimeter=row.perimeter, raw=row.raw, note=row.note, dimension=row.dimension,
        dimension_label=row.dimension_label, to_check=row.to_check,
        accepted=tuple((a, b) for a, b in row.accepted or ()), quality=quality_of(row.quality))


ItemRow = tuple[str, str | None, str, Any, str | None, str | None]


def edition_items(edition: Edition) -> Iterable[ItemRow]:
    """(kind, subkind, title, item, territory, date) for every content item of an edition."""
    for item in edition.lists:
        yield "list", item.kind.value, item.title, item, None, None
    for contact in edition.contacts:
        yield ("contact", contact.group.value, contact.organisation, contact,
               edition.region, None)
    for text in edition.texts:
        yield ("text", text.type.value, text.title, text, edition.region,
               text.date.code if text.date else None)
    for entry in edition.directory:
        yield "directory", None, entry.organisation, entry, entry.territory, None
    if edition.guide is not None:
        for public in edition.guide.publics:
            yield "guide_public", public.group, public.label, public, None, None
        for term in edition.guide.glossary:
            yield "glossary", None, term.acronym, term, None, None
        for link in edition.guide.networks:
            yield "network", None, link.network, link, None, None
    for matter in edition.matter:
        yield "matter", matter.place.value, matter.title or "", matter, None, None


def claim_row(c: EvolutionClaim, edition_id: str) -> dict[str, Any]:
    return {"edition_id": edition_id, "place": c.place, "indicator": c.indicator,
            "territory": c.territory, "base_period": c.base_period.code,
            "period": c.period.code, "printed": c.printed, "value": c.value,
            "unit": c.unit, "note": c.note, "accepted": [list(a) for a in c.accepted],
            **provenance_columns("prov", c.provenance),
            **provenance_columns("origin", c.origin), "quality": quality_data(c.quality)}


def claim_of(r: Any) -> EvolutionClaim:
    return EvolutionClaim(
        indicator=r.indicator, territory=r.territory,
        base_period=parse_period(r.base_period), period=parse_period(r.period),
        printed=r.printed, value=r.value, unit=r.unit, place=r.place,
        provenance=Provenance(r.prov_file, r.prov_line) if r.prov_file else None,
        origin=Provenance(r.origin_file, r.origin_line) if r.origin_file else None,
        note=r.note, accepted=tuple((a, b) for a, b in r.accepted or ()),
        quality=quality_of(r.quality))
