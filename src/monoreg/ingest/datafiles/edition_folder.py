"""Load one edition folder (data/editions/<region>/<year>/) into an Edition."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from monoreg.datafile_reader import CsvRow, data_path, display_path, load_yaml, read_csv
from monoreg.errors import InputError
from monoreg.ingest.datafiles.fields import Cell
from monoreg.ingest.datafiles.releases import load_releases
from monoreg.ingest.datafiles.resolutions import load_resolutions
from monoreg.ingest.datafiles.schemas import (
    ContactsFile,
    DirectoryFile,
    EditionFile,
    GuideFile,
    ListsFile,
    MatterFile,
    MeasuresFile,
    TextsFile,
)
from monoreg.model import (
    Catalog,
    Contact,
    ContactGroup,
    DirectoryEntry,
    Edition,
    EvolutionClaim,
    Framework,
    GlossaryEntry,
    Guide,
    GuidePublic,
    ListItem,
    ListKind,
    MatterPlace,
    Measure,
    MeasureAmount,
    MeasureDomain,
    MeasureKind,
    MeasureStatus,
    NetworkLink,
    Observation,
    Period,
    Phone,
    PrintedMatter,
    Provenance,
    Source,
    Status,
    Text,
    TextType,
)
from monoreg.model.names import slugify
from monoreg.model.printed import PrintedNumberError, read_printed

OBSERVATION_COLUMNS = {"place", "indicator", "territory", "period"}
OBSERVATION_OPTIONAL = {"printed_period", "printed", "value", "unit", "status", "source",
                        "perimeter", "raw", "origin", "note", "accept", "dimension",
                        "dimension_label", "check"}
DIMENSION = re.compile(r"[a-z][a-z0-9-]*:\S+")
EVOLUTION_COLUMNS = {"place", "indicator", "territory", "base_period", "period", "printed"}
EVOLUTION_OPTIONAL = {"value", "unit", "origin", "note", "accept"}
SOURCE_TEXT = "source.txt"


class _EditionReader:
    def __init__(self, folder: Path, catalog: Catalog, root: Path) -> None:
        self.folder = folder
        self.root = root
        self.catalog = catalog
        self.meta = load_yaml(EditionFile, folder / "edition.yaml")
        self.meta_cell = Cell(display_path(folder / "edition.yaml"), None)
        self.local_sources = {
            key: Source(key, s.producer, s.dataset, s.published, s.url, s.printed, s.licence,
                        s.licence_url)
            for key, s in self.meta.sources.items()}
        self.origin_file = data_path(folder / SOURCE_TEXT, root)

    # -- helpers ------------------------------------------------------------------------
    def prov(self, name: str, line: int | None) -> Provenance:
        return Provenance(data_path(self.folder / name, self.root), line)

    def origin(self, line: int | None) -> Provenance | None:
        return Provenance(self.origin_file, line) if line is not None else None

    def source_id(self, cell: Cell, text: str | None, field: str = "source") -> str | None:
        if not text:
            return None
        if text in self.local_sources or text in self.catalog.sources:
            return text
        raise cell.error(f"source inconnue « {text} » (absente des sources d'edition.yaml et "
                         "de data/reference/sources.yaml)", field)

    def file(self, name: str) -> Path | None:
        path = self.folder / name
        return path if path.exists() else None

    # -- edition.yaml -------------------------------------------------------------------
    def header(self) -> dict:
        def cell(key: str) -> Cell:  # an error names the line of its key
            return Cell(display_path(self.folder / "edition.yaml"),
                        self.meta.keylines.get(key, self.meta.line))

        region = cell("region").region(self.catalog, self.meta.region)
        if self.folder.name != str(self.meta.year) or self.folder.parent.name != region.slug:
            raise cell("region").error(f"pour cette région et cette année, le dossier doit "
                                       f"être editions/{region.slug}/{self.meta.year}/",
                                       "region")
        for place, source in self.meta.table_sources.items():
            cell("table_sources").section(self.catalog, place, "table_sources")
            self.source_id(cell("table_sources"), source, "table_sources")
        return {
            "region": region.code, "year": self.meta.year,
            "published": cell("published").period(self.meta.published, "published"),
            "cutoff": cell("cutoff").period(self.meta.cutoff, "cutoff"),
            "title": self.meta.title, "publisher": self.meta.publisher,
            "sources": tuple(sorted(self.local_sources.values(), key=lambda s: s.id)),
            "table_sources": tuple(self.meta.table_sources.items()),
            "facts": tuple((f.label, f.value) for f in self.meta.facts),
            "provenance": self.prov("edition.yaml", self.meta.line),
            "synthetic": self.meta.synthetic,
        }

    # -- observations.csv ---------------------------------------------------------------
    def observation(self, row: CsvRow, cell: Cell) -> Observation:
        indicator = cell.indicator(self.catalog, row.get("indicator"))
        place = cell.section(self.catalog, row.get("place"))
        printed = row.values.get("printed") or None
        value_text = row.get("value")
        status = Status(row.get("status")) if row.get("status") in {s.value for s in Status} \
            else None
        if row.get("status") and status is None:
            raise cell.error(f"statut « {row.get('status')} » inconnu (attendu : "
                             "non-renseigne, sans-objet ou a-completer)", "status")
        if status is Status.TO_FILL and printed is not None:
            raise cell.error("un chiffre à compléter (a-completer) n'a pas de texte imprimé : "
                             "retirez le statut une fois le chiffre rempli", "printed")
        value = cell.decimal(value_text) if value_text else None
        parsed = None
        if printed is not None:
            try:
                parsed = read_printed(printed)
            except PrintedNumberError as error:
                raise cell.error(str(error), "printed") from None
        status = status or (parsed.status if parsed else Status.VALUE)
        if status is Status.VALUE:
            if parsed is not None and parsed.value is not None:
                if value is not None and value != parsed.value:
                    raise cell.error(f"le texte imprimé « {printed} » se lit {parsed.value}, "
                                     f"et non {value} : corrigez l'un des deux", "value")
                value = parsed.value if value is None else value
            if value is None:
                raise cell.error("un chiffre a besoin d'une valeur, d'un texte imprimé ou "
                                 "d'un statut", "value")
        elif value is not None:
            raise cell.error(f"le statut « {status.value} » va avec une valeur vide", "value")
        unit = cell.unit(self.catalog, row.get("unit")) if row.get("unit") \
            else self.catalog.indicators[indicator].unit
        source = self.source_id(cell, row.get("source")) or self.meta.table_sources.get(place)
        dimension = row.get("dimension") or None
        if dimension is not None and not DIMENSION.fullmatch(dimension):
            raise cell.error(f"ventilation « {dimension} » : « schéma:code » attendu "
                             "(naf:GZ)", "dimension")
        if row.get("dimension_label") and dimension is None:
            raise cell.error("un dimension_label va avec une dimension", "dimension")
        return Observation(
            indicator=indicator, territory=cell.territory(self.catalog, row.get("territory")).code,
            period=cell.period(row.get("period")), value=value, unit=unit, status=status,
            source=source, printed=printed, printed_period=row.values.get("printed_period") or None,
            place=place, provenance=self.prov("observations.csv", row.line),
            origin=self.origin(cell.integer(row.get("origin"), "origin")),
            perimeter=row.get("perimeter") or None, raw=row.values.get("raw") or None,
            note=row.get("note") or None, accepted=cell.accepted(row.get("accept")),
            dimension=dimension, dimension_label=row.get("dimension_label") or None,
            to_check=row.get("check") or None)

    def observations(self) -> tuple[Observation, ...]:
        path = self.file("observations.csv")
        if path is None:
            return ()
        result: list[Observation] = []
        seen: dict[tuple[str, ...], int] = {}
        for row in read_csv(path, required=OBSERVATION_COLUMNS, optional=OBSERVATION_OPTIONAL):
            cell = Cell(display_path(path), row.line)
            observation = self.observation(row, cell)
            if observation.key in seen:
                raise cell.error(f"chiffre en double : même place, indicateur, ventilation, "
                                 f"territoire et période qu'à la ligne {seen[observation.key]}")
            seen[observation.key] = row.line
            result.append(observation)
        return tuple(result)

    # -- evolutions.csv -----------------------------------------------------------------
    def evolutions(self) -> tuple[EvolutionClaim, ...]:
        path = self.file("evolutions.csv")
        if path is None:
            return ()
        result: list[EvolutionClaim] = []
        seen: dict[tuple[str, ...], int] = {}
        for row in read_csv(path, required=EVOLUTION_COLUMNS, optional=EVOLUTION_OPTIONAL):
            cell = Cell(display_path(path), row.line)
            unit = row.get("unit") or None
            if unit not in (None, "percent", "points"):
                raise cell.error(f"l'unité « {unit} » n'est ni percent ni points", "unit")
            claim = EvolutionClaim(
                indicator=cell.indicator(self.catalog, row.get("indicator")),
                territory=cell.territory(self.catalog, row.get("territory")).code,
                base_period=cell.period(row.get("base_period"), "base_period"),
                period=cell.period(row.get("period")),
                printed=row.values.get("printed") or "",
                value=cell.decimal(row.get("value")) if row.get("value") else None,
                unit=unit, place=cell.section(self.catalog, row.get("place")),
                provenance=self.prov("evolutions.csv", row.line),
                origin=self.origin(cell.integer(row.get("origin"), "origin")),
                note=row.get("note") or None, accepted=cell.accepted(row.get("accept")))
            if claim.key in seen:
                raise cell.error(f"évolution en double : la même qu'à la ligne {seen[claim.key]}")
            seen[claim.key] = row.line
            result.append(claim)
        return tuple(result)

    # -- YAML content -------------------------------------------------------------------
    def verified(self, name: str, item: Any) -> Period | None:
        """The date an item carried over from an earlier edition was last checked."""
        cell = Cell(display_path(self.folder / name), item.line)
        return cell.optional_period(item.verified, "verified")

    def _grouped(self, name: str, model: type[BaseModel], kinds: Iterable[StrEnum]
                 ) -> Iterator[tuple[Any, str | None, Any]]:
        """(kind, block source, item) for files made of one block per kind (lists, contacts)."""
        path = self.file(name)
        if path is None:
            return
        data = load_yaml(model, path)
        for kind in kinds:
            block = getattr(data, kind.value)
            if block is None:
                continue
            source = self.source_id(Cell(display_path(path), block.line), block.source)
            for item in block.items:
                yield kind, source, item

    def lists(self) -> tuple[ListItem, ...]:
        return tuple(
            ListItem(kind, i.title, i.body, tuple(i.details.items()), source,
                     self.prov("lists.yaml", i.line), i.note, tuple(i.accept.items()),
                     self.verified("lists.yaml", i))
            for kind, source, i in self._grouped("lists.yaml", ListsFile, ListKind))

    def contacts(self) -> tuple[Contact, ...]:
        return tuple(
            Contact(group, c.organisation, c.role, c.person, c.unit, c.phone, c.email,
                    c.website, source, self.prov("contacts.yaml", c.line), c.note,
                    tuple(c.accept.items()), self.verified("contacts.yaml", c))
            for group, source, c in self._grouped("contacts.yaml", ContactsFile, ContactGroup))

    def texts(self) -> tuple[Text, ...]:
        path = self.file("texts.yaml")
        if path is None:
            return ()
        texts: list[Text] = []
        for item in load_yaml(TextsFile, path).texts:
            cell = Cell(display_path(path), item.line)
            try:
                kind = TextType(item.type)
            except ValueError:
                allowed = ", ".join(t.value for t in TextType)
                raise cell.error(f"« {item.type} » n'est pas l'un des types permis : {allowed}",
                                 "type") from None
            texts.append(Text(kind, item.title, item.body.strip(),
                              cell.section(self.catalog, item.section, "section"),
                              cell.optional_period(item.date, "date"), item.source,
                              self.prov("texts.yaml", item.line), item.note,
                              tuple(item.accept.items()), self.verified("texts.yaml", item)))
        return tuple(texts)

    def directory(self) -> dict[str, Any]:
        """The Edition fields of directory.yaml: its entries, title and date."""
        path = self.file("directory.yaml")
        if path is None:
            return {}
        data = load_yaml(DirectoryFile, path)
        entries: list[DirectoryEntry] = []
        for item in data.entries:
            cell = Cell(display_path(path), item.line)
            territory = cell.region(self.catalog, item.territory, "territory").code \
                if item.territory else None
            entries.append(DirectoryEntry(
                territory, item.territory_label, item.organisation,
                tuple(Phone(p.number, p.label) for p in item.phones), tuple(item.emails),
                tuple(item.websites), tuple(item.public_websites),
                self.prov("directory.yaml", item.line), item.note, tuple(item.accept.items())))
        published = Cell(display_path(path), data.keylines.get("published", data.line)
                          ).optional_period(data.published, "published")
        return {"directory": tuple(entries), "directory_title": data.title,
                "directory_published": published}

    def matter(self) -> tuple[PrintedMatter, ...]:
        path = self.file("matter.yaml")
        if path is None:
            return ()
        blocks: list[PrintedMatter] = []
        for item in load_yaml(MatterFile, path).blocks:
            try:
                place = MatterPlace(item.place)
            except ValueError:
                allowed = ", ".join(p.value for p in MatterPlace)
                raise Cell(display_path(path), item.line).error(
                    f"'{item.place}' is not one of: {allowed}", "place") from None
            blocks.append(PrintedMatter(
                place, item.body.strip(), item.title,
                tuple((line.label, line.value) for line in item.lines),
                self.prov("matter.yaml", item.line), self.origin(item.origin)))
        return tuple(blocks)

    def guide(self) -> Guide | None:
        path = self.file("guide.yaml")
        if path is None:
            return None
        data = load_yaml(GuideFile, path)
        first: dict[str, int | None] = {}
        for p in data.publics:  # the error names the repeat, as for any duplicate
            if p.id in first:
                raise Cell(display_path(path), p.line).error(
                    f"public « {p.id} » donné deux fois (la première à la ligne "
                    f"{first[p.id]})", "id")
            first[p.id] = p.line
        return Guide(
            data.title,
            Cell(display_path(path), data.line).optional_period(data.published, "published"),
            tuple(GuidePublic(p.id, p.label, p.group, tuple(p.structures), p.need,
                              self.prov("guide.yaml", p.line), p.note, tuple(p.accept.items()))
                  for p in data.publics),
            tuple(GlossaryEntry(g.acronym, g.definition, self.prov("guide.yaml", g.line))
                  for g in data.glossary),
            tuple(NetworkLink(n.network, n.url, self.prov("guide.yaml", n.line))
                  for n in data.networks),
            data.note)


def _choice(cell: Cell, enum: type[StrEnum], value: str, field: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        raise cell.error(f"« {value} » n'est pas l'une des valeurs permises : {allowed}",
                         field) from None


class _MeasureReader:
    """measures.yaml: each measure names the text it comes from and its line in source.txt."""

    def __init__(self, reader: _EditionReader, region: str, texts: tuple[Text, ...]) -> None:
        self.reader = reader
        self.region = region
        self.texts = {text.title: text for text in texts}

    def amount(self, path: Path, item: Any, source: str | None) -> MeasureAmount:
        cell = Cell(display_path(path), item.line)
        return MeasureAmount(
            cell.decimal(item.value), cell.unit(self.reader.catalog, item.unit), item.printed,
            item.period or None, item.label, item.source or source,
            self.reader.origin(item.origin),
            cell.indicator(self.reader.catalog, item.indicator, "indicator")
            if item.indicator else None)

    def measure(self, path: Path, item: Any) -> Measure:
        cell = Cell(display_path(path), item.line)
        text = self.texts.get(item.text)
        if text is None:
            raise cell.error(f"texte inconnu « {item.text} » (le titre d'un texte de "
                             "texts.yaml est attendu)", "text")
        if item.origin is None:
            raise cell.error("une mesure a besoin de sa ligne d'origine dans source.txt "
                             "(origin)", "origin")
        catalog = self.reader.catalog
        for public in item.publics:
            if public not in catalog.publics:
                raise cell.error(f"public inconnu « {public} » (absent de "
                                 "data/reference/publics.yaml)", "publics")
        source = item.source or text.source  # as texts: a source line as printed, or an id
        return Measure(
            id=item.id, region=self.region, title=item.title,
            kind=_choice(cell, MeasureKind, item.kind, "kind"),
            framework=_choice(cell, Framework, item.framework, "framework"),
            status=_choice(cell, MeasureStatus, item.status, "status"),
            publics=tuple(item.publics),
            domains=tuple(_choice(cell, MeasureDomain, d, "domains") for d in item.domains),
            summary=item.summary, start=cell.optional_period(item.start, "start"),
            end=cell.optional_period(item.end, "end"),
            amounts=tuple(self.amount(path, a, source) for a in item.amounts),
            territory=item.territory or None, section=text.section, text=text.title,
            source=source, provenance=self.reader.prov("measures.yaml", item.line),
            origin=self.reader.origin(item.origin), note=item.note,
            accepted=tuple(item.accept.items()))

    def measures(self) -> tuple[Measure, ...]:
        path = self.reader.file("measures.yaml")
        if path is None:
            return ()
        first: dict[str, int | None] = {}
        result: list[Measure] = []
        for item in load_yaml(MeasuresFile, path).measures:
            if item.id in first:
                raise Cell(display_path(path), item.line).error(
                    f"mesure « {item.id} » donnée deux fois (la première à la ligne "
                    f"{first[item.id]})", "id")
            first[item.id] = item.line
            result.append(self.measure(path, item))
        return tuple(result)


def load_edition(folder: Path, catalog: Catalog, root: Path) -> Edition:
    """Read an edition folder; `root` is the data folder provenance paths are relative to."""
    reader = _EditionReader(folder, catalog, root)
    header = reader.header()
    texts = reader.texts()
    edition = Edition(**header, observations=reader.observations(),
                      evolutions=reader.evolutions(), lists=reader.lists(),
                      contacts=reader.contacts(), texts=texts,
                      **reader.directory(), guide=reader.guide(), matter=reader.matter(),
                      measures=_MeasureReader(reader, header["region"], texts).measures())
    releases, updates = load_releases(folder, root, catalog, edition)
    return replace(edition, resolutions=load_resolutions(folder, root, catalog, edition),
                   releases=releases, updates=updates)


def edition_folders(data_dir: Path) -> list[Path]:
    root = data_dir / "editions"
    if not root.is_dir():
        return []
    return sorted(p.parent for p in root.glob("*/*/edition.yaml"))


def edition_folder(data_dir: Path, region_slug: str, year: int) -> Path:
    return data_dir / "editions" / slugify(region_slug) / str(year)


def check_unique(editions: list[Edition], folders: list[Path]) -> None:
    seen: dict[str, Path] = {}
    for edition, folder in zip(editions, folders, strict=True):
        if edition.id in seen:
            raise InputError(f"l'édition {edition.year} de la région {edition.region} est "
                             f"aussi dans {display_path(seen[edition.id])}",
                             file=display_path(folder))
        seen[edition.id] = folder
