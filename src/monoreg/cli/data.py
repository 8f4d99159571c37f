"""Commands on the data files and the store: load, show, export."""

from __future__ import annotations

import json
import sys
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.text import Text

from monoreg.cli.common import (
    EditionOption,
    OutFileOption,
    RegionArgument,
    TextOrJsonOption,
    app,
    check_format,
    err,
    examples,
    open_store,
    out,
    resolve_edition_year,
    resolve_region,
)
from monoreg.cli.completion import complete_section, complete_year
from monoreg.cli.terminal import Column, block, figure_cell, fitted_table, heading, label_grid
from monoreg.errors import UsageError

if TYPE_CHECKING:
    from monoreg.derive.key_figures import KeyFigure
    from monoreg.model import Catalog

DataOption = Annotated[Path | None, typer.Option(
    "--data", metavar="DOSSIER",
    help="Dossier des fichiers de données (défaut : MONOREG_DATA_DIR, sinon data/).")]


@app.command(epilog=examples("monoreg load", "monoreg load --data ~/monographies/donnees"))
def load(data: DataOption = None) -> None:
    """Charge (ou recharge) les données de référence et toutes les éditions.

    Tout ou rien : si un fichier est faux, l'erreur nomme le fichier et la ligne, et la base
    reste telle qu'elle était."""
    from monoreg.loading import load as load_data
    from monoreg.settings import get_settings

    settings = get_settings()
    data_dir = data or settings.data_dir
    store = open_store(settings)
    console = out()
    with console.status("Chargement des fichiers de données…"):
        report = load_data(store, data_dir)
    console.print(f"Chargé : {report.editions} édition(s), {report.observations} chiffres, "
                  f"{report.evolutions} évolutions imprimées, {report.items} éléments de "
                  f"contenu, {report.series} chiffres de séries officielles.")


@app.command(epilog=examples("monoreg init ~/monographies/donnees",
                             "MONOREG_DATA_DIR=~/monographies/donnees monoreg load"))
def init(folder: Annotated[Path, typer.Argument(
        metavar="DOSSIER", help="Dossier à créer (nouveau ou vide).", show_default=False)]
         ) -> None:
    """Crée un dossier de données de travail, copie des données d'exemple livrées avec
    monoreg (référentiels et édition Normandie).

    Les données d'exemple d'un monoreg installé sont en lecture seule : les commandes qui
    écrivent des fichiers de données travaillent dans ce dossier (MONOREG_DATA_DIR)."""
    import shutil

    from monoreg.settings import sample_data_dir

    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"« {folder} » existe déjà et n'est pas un dossier vide : "
                         "choisissez un nouveau dossier")
    shutil.copytree(sample_data_dir(), folder, dirs_exist_ok=True)
    out().print(f"Dossier de données créé : {folder} (copie des données d'exemple). "
                f"Ensuite : MONOREG_DATA_DIR={folder} monoreg load")


@app.command(epilog=examples("monoreg show normandie --edition 2020",
                             "monoreg show 28 --section population-emploi --format json"))
def show(region: RegionArgument, edition: EditionOption = None,
         section: Annotated[str | None, typer.Option(
             metavar="SECTION", autocompletion=complete_section,
             help="Seulement cette section (son identifiant, par exemple population-emploi).")
         ] = None,
         format: TextOrJsonOption = "text",
         ) -> None:
    """Chiffres d'une édition : région N-1 et N, évolution, France.

    Chaque évolution est recalculée à partir des deux chiffres et montrée à côté de
    l'évolution imprimée dans la monographie."""
    from monoreg.derive.key_figures import key_figures

    check_format(format, ("text", "json"))
    store = open_store()
    catalog = store.catalog()
    territory = resolve_region(catalog, region)
    if section is not None and catalog.section(section) is None:
        raise UsageError(f"section inconnue « {section} » : l'une de "
                         f"{', '.join(s.id for s in catalog.sections)}")
    year = resolve_edition_year(store, territory, edition)
    data = store.edition(territory.code, year)
    rows = [r for r in key_figures(data, catalog, section)
            if section or r.place != "chiffres-cles"]
    if format == "json":
        payload = [{
            "section": r.place, "indicator": r.indicator.id, "label": r.label,
            "base": _cell(r.base, catalog), "current": _cell(r.current, catalog),
            "evolution": r.evolution, "evolution_printed": r.evolution_printed,
            "france": _cell(r.national, catalog)} for r in rows]
        out().print_json(json.dumps(payload, ensure_ascii=False))
        return
    _print_rows(rows, catalog, f"{territory.name} — édition {year}")


# Headers say plainly which evolution is published (as printed in French typography,
# corrected by the editor, or computed where none is printed, said so) and which is quoted
# exactly as printed.
SHOW_COLUMNS = ("Région N-1", "Région N", "Évolution", "Évolution imprimée", "France")


def _print_rows(rows: list[KeyFigure], catalog: Catalog, title: str) -> None:
    """One table per section where it fits the terminal, else one block per figure."""
    console = out()
    console.print(Text(title, style="bold"))
    for place, group in groupby(rows, key=lambda r: r.place):
        items = list(group)
        section = catalog.section(place)
        heading(console, section.title if section else place)
        cells = [_cells(r, catalog) for r in items]
        # A column empty in the whole section (nothing printed, no national figure) is left out.
        kept = [i for i in range(len(SHOW_COLUMNS)) if any(row[i][0] for row in cells)]
        columns = [Column("Indicateur"),
                   *(Column(SHOW_COLUMNS[i].replace(" ", "\n", 1), "right") for i in kept)]
        table = fitted_table(console, columns, [
            [r.label, *(figure_cell(*row[i]) for i in kept)]
            for r, row in zip(items, cells, strict=True)], show_lines=True)
        if table is not None:
            console.print(table)
            continue
        for r, row in zip(items, cells, strict=True):
            names = (*SHOW_COLUMNS[:-1], _territory_name(r.national, catalog))
            lines = [(name, value, note) for name, (value, note)
                     in zip(names, row, strict=True) if value]
            console.print(block(r.label, label_grid(lines)))
    from monoreg.model import QUALITY_LEGEND, QualityStatus

    shown = {o.quality.status for r in rows for o in (r.base, r.current, r.national, r.claim)
             if o is not None} - {QualityStatus.OK}
    if shown:  # the legend of the statuses shown, from their one definition
        console.print("\n".join(f"[{QUALITY_LEGEND[s].label}] {QUALITY_LEGEND[s].description}"
                                for s in QualityStatus if s in shown), highlight=False)


def _cells(r: KeyFigure, catalog: Catalog) -> list[tuple[str, str]]:
    """(value, period) for each of SHOW_COLUMNS."""
    return [_value_period(r.base, catalog), _value_period(r.current, catalog),
            (r.evolution or "–", _status("", r.claim)), (r.evolution_printed or "", ""),
            _value_period(r.national, catalog)]


def _value_period(observation: Any, catalog: Catalog) -> tuple[str, str]:
    if observation is None:
        return "", ""
    from monoreg.derive import figure_text as figures
    from monoreg.derive.key_figures import figure_text
    from monoreg.model import QualityStatus

    if observation.quality.status is QualityStatus.WITHHELD:
        return figure_text(catalog, observation), ""  # « non publié », no period to give
    return figure_text(catalog, observation), _status(
        figures.period_text(observation, short=True), observation)


def _territory_name(observation: Any, catalog: Catalog) -> str:
    if observation is None:
        return "France"
    return catalog.territories.get(observation.territory).name


def _cell(observation: Any, catalog: Catalog) -> dict[str, Any] | None:
    if observation is None:
        return None
    return {"period": observation.period.code, "value": _text(observation, catalog),
            "printed": observation.printed, "territory": observation.territory,
            "quality": observation.quality.status.value}


def _text(observation: Any, catalog: Catalog) -> str:
    if observation is None:
        return ""
    from monoreg.derive import figure_text as figures
    from monoreg.derive.key_figures import figure_text
    from monoreg.model import QualityStatus

    value = figure_text(catalog, observation)
    if observation.quality.status is QualityStatus.WITHHELD:
        return value  # « non publié », no period to give
    return f"{value} ({figures.period_text(observation, short=True)})"


def _status(text: str, item: Any) -> str:
    """A figure that is not plainly trusted says so under it: 'juillet 2019 · Corrigé'."""
    from monoreg.model import QUALITY_LEGEND, QualityStatus

    status = item.quality.status if item is not None else QualityStatus.OK
    if status in (QualityStatus.OK, QualityStatus.WITHHELD):  # « non publié » says it already
        return text
    label = QUALITY_LEGEND[status].label
    return f"{text} · {label}" if text else label


@app.command(epilog=examples(
    "monoreg export normandie --edition 2020 --format xlsx --out normandie-2020.xlsx",
    "monoreg export 28 --format csv --out normandie.csv",
    "monoreg export 28 --format csv --dialect plain --out normandie-plain.csv"))
def export(region: RegionArgument,
           edition: Annotated[int | None, typer.Option(
               "--edition", metavar="ANNÉE", autocompletion=complete_year,
               help="Année de l'édition ; sans elle, tous les chiffres de la région (toutes "
                    "éditions et séries importées).")] = None,
           format: Annotated[str, typer.Option(
               "--format", metavar="FORMAT", help="json, csv ou xlsx.")] = "json",
           dialect: Annotated[str, typer.Option(
               "--dialect", metavar="DIALECTE", help="CSV : fr (point-virgule, virgule "
               "décimale, BOM, pour Excel en français) ou plain (virgule, point décimal, "
               "UTF-8 sans BOM).")] = "fr",
           out: OutFileOption = None,
           ) -> None:
    """Exporte les chiffres et contenus d'une édition, ou tous les chiffres d'une région."""
    from monoreg.publish.exports import (
        DIALECTS,
        FORMATS,
        edition_export,
        region_export,
        write_csv,
    )

    check_format(format, list(FORMATS))
    if dialect not in DIALECTS:
        raise UsageError(f"--dialect : {' | '.join(DIALECTS)} (« {dialect} » n'en est pas un)")
    store = open_store()
    catalog = store.catalog()
    territory = resolve_region(catalog, region)
    if edition is not None:
        data = edition_export(catalog, store.edition(territory.code, edition))
    else:
        data = region_export(store, catalog, territory.code)
    payload = (write_csv(data, DIALECTS[dialect]) if format == "csv"
               else FORMATS[format].render(data))
    if out is None:
        if format == "xlsx" and sys.stdout.isatty():
            raise UsageError("xlsx est un format binaire : donnez --out FICHIER")
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
    else:
        out.write_bytes(payload)
        err().print(f"Écrit : {out} ({len(data.observations)} chiffres)")


