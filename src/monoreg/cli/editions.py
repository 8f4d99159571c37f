"""Commands on editions over time: `edition new`, `edition status`, `diff`, `ranking`."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from monoreg import formatting as fr
from monoreg.cli.common import (
    RegionArgument,
    TextOrJsonOption,
    YearArgument,
    app,
    check_format,
    err,
    examples,
    make_app,
    open_store,
    out,
    resolve_region,
    where,
)
from monoreg.cli.completion import complete_indicator, complete_year
from monoreg.cli.data import DataOption
from monoreg.cli.next_steps import print_next_steps, status_steps
from monoreg.cli.terminal import Column, Prose, heading, table_or_blocks
from monoreg.errors import UsageError

if TYPE_CHECKING:  # the layers themselves are imported in the commands (cli/__init__.py)
    from monoreg.editions.diff import EditionDiff, Entry, Figure
    from monoreg.editions.rankings import Ranking
    from monoreg.editions.status import EditionStatus
    from monoreg.model import Catalog, Period

edition_app = make_app("Éditions : préparer la suivante, suivre ce qui reste à faire.")
app.add_typer(edition_app, name="edition")


def _format(value: str) -> str:
    return check_format(value, ("text", "json"))


def _period(text: str | None, option: str) -> Period | None:
    from monoreg.model import PeriodParseError, parse_period

    if text is None:
        return None
    try:
        return parse_period(text)
    except PeriodParseError as error:
        raise UsageError(f"{option}: {error}") from None


def _json(data: Any) -> None:
    from monoreg.model.codec import to_data

    sys.stdout.write(json.dumps(to_data(data), ensure_ascii=False, indent=2) + "\n")


def _value(catalog: Catalog, indicator: str, value: Decimal | None, unit: str) -> str:
    return fr.figure(value, catalog.units[unit], catalog.indicators[indicator].decimals)


def _territory(catalog: Catalog, code: str) -> str:
    return catalog.territories.get(code).name


# -- edition new ------------------------------------------------------------------------
@edition_app.command("new", epilog=examples(
    "monoreg edition new normandie 2021",
    "monoreg edition new normandie 2021 --cutoff 'décembre 2020' --published 'mai 2021'"))
def new(region: RegionArgument,
        year: Annotated[int, typer.Argument(
            metavar="ANNÉE", help="Année de publication de la nouvelle édition (2021).",
            show_default=False)],
        cutoff: Annotated[str | None, typer.Option(
            metavar="PÉRIODE",
            help="Arrêt des données de la nouvelle édition (décembre 2020) ; défaut : un an "
                 "après celui de l'édition précédente par année d'écart.")] = None,
        published: Annotated[str | None, typer.Option(
            metavar="PÉRIODE",
            help="Date de publication (mai 2021) ; défaut : de même.")] = None,
        data: DataOption = None) -> None:
    """Prépare l'édition ANNÉE d'une région dans les fichiers de données, à partir de sa
    dernière édition.

    Les chiffres sont repris comme « à compléter » pour la période attendue ; les listes,
    contacts et textes sont repris à vérifier."""
    from monoreg.editions.scaffold import scaffold_edition
    from monoreg.settings import get_settings, writable_data_dir

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
@edition_app.command("status", epilog=examples(
    "monoreg edition status normandie 2020",
    "monoreg edition status 28 2020 --format json"))
def status(region: RegionArgument, year: YearArgument, format: TextOrJsonOption = "text"
           ) -> None:
    """Ce qui reste à mettre à jour et à vérifier dans l'édition ANNÉE d'une région.

    Le résumé final dit quoi faire ensuite : remplir le tableur de l'édition, décider des
    erreurs de validation, publier."""
    _format(format)
    store = open_store()
    catalog = store.catalog()
    territory = resolve_region(catalog, region)
    from monoreg.editions.status import edition_status

    result = edition_status(store, territory.code, year)
    if format == "json":
        _json(result)
        return
    _print_status(result, catalog, territory.name)


def _section(catalog: Catalog, place: str) -> str:
    section = catalog.section(place)
    return section.title if section else place


def _print_status(result: EditionStatus, catalog: Catalog, name: str) -> None:
    console = out()
    p = result.progress
    console.print(Prose(f"{name} — édition {result.year} : {p.done} sur {p.total} fait(s) "
                        f"({p.figures_done} chiffres sur {p.figures_total}, {p.items_done} "
                        f"éléments vérifiés sur {p.items_total}).", "bold"))
    # One table per section: the section is a heading, not a column, so the table fits.
    by_section: dict[str, list[list[str]]] = {}
    for item in result.to_update:
        known = item.previous
        by_section.setdefault(item.place, []).append([
            item.label, _territory(catalog, item.territory), item.period.label(),
            f"{_value(catalog, item.indicator, known.value, known.unit)} "
            f"({known.period.label()})" if known else ""])
    if by_section:
        heading(console, f"Chiffres à mettre à jour ({len(result.to_update)})")
    for place, rows in by_section.items():
        console.print(Prose(_section(catalog, place), "italic"))
        table_or_blocks(console, [Column(h) for h in (
            "Indicateur", "Territoire", "Période\nattendue", "Dernier chiffre\nconnu")], rows,
            show_lines=True)
    _part(console, f"Périodes non alignées entre la région et le national "
                   f"({len(result.misaligned)})",
          ("Indicateur", "Section", "Région", "National"),
          [[m.label, _section(catalog, m.place), m.region_period.label(),
            f"{_territory(catalog, m.national)} : {m.national_period.label()}"]
           for m in result.misaligned])
    since = result.checked_since.label()
    for title, items in (("Contacts", result.stale_contacts),
                         ("Listes et textes", result.stale_content)):
        _part(console, f"{title} à vérifier, vérifiés avant le {since} ({len(items)})",
              ("Titre", "Détail", "Vérifié"),
              [[item.title, item.detail or "", item.verified.label()] for item in items])
    _part(console, f"Erreurs de validation sans décision ({len(result.validation_errors)})",
          ("Règle", "Message", "Emplacement"),
          [[f.rule, f.message, where(f.location)] for f in result.validation_errors])
    print_next_steps(console, status_steps(result, name))


def _part(console: Console, title: str, headers: tuple[str, ...], rows: list[list[str]]
          ) -> None:
    if rows:  # the summary at the end says what is empty
        heading(console, title)
        table_or_blocks(console, [Column(h) for h in headers], rows)


# -- edition fill -----------------------------------------------------------------------
@edition_app.command("fill", epilog=examples("monoreg edition fill normandie 2021"))
def fill(region: RegionArgument, year: YearArgument, data: DataOption = None) -> None:
    """Remplit les chiffres à compléter que tient déjà une série officielle ou un import.

    Pour la période attendue, sinon la dernière disponible à l'arrêt des données (dite dans
    la note du chiffre) ; valeur, unité et source reprises, provenance dans la note."""
    from monoreg.editions.fill import fill_edition
    from monoreg.settings import get_settings, writable_data_dir

    data_dir = writable_data_dir(data or get_settings().data_dir)
    store = open_store()
    catalog = store.catalog()
    territory = resolve_region(catalog, region)
    with err().status("Recherche des chiffres disponibles et rechargement…"):
        report = fill_edition(store, data_dir, territory.code, year)
    console = out()
    console.print(f"{territory.name} — édition {year} : {len(report.filled)} chiffre(s) "
                  f"rempli(s), {report.remaining} encore à compléter.")
    _part(console, "Chiffres remplis", ("Indicateur", "Territoire", "Période", "Valeur",
                                         "Depuis"),
          [[catalog.indicators[f.observation.indicator].label,
            _territory(catalog, f.observation.territory),
            f.record.observation.period.label()
            + (" (dernière disponible)" if f.latest_available else ""),
            _value(catalog, f.observation.indicator, f.record.observation.value,
                   f.record.observation.unit), f.record.batch_name] for f in report.filled])
    console.print(f"Ensuite : monoreg edition status {territory.slug} {year}, ou monoreg "
                  f"edition sheet {territory.slug} {year} --out chiffres.xlsx")


# -- edition sheet / apply --------------------------------------------------------------
@edition_app.command("sheet", epilog=examples(
    "monoreg edition sheet normandie 2021 --out chiffres-2021.xlsx"))
def sheet(region: RegionArgument, year: YearArgument,
          out_file: Annotated[Path, typer.Option(
              "--out", metavar="FICHIER.xlsx", help="Classeur à écrire (.xlsx).",
              show_default=False)]) -> None:
    """Classeur des éditeurs : une ligne par chiffre à compléter, colonne « Valeur » à
    remplir ; une feuille des constats sans décision (corriger / accepter / ne pas publier)."""
    from monoreg.editions.workbook import write_workbook

    if out_file.suffix.lower() != ".xlsx":
        raise UsageError("--out : un fichier .xlsx est attendu")
    store = open_store()
    territory = resolve_region(store.catalog(), region)
    with err().status("Préparation du classeur…"):
        figures, findings = write_workbook(store, territory.code, year, out_file)
    out().print(f"Classeur écrit : {out_file} — {figures} chiffre(s) à compléter (feuille "
                f"Chiffres, colonne « Valeur »), {findings} constat(s) sans décision (feuille "
                f"Constats). Ensuite : monoreg edition apply {out_file}")


@edition_app.command("apply", epilog=examples("monoreg edition apply chiffres-2021.xlsx"))
def apply(file: Annotated[Path, typer.Argument(
              metavar="FICHIER.xlsx", help="Classeur rempli (.xlsx).", show_default=False)],
          data: DataOption = None) -> None:
    """Vérifie les cellules remplies du classeur, les écrit dans les fichiers de l'édition
    (avec leur provenance : fichier, feuille, cellule) et recharge la base ; une cellule
    fausse, et rien n'est écrit."""
    from monoreg.editions.workbook_apply import apply_workbook
    from monoreg.settings import get_settings, writable_data_dir

    data_dir = writable_data_dir(data or get_settings().data_dir)
    store = open_store()
    with err().status("Vérification des cellules et rechargement…"):
        report = apply_workbook(store, data_dir, file)
    out().print(f"Édition {report.edition} : {report.figures} chiffre(s) écrit(s), "
                f"{report.decisions} décision(s) enregistrée(s) (resolutions.yaml) ; "
                f"{report.remaining} chiffre(s) encore à compléter.")


# -- diff -------------------------------------------------------------------------------
@app.command(epilog=examples("monoreg diff normandie 2020 2021",
                             "monoreg diff 28 2020 2021 --format json"))
def diff(region: RegionArgument,
         from_year: Annotated[int, typer.Argument(
             metavar="DE", help="Édition de départ (année).", autocompletion=complete_year,
             show_default=False)],
         to_year: Annotated[int, typer.Argument(
             metavar="À", help="Édition d'arrivée (année).", autocompletion=complete_year,
             show_default=False)],
         format: TextOrJsonOption = "text") -> None:
    """Chiffres ajoutés, retirés, modifiés et révisés entre deux éditions d'une région."""
    _format(format)
    store = open_store()
    catalog = store.catalog()
    territory = resolve_region(catalog, region)
    from monoreg.editions.diff import diff_editions

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
    console.print(Prose(f"{name} : de {result.from_edition} à {result.to_edition} — "
                        f"{len(result.added)} ajouté(s), {len(result.removed)} retiré(s), "
                        f"{len(result.changed)} modifié(s), {len(result.revisions)} "
                        f"révision(s), {len(result.pending)} à compléter, {result.unchanged} "
                        "inchangé(s)."))
    sections: tuple[tuple[str, tuple[Entry, ...]], ...] = (
        ("Révisions (même indicateur, territoire et période, autre valeur)", result.revisions),
        ("Ajoutés", result.added), ("Retirés", result.removed), ("Modifiés", result.changed))
    for title, entries in sections:
        if not entries:
            continue
        _part(console, f"{title} ({len(entries)})",
              ("Indicateur", "Territoire", "Période", "Avant", "Après", "Source après"),
              [[e.label, _territory(catalog, e.territory), e.period.label(),
                _figure(catalog, e.indicator, e.before), _figure(catalog, e.indicator, e.after),
                (e.after.source or "") if e.after else ""] for e in entries])


# -- ranking ----------------------------------------------------------------------------
@app.command(epilog=examples("monoreg ranking taux_chomage",
                             "monoreg ranking population_totale --period 2021"))
def ranking(indicator: Annotated[str, typer.Argument(
                metavar="INDICATEUR", help="Identifiant de l'indicateur (population_totale).",
                autocompletion=complete_indicator, show_default=False)],
            period: Annotated[str | None, typer.Option(
                metavar="PÉRIODE", help="Seulement cette période (2021, T2 2019).")] = None,
            format: TextOrJsonOption = "text") -> None:
    """Classe les régions pour un indicateur, une période après l'autre.

    Seules les régions qui ont un chiffre pour la période sont classées."""
    _format(format)
    store = open_store()
    from monoreg.editions.rankings import rankings

    result = rankings(store, indicator, _period(period, "--period"))
    if format == "json":
        _json(result)
        return
    catalog = store.catalog()
    for item in result:
        _print_ranking(item, catalog)


def _print_ranking(item: Ranking, catalog: Catalog) -> None:
    console = out()
    heading(console, f"{item.label} — {item.period.label()}")
    table_or_blocks(console, [Column("Rang", "right"), Column("Région"),
                              Column("Valeur", "right"), Column("Source")],
                    [[str(r.rank), r.name, _value(catalog, item.indicator, r.value, item.unit),
                      r.source or ""] for r in item.ranked], title_column=1)
    if item.missing:
        console.print("Sans chiffre pour cette période : "
                      + ", ".join(_territory(catalog, code) for code in item.missing) + ".")
