"""`monoreg edition new`: the next edition of a region, scaffolded in the data files from its
latest earlier edition (see docs/editions.md).

Figures: each group of figures of the old edition (one place, indicator and territory) keeps
its number of periods, ending at the period its producer's rhythm now gives (editions/
rhythm.py), a year apart as a monograph compares them. A period the old edition already has
is carried over with its value and source; any other is left to fill (status `a-completer`).
Lists, contacts and texts are carried over with the date they were last checked
(`verified`); news (`actualite`) are of their year and are not. What only describes the old
print — `source.txt` lines (`origin`), accepted findings, printed texts, printed evolutions —
is not carried. Nothing is overwritten, and the new files are read back with the loader
before they appear in the data folder.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from monoreg.datafile_reader import display_path, read_text
from monoreg.editions.datafile_writer import write_csv, write_yaml
from monoreg.editions.rhythm import advanced, expected_period, rhythm_known
from monoreg.errors import UsageError
from monoreg.ingest.datafiles.edition_folder import load_edition
from monoreg.metadata.reference import load_catalog
from monoreg.model import Catalog, Edition, Observation, Period, Status, Territory

OBSERVATION_HEADER = ("place", "indicator", "territory", "period", "printed_period", "printed",
                      "value", "unit", "status", "source", "perimeter", "raw", "origin", "note",
                      "accept", "dimension", "dimension_label", "check")
EVOLUTION_HEADER = ("place", "indicator", "territory", "base_period", "period", "printed",
                    "value", "unit", "origin", "note", "accept")
PRINT_KEYS = frozenset({"origin", "accept", "note", "cutoff_printed"})
NEWS = "actualite"
RHYTHM_FR = {"monthly": "mensuel", "quarterly": "trimestriel", "yearly": "annuel",
             "school_year": "annuel (année scolaire)"}


@dataclass(frozen=True)
class FigureSlot:
    """One figure of the new edition: carried over from the old one, or to fill."""

    place: str
    indicator: str
    territory: str
    period: Period
    unit: str
    frequency: str | None          # the producer's rhythm (catalogue)
    carried: Observation | None    # the old edition's figure for this very period
    previous: Observation          # the old edition's latest figure of the group

    @property
    def dimension(self) -> str | None:
        return self.previous.dimension

    @property
    def to_fill(self) -> bool:
        return self.carried is None or self.carried.status is Status.TO_FILL


@dataclass(frozen=True)
class ScaffoldReport:
    folder: Path
    region: Territory
    base_year: int
    year: int
    published: Period
    cutoff: Period
    carried: int                   # figures carried over
    to_fill: int                   # figures left to fill
    assumed_rhythm: tuple[str, ...]  # indicators without a known producer rhythm
    items: int                     # lists, contacts and texts carried with a verified date
    verified: Period               # the date given to items never verified since
    dropped_news: int


def plan_figures(old: Edition, catalog: Catalog, cutoff: Period) -> list[FigureSlot]:
    """The figures of the edition that follows `old` with data cut-off `cutoff`."""
    groups: dict[tuple[str, str, str], list[Observation]] = {}
    for o in old.observations:
        groups.setdefault((o.place, o.series, o.territory), []).append(o)
    slots: list[FigureSlot] = []
    for (place, _, territory), figures in groups.items():
        indicator = figures[0].indicator
        latest = max(figures, key=lambda o: o.period.sort_key())
        by_period = {o.period: o for o in figures}
        frequency = catalog.indicators[indicator].frequency
        periods = [expected_period(latest.period, frequency, old.cutoff, cutoff)]
        while len(periods) < len(figures):
            periods.insert(0, periods[0].year_earlier())
        slots.extend(FigureSlot(place, indicator, territory, p, latest.unit, frequency,
                                by_period.get(p), latest) for p in periods)
    return slots


def scaffold_edition(data_dir: Path, region: str, year: int, *, cutoff: Period | None = None,
                     published: Period | None = None) -> ScaffoldReport:
    """Write data/editions/<slug>/<year>/ from the region's latest earlier edition."""
    catalog = load_catalog(data_dir)
    territory = catalog.region(region)
    if territory is None:
        raise UsageError(f"région inconnue « {region} »")
    base = _latest_before(data_dir, territory, year)
    target = base.parent / str(year)
    if target.exists():
        raise UsageError(f"{display_path(target)} existe déjà : « monoreg edition new » "
                         "n'écrase jamais une édition")
    old = load_edition(base, catalog, data_dir)
    cutoff = cutoff or advanced(old.cutoff, 12 * (year - old.year))
    published = published or advanced(old.published, 12 * (year - old.year))
    if cutoff <= old.cutoff:
        raise UsageError(f"l'arrêté des données ({cutoff.label()}) doit être postérieur à "
                         f"celui de l'édition {old.year} ({old.cutoff.label()})")
    slots = plan_figures(old, catalog, cutoff)
    staging = Path(tempfile.mkdtemp(prefix=".new-", dir=base.parent.parent))
    try:
        folder = staging / territory.slug / str(year)
        folder.mkdir(parents=True)
        _write_edition_yaml(base, folder, old, year, published, cutoff)
        _write_figures(folder, old, slots)
        items, news = _write_content(base, folder, old.published)
        load_edition(folder, catalog, data_dir)  # what `monoreg load` will read must load
        folder.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    assumed = sorted({s.indicator for s in slots if s.to_fill and not rhythm_known(s.frequency)})
    to_fill = sum(s.to_fill for s in slots)
    return ScaffoldReport(target, territory, old.year, year, published, cutoff,
                          len(slots) - to_fill, to_fill, tuple(assumed), items, old.published,
                          news)


def _latest_before(data_dir: Path, region: Territory, year: int) -> Path:
    folder = data_dir / "editions" / region.slug
    years = sorted(int(p.parent.name) for p in folder.glob("*/edition.yaml")
                   if p.parent.name.isdigit() and int(p.parent.name) < year)
    if not years:
        raise UsageError(f"aucune édition de {region.name} antérieure à {year} dans "
                         f"{display_path(folder)} dont partir")
    return folder / str(years[-1])


# -- observations.csv and evolutions.csv ------------------------------------------------
def _write_figures(folder: Path, old: Edition, slots: list[FigureSlot]) -> None:
    comment = (f"Préparé par « monoreg edition new » à partir de l'édition {old.year}.",
               "Chiffres repris : valeur et source de l'édition précédente (colonne note).",
               "Chiffres à compléter : status a-completer ; saisir printed ou value et la "
               "source, puis vider status.")
    write_csv(folder / "observations.csv", OBSERVATION_HEADER,
              (_row(slot, old) for slot in slots), comment)
    write_csv(folder / "evolutions.csv", EVOLUTION_HEADER, (),
              ("Évolutions imprimées : à saisir quand l'édition est imprimée.",))


def _row(slot: FigureSlot, old: Edition) -> dict[str, str]:
    row = {"place": slot.place, "indicator": slot.indicator, "territory": slot.territory,
           "period": slot.period.code, "unit": slot.unit,
           "dimension": slot.previous.dimension or "",
           "dimension_label": slot.previous.dimension_label or ""}
    carried = slot.carried
    if carried is None or carried.status is Status.TO_FILL:
        return {**row, "status": Status.TO_FILL.value, "note": _to_fill_note(slot, old)}
    where = carried.provenance
    return {**row, "value": "" if carried.value is None else format(carried.value, "f"),
            "status": "" if carried.status is Status.VALUE else carried.status.value,
            "source": carried.source or "", "perimeter": carried.perimeter or "",
            "note": f"Repris de l'édition {old.year}"
            + (f" : {where.file}, ligne {where.line}." if where else ".")}


def _to_fill_note(slot: FigureSlot, old: Edition) -> str:
    rhythm = RHYTHM_FR.get(slot.frequency or "")
    how = (f"période attendue selon le rythme {rhythm} du producteur" if rhythm
           else "période supposée annuelle (rythme du producteur absent du catalogue)")
    return (f"À compléter : {how} ; dernier chiffre de l'édition {old.year} : "
            f"{slot.previous.period.label()}.")


# -- YAML files -------------------------------------------------------------------------
def _without_print(data: Any) -> Any:
    """The data without what refers to the old print (its source.txt lines, findings)."""
    if isinstance(data, dict):
        return {k: _without_print(v) for k, v in data.items() if k not in PRINT_KEYS}
    if isinstance(data, list):
        return [_without_print(item) for item in data]
    return data


def _read(path: Path) -> Any:
    return yaml.safe_load(read_text(path))


def _write_edition_yaml(base: Path, folder: Path, old: Edition, year: int, published: Period,
                        cutoff: Period) -> None:
    data = _without_print(_read(base / "edition.yaml"))
    data.update(year=year, published=published.label(), cutoff=cutoff.label(),
                note=f"Préparée par « monoreg edition new » à partir de l'édition {old.year} : "
                     "faits, sources et sources des tableaux repris, à vérifier.")
    write_yaml(folder / "edition.yaml", data,
               (f"Édition {year} préparée à partir de l'édition {old.year} "
                "(schéma EditionFile de src/monoreg/ingest/datafiles/schemas.py).",))


def _block_items(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Items of a file made of one block per kind (lists.yaml, contacts.yaml)."""
    for block in data.values():
        yield from block.get("items", []) if isinstance(block, dict) else ()


def _text_items(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield from data.get("texts", [])


VERIFIED_FILES: dict[str, Callable[[dict[str, Any]], Iterator[dict[str, Any]]]] = {
    "lists.yaml": _block_items, "contacts.yaml": _block_items, "texts.yaml": _text_items}
CARRIED_FILES = ("directory.yaml", "guide.yaml")


def _write_content(base: Path, folder: Path, published: Period) -> tuple[int, int]:
    """Carry lists, contacts and texts (with `verified`), directory and guide; drop news.
    Returns (items given a verified date, news texts dropped)."""
    items = news = 0
    for name, items_of in VERIFIED_FILES.items():
        if not (base / name).is_file():
            continue
        data = _without_print(_read(base / name))
        if "texts" in data:
            kept = [t for t in data["texts"] if t.get("type") != NEWS]
            news += len(data["texts"]) - len(kept)
            data["texts"] = kept
        for item in items_of(data):
            item.setdefault("verified", published.label())
            items += 1
        write_yaml(folder / name, data, ("Repris de l'édition précédente : « verified » est "
                                         "la date de la dernière vérification de chaque "
                                         "élément ; la mettre à jour après vérification.",))
    for name in CARRIED_FILES:
        if (base / name).is_file():
            write_yaml(folder / name, _without_print(_read(base / name)),
                       ("Repris de l'édition précédente.",))
    return items, news
