"""Load data/reference/ into a Catalog, checking every code against the others."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from monoreg.datafile_reader import MARKS, display_path, read_csv, read_yaml, validate_yaml
from monoreg.errors import InputError
from monoreg.metadata.indicator_checks import load_checks
from monoreg.metadata.reference_files import IndicatorFile, SectionFile, SourceFile
from monoreg.model import (
    Catalog,
    Evolution,
    Indicator,
    IndicatorKind,
    Polarity,
    Section,
    Source,
    Territory,
    TerritoryIndex,
    TerritoryKind,
    Unit,
)

E = TypeVar("E", bound=Enum)
_BOOL = {"true": True, "false": False, "oui": True, "non": False, "1": True, "0": False}


def _bool(text: str, where: str, line: int, field: str) -> bool:
    try:
        return _BOOL[text.strip().lower()]
    except KeyError:
        raise InputError(f"« {text} » ne vaut ni true ni false", file=where, line=line,
                         field=field) from None


def load_territories(folder: Path) -> TerritoryIndex:
    territories: list[Territory] = []
    path = folder / "perimeters.csv"
    for row in read_csv(path, required={"code", "name"}, optional={"aliases", "description"}):
        aliases = tuple(a.strip() for a in row.get("aliases").split("|") if a.strip())
        territories.append(Territory(row.get("code"), row.get("name"), TerritoryKind.COUNTRY
                                     if row.get("code") == "FR" else TerritoryKind.PERIMETER,
                                     aliases=aliases, description=row.get("description") or None))
    path = folder / "regions.csv"
    for row in read_csv(path, required={"code", "name", "metropolitan"},
                        optional={"chief_town", "aliases"}):
        code = row.get("code")
        if not (len(code) == 2 and code.isdigit()):
            raise InputError(f"« {code} » n'est pas un code Insee de région à deux chiffres",
                             file=display_path(path), line=row.line, field="code")
        aliases = tuple(a.strip() for a in row.get("aliases").split("|") if a.strip())
        territories.append(Territory(
            code, row.get("name"), TerritoryKind.REGION, aliases=aliases,
            chief_town=row.get("chief_town") or None,
            metropolitan=_bool(row.get("metropolitan"), display_path(path), row.line,
                               "metropolitan")))
    codes = [t.code for t in territories]
    duplicates = {c for c in codes if codes.count(c) > 1}
    if duplicates:
        raise InputError(f"code(s) de territoire donné(s) deux fois : "
                         f"{', '.join(sorted(duplicates))}",
                         file=display_path(folder))
    return TerritoryIndex(tuple(territories))


def load_units(folder: Path) -> dict[str, Unit]:
    path = folder / "units.csv"
    units: dict[str, Unit] = {}
    for row in read_csv(path, required={"code", "symbol", "label", "dimension", "scale"}):
        try:
            scale = Decimal(row.get("scale"))
        except InvalidOperation:
            raise InputError(f"l'échelle « {row.get('scale')} » n'est pas un nombre",
                             file=display_path(path), line=row.line, field="scale") from None
        if row.get("code") in units:
            raise InputError(f"l'unité « {row.get('code')} » est déclarée deux fois",
                             file=display_path(path), line=row.line, field="code")
        units[row.get("code")] = Unit(row.get("code"), row.get("symbol"), row.get("label"),
                                      row.get("dimension"), scale)
    return units


def _items(model: type[BaseModel], path: Path) -> list:
    data = read_yaml(path)
    if not isinstance(data, list):
        raise InputError("une liste d'éléments est attendue", file=display_path(path), line=1)
    return [validate_yaml(model, item, path) for item in data]


def load_sections(folder: Path) -> tuple[Section, ...]:
    path = folder / "sections.yaml"
    items: list[SectionFile] = _items(SectionFile, path)
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise InputError(f"la section « {item.id} » est déclarée deux fois",
                             file=display_path(path),
                             line=item.line)
        seen.add(item.id)
    return tuple(Section(item.id, item.title, i) for i, item in enumerate(items))


def load_sources(folder: Path) -> dict[str, Source]:
    path = folder / "sources.yaml"
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise InputError("des identifiants de sources et leurs fiches sont attendus",
                         file=display_path(path), line=1)
    sources: dict[str, Source] = {}
    for key, value in data.items():
        if key in MARKS:
            continue
        item = validate_yaml(SourceFile, value, path)
        sources[key] = Source(key, item.producer, item.dataset, item.published, item.url,
                              item.printed, item.licence, item.licence_url)
    return sources


def _enum(enum: type[E], value: str, path: Path, line: int | None, field: str) -> E:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        raise InputError(f"« {value} » n'est pas l'une des valeurs permises : {allowed}",
                         file=display_path(path),
                         line=line, field=field) from None


def load_indicators(folder: Path, units: dict[str, Unit], sections: tuple[Section, ...],
                    sources: dict[str, Source]) -> dict[str, Indicator]:
    path = folder / "indicators.yaml"
    items: list[IndicatorFile] = _items(IndicatorFile, path)
    section_ids = {s.id for s in sections}
    indicators: dict[str, Indicator] = {}
    for item in items:
        def fail(message: str, field: str, item: IndicatorFile = item) -> InputError:
            return InputError(message, file=display_path(path),
                              line=item.keylines.get(field, item.line), field=field)

        if item.id in indicators:
            raise fail(f"l'indicateur « {item.id} » est déclaré deux fois", "id")
        if item.unit not in units:
            raise fail(f"unité inconnue « {item.unit} »", "unit")
        if item.section not in section_ids:
            raise fail(f"section inconnue « {item.section} »", "section")
        if item.source and item.source not in sources:
            raise fail(f"source inconnue « {item.source} »", "source")
        kind = _enum(IndicatorKind, item.kind, path, item.keylines.get("kind"), "kind")
        default = Evolution.POINTS if kind is IndicatorKind.RATE else Evolution.RELATIVE
        evolution = _enum(Evolution, item.evolution, path, item.keylines.get("evolution"),
                          "evolution") if item.evolution else default
        indicators[item.id] = Indicator(
            id=item.id, label=item.label, unit=item.unit, kind=kind, evolution=evolution,
            polarity=_enum(Polarity, item.polarity, path, item.keylines.get("polarity",
                                                                            item.line),
                           "polarity"),
            decimals=item.decimals, definition=item.definition, source=item.source,
            section=item.section, short_label=item.short_label, additive=item.additive,
            part_of=item.part_of, caveats=item.caveats, frequency=item.frequency)
    for item in items:
        if item.part_of and item.part_of not in indicators:
            raise InputError(f"part_of nomme un indicateur inconnu « {item.part_of} »",
                             file=display_path(path),
                             line=item.keylines.get("part_of", item.line), field="part_of")
    return indicators


def load_catalog(data_dir: Path) -> Catalog:
    folder = data_dir / "reference"
    if not folder.is_dir():
        raise InputError("pas de dossier reference/ : est-ce bien un dossier de données "
                         "monoreg ?",
                         file=display_path(data_dir))
    units = load_units(folder)
    sections = load_sections(folder)
    sources = load_sources(folder)
    indicators = load_indicators(folder, units, sections, sources)
    return Catalog(load_territories(folder), units, sections, indicators, sources,
                   load_checks(folder, indicators))
