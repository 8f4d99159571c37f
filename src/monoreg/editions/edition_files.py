"""An Edition written as the data files editors keep (data/editions/<slug>/<year>/), the
reverse of ingest/datafiles/edition.py: what `monoreg load` reads back is the same edition.

Used for an imported monograph: every figure, evolution, list item, contact and text keeps
the line of `source.txt` it was read from (`origin`; `source.txt` is the document's text as
read, so that its line numbers are the reader's), and a figure the reader was unsure of
carries the « à vérifier » mark (`check`) with the reader's reasons and confidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from monoreg import formatting as fr
from monoreg.editions.datafile_writer import write_csv, write_yaml
from monoreg.editions.scaffold import EVOLUTION_HEADER, OBSERVATION_HEADER
from monoreg.model import (
    Contact,
    ContactGroup,
    Edition,
    EvolutionClaim,
    ListItem,
    ListKind,
    Observation,
    Provenance,
    Status,
    Text,
)

SOURCE_TEXT = "source.txt"
TO_CHECK = "à vérifier"


def check_mark(confidence: float, reasons: Sequence[str]) -> str | None:
    """The « à vérifier » mark of a figure read with less than full confidence."""
    if confidence >= 1:
        return None
    why = " ; ".join(reasons) or "lecture incertaine"
    return f"{TO_CHECK} : {why} (confiance {fr.number(Decimal(str(confidence)), 2)})"


def _line(provenance: Provenance | None) -> int | None:
    return provenance.line if provenance is not None else None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _observation_row(o: Observation, check: str | None) -> dict[str, str]:
    return {
        "place": o.place, "indicator": o.indicator, "territory": o.territory,
        "period": o.period.code, "printed_period": _text(o.printed_period),
        "printed": _text(o.printed),
        "value": "" if o.value is None or o.printed else format(o.value, "f"),
        "unit": o.unit, "status": "" if o.status is Status.VALUE or o.printed
        else o.status.value,
        "source": _text(o.source), "perimeter": _text(o.perimeter), "raw": _text(o.raw),
        "origin": _text(_line(o.origin)), "note": _text(o.note),
        "dimension": _text(o.dimension), "dimension_label": _text(o.dimension_label),
        "check": _text(check or o.to_check)}


def _evolution_row(c: EvolutionClaim) -> dict[str, str]:
    return {"place": c.place, "indicator": c.indicator, "territory": c.territory,
            "base_period": c.base_period.code, "period": c.period.code, "printed": c.printed,
            "value": "" if c.value is None else format(c.value, "f"),
            "unit": _text(c.unit), "origin": _text(_line(c.origin)), "note": _text(c.note)}


def _clean(data: Mapping[str, Any]) -> dict[str, Any]:
    """Empty keys left out, so that the files read like hand-entered ones."""
    return {k: v for k, v in data.items() if v not in (None, "", (), [], {})}


def _list_item(item: ListItem) -> dict[str, Any]:
    return _clean({"title": item.title, "body": item.body, "details": dict(item.details),
                   "origin": _line(item.provenance), "note": item.note})


def _contact(item: Contact) -> dict[str, Any]:
    # `person` is written even when empty: a role printed without anybody is data
    return {"organisation": item.organisation, **_clean({"unit": item.unit, "role": item.role}),
            "person": item.person, **_clean({
                "phone": item.phone, "email": item.email, "website": item.website,
                "origin": _line(item.provenance), "note": item.note})}


def _text_item(item: Text) -> dict[str, Any]:
    return {"type": item.type.value, "section": item.section, "title": item.title,
            **_clean({"date": item.date.label() if item.date else None,
                      "source": item.source, "origin": _line(item.provenance),
                      "note": item.note}),
            "body": item.body}


def _blocks(items: Iterable[Any], kinds: Iterable[Any], kind_of: str,
            write: Any) -> dict[str, Any]:
    """One block per kind, in the schema's order, with the source its items share."""
    result: dict[str, Any] = {}
    items = list(items)
    for kind in kinds:
        mine = [i for i in items if getattr(i, kind_of) is kind]
        if mine:
            result[kind.value] = _clean({"source": mine[0].source,
                                         "origin": _line(mine[0].provenance),
                                         "items": [write(i) for i in mine]})
    return result


def _edition_yaml(edition: Edition, note: str) -> dict[str, Any]:
    return _clean({
        "region": edition.region, "year": edition.year, "title": edition.title,
        "publisher": edition.publisher, "published": edition.published.label(),
        "cutoff": edition.cutoff.label(), "synthetic": edition.synthetic or None,
        "note": note,
        "facts": [{"label": label, "value": value} for label, value in edition.facts],
        "sources": {s.id: _clean({"producer": s.producer, "dataset": s.dataset,
                                  "published": s.published, "url": s.url,
                                  "printed": s.printed}) for s in edition.sources},
        "table_sources": dict(edition.table_sources)})


def write_edition_files(folder: Path, edition: Edition, source_lines: Sequence[str],
                        checks: Sequence[str | None], *, origin: str) -> None:
    """Write `edition` into `folder` (which must exist and be empty); `checks` gives each
    observation's « à vérifier » mark (None: read without doubt), `origin` says where the
    files come from (their header comments)."""
    said = (f"Écrit par « monoreg import monograph » depuis {origin}.",
            "origin = ligne de source.txt (le texte du document tel que lu).")
    write_yaml(folder / "edition.yaml", _edition_yaml(
        edition, f"Importée de {origin} par « monoreg import monograph » : chiffres, listes, "
                 "contacts et textes tels que lus ; les chiffres marqués « à vérifier » "
                 "(colonne check de observations.csv) sont à comparer à l'imprimé."),
        (*said, "Schéma EditionFile de src/monoreg/ingest/datafiles/schemas.py."))
    write_csv(folder / "observations.csv", OBSERVATION_HEADER,
              (_observation_row(o, c) for o, c in zip(edition.observations, checks,
                                                        strict=True)),
              (*said, "check : « à vérifier » quand la lecture est incertaine ; vider la "
                      "colonne une fois le chiffre vérifié sur l'imprimé."))
    write_csv(folder / "evolutions.csv", EVOLUTION_HEADER,
              (_evolution_row(c) for c in edition.evolutions), said)
    lists = _blocks(edition.lists, ListKind, "kind", _list_item)
    if lists:
        write_yaml(folder / "lists.yaml", lists, said)
    contacts = _blocks(edition.contacts, ContactGroup, "group", _contact)
    if contacts:
        write_yaml(folder / "contacts.yaml", contacts, said)
    if edition.texts:
        write_yaml(folder / "texts.yaml", {"texts": [_text_item(t) for t in edition.texts]},
                   said)
    (folder / SOURCE_TEXT).write_text("".join(f"{line}\n" for line in source_lines),
                                      encoding="utf-8")
