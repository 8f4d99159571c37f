"""Commands on editions over time: `edition new`, `edition status`, `diff`, `ranking`."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from typing import Annotated, Any

import typer
from rich.table import Table

from monoreg import formatting as fr
from monoreg.cli.common import app, make_app, open_store, out, resolve_region
from monoreg.cli.data import DataOption
from monoreg.editions.diff import EditionDiff, Entry, Figure, diff_editions
from monoreg.editions.rankings import Ranking, rankings
from monoreg.editions.scaffold import scaffold_edition
from monoreg.editions.status import EditionStatus, edition_status
from monoreg.errors import UsageError
from monoreg.model import Catalog, Period, PeriodParseError, parse_period
from monoreg.model.codec import to_data
from monoreg.settings import get_settings, writable_data_dir

edition_app = make_app("Éditions : préparer la suivante, suivre ce qui reste à faire.")
app.add_typer(edition_app, name="edition")

FormatOption = Annotated[str, typer.Option("--format", help="text or json")]


def _format(value: str) -> str:
    if value not in ("text", "json"):
        raise UsageError("--format is text or json")
    return value


def _period(text: str | None, option: str) -> Period | None:
    if text is None:
        return None
    try:
        return parse_period(text)
    except PeriodParseError as error:
        raise UsageError(f"{option}: {error}") from None


def _json(data: Any) -> None:
    sys.stdout.write(json.dumps(to_data(data), ensure_ascii=False, indent=2) + "\n")


def _value(catalog: Catalog, indicator: str, value: Decimal | None, unit: str) -> str:
    return fr.figure(value, catalog.units[unit], catalog.indicators[indicator].decimals)


def _territory(catalog: Catalog, code: str) -> str:
    return catalog.territories.get(code).name


# -- edition new ------------------------------------------------------------------------
@edition_app.command("new")
def new(region: str, year: int,
        cutoff: Annotated[str | None, typer.Option(
            help="Data cut-off of the new edition ('décembre 2020'); default: a year per "
                 "year after the previous edition's.")] = None,
        published: Annotated[str | None, typer.Option(
            help="Publication date ('mai 2021'); default: likewise.")] = None,
        data: DataOption = None) -> None:
    """Scaffold edition YEAR of REGION in the data files from its latest earlier edition."""
    data_dir = writable_data_dir(data or get_settings().data_dir)
    report = scaffold_edition(data_dir, region, year, cutoff=_period(cutoff, "--cutoff"),
                              published=_period(published, "--published"))
    console = out()
    console.print(
        f"Édition {year} de {report.region.name} préparée dans {report.folder} à partir de "
        f"l'édition {report.base_year} (données arrêtées en {report.cutoff.label()}, "
        f"publication {report.published.label()}) : {report.carried} chiffre(s) repris, "
        f"{report.to_fill} à compléter ; {report.items} élément(s) de listes, contacts et "
        f"textes repris (vérifiés en {report.verified.label()} au plus tard) ; "
        f"{report.dropped_news} actualité(s) non reprise(s).")
    if report.assumed_rhythm:
        console.print("Rythme du producteur absent du catalogue (période supposée annuelle) : "
                      + ", ".join(report.assumed_rhythm) + ".")
    console.print(f"Ensuite : monoreg load, puis monoreg edition status "
                  f"{report.region.slug} {year}.")


# -- edition status ---------------------------------------------------------------------
@edition_app.command("status")
def status(region: str, year: int, format: FormatOption = "text") -> None:
    """What is still to update and check in edition YEAR of REGION."""
    _format(format)
    store = open_store()
    catalog = store.catalog()
    territory = resolve_region(catalog, region)
    result = edition_status(store, territory.code, year)
    if format == "json":
        _json(result)
        return
    _print_status(result, catalog, territory.name)


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _print_status(result: EditionStatus, catalog: Catalog, name: str) -> None:
    console = out()
    p = result.progress
    console.print(f"{name} — édition {result.year} : {p.done} sur {p.total} fait(s) "
                  f"({p.figures_done} chiffres sur {p.figures_total}, {p.items_done} éléments "
                  f"vérifiés sur {p.items_total}).")
    table = _table(f"Chiffres à mettre à jour ({len(result.to_update)})", "Section",
                   "Indicateur", "Territoire", "Période attendue", "Dernier chiffre connu")
    for item in result.to_update:
        known = item.previous
        table.add_row(item.place, item.label, _territory(catalog, item.territory),
                      item.period.label(),
                      f"{_value(catalog, item.indicator, known.value, known.unit)} "
                      f"({known.period.label()})" if known else "")
    console.print(table)
    table = _table(f"Périodes non alignées entre la région et la France "
                   f"({len(result.misaligned)})", "Section", "Indicateur", "Région", "National")
    for m in result.misaligned:
        table.add_row(m.place, m.label, m.region_period.label(),
                      f"{_territory(catalog, m.national)} : {m.national_period.label()}")
    console.print(table)
    since = result.checked_since.label()
    for title, items in (("Contacts", result.stale_contacts),
                         ("Listes et textes", result.stale_content)):
        table = _table(f"{title} à vérifier, vérifiés avant le {since} ({len(items)})",
                       "Titre", "Détail", "Vérifié")
        for stale in items:
            table.add_row(stale.title, stale.detail or "", stale.verified.label())
        console.print(table)
    table = _table(f"Erreurs de validation ({len(result.validation_errors)})", "Règle",
                   "Message", "Emplacement")
    for finding in result.validation_errors:
        table.add_row(finding.rule, finding.message, finding.location or "")
    console.print(table)


# -- diff -------------------------------------------------------------------------------
@app.command()
def diff(region: str, from_year: Annotated[int, typer.Argument(metavar="FROM")],
         to_year: Annotated[int, typer.Argument(metavar="TO")],
         format: FormatOption = "text") -> None:
    """Figures added, removed, changed and revised between editions FROM and TO of REGION."""
    _format(format)
    store = open_store()
    catalog = store.catalog()
    territory = resolve_region(catalog, region)
    result = diff_editions(store, territory.code, from_year, to_year)
    if format == "json":
        _json(result)
        return
    _print_diff(result, catalog, territory.name)


def _figure(catalog: Catalog, indicator: str, figure: Figure | None) -> str:
    if figure is None:
        return ""
    return _value(catalog, indicator, figure.value, figure.unit)


def _print_diff(result: EditionDiff, catalog: Catalog, name: str) -> None:
    console = out()
    console.print(f"{name} : de {result.from_edition} à {result.to_edition} — "
                  f"{len(result.added)} ajouté(s), {len(result.removed)} retiré(s), "
                  f"{len(result.changed)} modifié(s), {len(result.revisions)} révision(s), "
                  f"{len(result.pending)} à compléter, {result.unchanged} inchangé(s).")
    sections: tuple[tuple[str, tuple[Entry, ...]], ...] = (
        ("Révisions (même indicateur, territoire et période, autre valeur)", result.revisions),
        ("Ajoutés", result.added), ("Retirés", result.removed), ("Modifiés", result.changed))
    for title, entries in sections:
        if not entries:
            continue
        table = _table(f"{title} ({len(entries)})", "Indicateur", "Territoire", "Période",
                       "Avant", "Après", "Source après")
        for e in entries:
            table.add_row(e.label, _territory(catalog, e.territory), e.period.label(),
                          _figure(catalog, e.indicator, e.before),
                          _figure(catalog, e.indicator, e.after),
                          (e.after.source or "") if e.after else "")
        console.print(table)


# -- ranking ----------------------------------------------------------------------------
@app.command()
def ranking(indicator: str,
            period: Annotated[str | None, typer.Option(help="Only this period ('2021', "
                                                       "'T2 2019').")] = None,
            format: FormatOption = "text") -> None:
    """Regions ranked for INDICATOR, one ranking per period (only regions with that period)."""
    _format(format)
    store = open_store()
    result = rankings(store, indicator, _period(period, "--period"))
    if format == "json":
        _json(result)
        return
    catalog = store.catalog()
    for item in result:
        _print_ranking(item, catalog)


def _print_ranking(item: Ranking, catalog: Catalog) -> None:
    table = _table(f"{item.label} — {item.period.label()}", "Rang", "Région", "Valeur",
                   "Source")
    for r in item.ranked:
        table.add_row(str(r.rank), r.name, _value(catalog, item.indicator, r.value, item.unit),
                      r.source or "")
    console = out()
    console.print(table)
    if item.missing:
        console.print("Sans chiffre pour cette période : "
                      + ", ".join(_territory(catalog, code) for code in item.missing) + ".")
