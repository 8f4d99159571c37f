"""Commands on the data files and the store: load, show, export."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from monoreg.cli.common import (
    EditionOption,
    app,
    err,
    open_store,
    out,
    resolve_edition_year,
    resolve_region,
)
from monoreg.derive import figure_text as figures
from monoreg.derive.key_figures import figure_text, key_figures
from monoreg.errors import UsageError
from monoreg.loading import load as load_data
from monoreg.model import QUALITY_LEGEND, Catalog, QualityStatus
from monoreg.publish.exports import WRITERS, edition_export, region_export
from monoreg.settings import get_settings

DataOption = Annotated[Path | None, typer.Option("--data", help="Data folder "
                                                 "(default: MONOREG_DATA_DIR or data/).")]


@app.command()
def load(data: DataOption = None) -> None:
    """(Re)load reference data and every edition from the data files, atomically."""
    settings = get_settings()
    data_dir = data or settings.data_dir
    store = open_store(settings)
    console = out()
    with console.status("Chargement des fichiers de données…"):
        report = load_data(store, data_dir)
    console.print(f"Chargé : {report.editions} édition(s), {report.observations} chiffres, "
                  f"{report.evolutions} évolutions imprimées, {report.items} éléments de "
                  f"contenu, {report.series} chiffres de séries officielles.")


@app.command()
def show(region: str, edition: EditionOption = None,
         section: Annotated[str | None, typer.Option(help="Only this section id.")] = None,
         format: Annotated[str, typer.Option("--format", help="text or json")] = "text",
         ) -> None:
    """Key figures of an edition: region N-1 and N, evolution, France."""
    if format not in ("text", "json"):
        raise UsageError("--format is text or json")
    store = open_store()
    catalog = store.catalog()
    territory = resolve_region(catalog, region)
    year = resolve_edition_year(store, territory, edition)
    data = store.edition(territory.code, year)
    rows = [r for r in key_figures(data, catalog, section)
            if section or r.place != "chiffres-cles"]
    if format == "json":
        payload = [{
            "section": r.place, "indicator": r.indicator.id, "label": r.indicator.label,
            "base": _cell(r.base, catalog), "current": _cell(r.current, catalog),
            "evolution": r.evolution, "evolution_printed": r.evolution_printed,
            "france": _cell(r.national, catalog)} for r in rows]
        out().print_json(json.dumps(payload, ensure_ascii=False))
        return
    table = Table(title=f"{territory.name} — édition {year}", show_lines=False)
    for name in ("Section", "Indicateur", "Région N-1", "Région N", "Évolution",
                 "Imprimée", "France"):
        table.add_column(name, justify="right" if name not in ("Section", "Indicateur")
                         else "left", overflow="fold")
    for r in rows:
        table.add_row(
            r.place, r.indicator.label, _text(r.base, catalog), _text(r.current, catalog),
            _status(r.evolution or "–", r.claim), r.evolution_printed or "",
            _text(r.national, catalog))
    out().print(table)
    shown = {o.quality.status for r in rows for o in (r.base, r.current, r.national, r.claim)
             if o is not None} - {QualityStatus.OK}
    if shown:  # the legend of the statuses shown, from their one definition
        out().print("\n".join(f"[{QUALITY_LEGEND[s].label}] {QUALITY_LEGEND[s].description}"
                              for s in QualityStatus if s in shown), highlight=False)


def _cell(observation: Any, catalog: Catalog) -> dict[str, Any] | None:
    if observation is None:
        return None
    return {"period": observation.period.code, "value": _text(observation, catalog),
            "printed": observation.printed, "territory": observation.territory}


def _text(observation: Any, catalog: Catalog) -> str:
    if observation is None:
        return ""
    if observation.quality.status is QualityStatus.WITHHELD:
        return figure_text(catalog, observation)  # « non publié », no period to give
    return _status(f"{figure_text(catalog, observation)} "
                   f"({figures.period_text(observation, short=True)})", observation)


def _status(text: str, item: Any) -> str:
    """A figure that is not plainly trusted says so: '5 798 700 (juillet 2019) [Corrigé]'."""
    status = item.quality.status if item is not None else QualityStatus.OK
    if status in (QualityStatus.OK, QualityStatus.WITHHELD):  # « non publié » says it already
        return text
    return f"{text} [{QUALITY_LEGEND[status].label}]"


@app.command()
def export(region: str, edition: EditionOption = None,
           format: Annotated[str, typer.Option("--format", help="json, csv or xlsx")] = "json",
           out: Annotated[Path | None, typer.Option("--out", help="File to write "
                                                    "(default: standard output).")] = None,
           ) -> None:
    """One edition's figures and content, or (without --edition) every figure of a region."""
    if format not in WRITERS:
        raise UsageError(f"--format is one of: {', '.join(WRITERS)}")
    store = open_store()
    catalog = store.catalog()
    territory = resolve_region(catalog, region)
    if edition is not None:
        data = edition_export(catalog, store.edition(territory.code, edition))
    else:
        data = region_export(store, catalog, territory.code)
    payload = WRITERS[format](data)
    if out is None:
        if format == "xlsx" and sys.stdout.isatty():
            raise UsageError("xlsx is binary: give --out FILE")
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
    else:
        out.write_bytes(payload)
        err().print(f"Écrit : {out} ({len(data.observations)} chiffres)")


