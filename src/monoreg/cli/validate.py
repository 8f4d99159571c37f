"""`monoreg validate`: the findings of every rule on one edition, as a table, JSON or HTML."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from monoreg.cli.common import (
    EditionOption,
    app,
    err,
    open_store,
    out,
    resolve_edition_year,
    resolve_region,
)
from monoreg.errors import UsageError
from monoreg.validate.report import Report
from monoreg.validate.service import edition_report
from monoreg.validate.writers import WRITERS

FORMATS = ("text", *WRITERS)
STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


@app.command()
def validate(region: str, edition: EditionOption = None,
             format: Annotated[str, typer.Option(
                 "--format", help="text, json or html")] = "text",
             strict: Annotated[bool, typer.Option(
                 "--strict", help="Exit 1 when an error nobody resolved is found.")] = False,
             out_file: Annotated[Path | None, typer.Option(
                 "--out", help="File to write (default: standard output).")] = None,
             ) -> None:
    """Findings of every validation rule on an edition, errors first, by section."""
    if format not in FORMATS:
        raise UsageError(f"--format is one of: {', '.join(FORMATS)}")
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
    console.print(f"[bold]{title}[/bold]")
    console.print(f"{counts.errors} erreur(s), {counts.warnings} avertissement(s), "
                  f"{counts.infos} information(s) non résolus, {counts.accepted} résolu(s).")
    for group in report.groups:
        table = Table(title=group.title, title_justify="left", show_lines=True,
                      expand=True)
        table.add_column("Gravité", no_wrap=True)
        table.add_column("Règle", no_wrap=True)
        for name, ratio in (("Constat", 6), ("Imprimé", 2), ("Attendu", 2), ("Où", 2)):
            table.add_column(name, ratio=ratio, overflow="fold")
        for entry in group.entries:
            f = entry.finding
            severity = Text(entry.severity_label, style=STYLES[f.severity.value])
            if f.resolution is not None:
                severity = Text(f"{entry.severity_label}\n"
                                f"{f.resolution.status.label.lower()} : {f.resolution.note}",
                                style="green")
            elif f.accepted:
                severity = Text(f"{entry.severity_label}\nacceptée : {f.accepted}",
                                style="green")
            # The title names the edition: its folder need not be repeated on every row.
            where = (f.location or "").rsplit("/", 1)[-1]
            table.add_row(severity, f.rule, f.message, f.printed or "", f.expected or "",
                          where)
        console.print(table)
