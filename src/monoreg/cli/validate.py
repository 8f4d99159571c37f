"""`monoreg validate`: the findings of every rule on one edition, as a table, JSON or HTML."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Group

from monoreg.cli.common import (
    EditionOption,
    OutFileOption,
    RegionArgument,
    app,
    check_format,
    err,
    examples,
    open_store,
    out,
    resolve_edition_year,
    resolve_region,
    where,
)
from monoreg.cli.next_steps import print_next_steps, validation_steps
from monoreg.cli.terminal import Column, Prose, block, field_grid, fitted_table, heading

if TYPE_CHECKING:  # the layers themselves are imported in the commands (cli/__init__.py)
    from monoreg.validate.report import Entry, Report

STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


@app.command(epilog=examples(
    "monoreg validate normandie --edition 2020",
    "monoreg validate normandie --edition 2020 --format html --out rapport.html",
    "monoreg validate 28 --strict --format json"))
def validate(region: RegionArgument, edition: EditionOption = None,
             format: Annotated[str, typer.Option(
                 "--format", metavar="FORMAT",
                 help="text (tableaux, par défaut), json ou html.")] = "text",
             strict: Annotated[bool, typer.Option(
                 "--strict", help="Code de sortie 1 si une erreur reste sans décision.")
             ] = False,
             out_file: OutFileOption = None,
             ) -> None:
    """Vérifie une édition : les constats de chaque règle, erreurs d'abord, par section.

    Le résumé final dit ce qui reste à faire et où le faire."""
    from monoreg.validate.service import edition_report
    from monoreg.validate.writers import WRITERS

    check_format(format, ("text", *WRITERS))
    store = open_store()
    territory = resolve_region(store.catalog(), region)
    year = resolve_edition_year(store, territory, edition)
    report = edition_report(store, territory.code, year)
    if format == "text":
        _print_tables(report)
    else:
        text = WRITERS[format](report)
        if out_file is None:
            sys.stdout.write(text + "\n")
        else:
            out_file.write_text(text, encoding="utf-8")
            err().print(f"Écrit : {out_file}")
    if strict and report.has_open_errors:
        raise typer.Exit(1)


def _print_tables(report: Report) -> None:
    console = out()
    counts = report.counts
    title = f"Validation — {report.region_name}, édition {report.year}"
    if report.synthetic:
        title += " (SYNTHÉTIQUE)"
    console.print(Prose(title, "bold"))
    console.print(Prose(f"{counts.errors} erreur(s), {counts.warnings} avertissement(s), "
                        f"{counts.infos} information(s) non résolus, {counts.accepted} résolu(s)."))
    columns = [Column("Gravité"), Column("Règle"), Column("Constat"), Column("Imprimé"),
               Column("Attendu"), Column("Où")]
    for group in report.groups:
        heading(console, group.title)
        rows: list[list[Prose | str]] = [[_severity(entry), entry.finding.rule, *_details(entry)]
                for entry in group.entries]
        table = fitted_table(console, columns, rows, show_lines=True)
        if table is not None:
            console.print(table)
            continue
        for entry in group.entries:
            message, printed, expected, where = _details(entry)
            fields = [("Imprimé", printed), ("Attendu", expected), ("Où", where)]
            console.print(block(f"{entry.severity_label} · {entry.finding.rule}", Group(
                Prose(message), *_decision(entry),
                field_grid([(label, value) for label, value in fields if value]))))
    print_next_steps(console, validation_steps(report))


def _severity(entry: Entry) -> Prose:
    f = entry.finding
    if f.resolution is not None:
        return Prose(f"{entry.severity_label}\n"
                     f"{f.resolution.status.label.lower()} : {f.resolution.note}", "green")
    if f.accepted:
        return Prose(f"{entry.severity_label}\nacceptée : {f.accepted}", "green")
    return Prose(entry.severity_label, STYLES[f.severity.value])


def _decision(entry: Entry) -> list[Prose]:
    f = entry.finding
    if f.resolution is not None:
        return [Prose(f"{f.resolution.status.label.lower()} : {f.resolution.note}", "green")]
    return [Prose(f"acceptée : {f.accepted}", "green")] if f.accepted else []


def _details(entry: Entry) -> tuple[str, str, str, str]:
    f = entry.finding
    # The title names the edition: its folder need not be repeated on every row.
    return f.message, f.printed or "", f.expected or "", where(f.location).rsplit("/", 1)[-1]
