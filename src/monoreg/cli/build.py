"""`monoreg build`: monographs (PDF, HTML), data downloads and an index page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from monoreg.cli.common import EditionOption, app, err, open_store, out, resolve_region
from monoreg.errors import UsageError
from monoreg.model import Finding
from monoreg.publish.document import Mode
from monoreg.publish.site import Refused, Result
from monoreg.publish.site import build as build_site
from monoreg.settings import get_settings


@app.command()
def build(
    regions: Annotated[list[str] | None, typer.Argument(
        help="Regions (INSEE code, name or slug).", metavar="REGION",
        show_default=False)] = None,
    all_regions: Annotated[bool, typer.Option("--all", help="Every region.")] = False,
    edition: EditionOption = None,
    out_dir: Annotated[Path | None, typer.Option(
        "--out", help="Output folder (default: var/build, where 'monoreg serve' finds the "
        "PDFs).", show_default=False)] = None,
    proof: Annotated[bool, typer.Option(
        "--proof", help="Proof for editors: every validation finding next to its figure.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Rebuild unchanged editions too.")
                     ] = False,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", min=1, help="Worker processes (default: one per core).")] = None,
) -> None:
    """PDF + HTML monographs, data downloads (CSV, JSON, XLSX, data package), an index page.

    A public build refuses an edition with an error no editor resolved (resolutions.yaml),
    builds the others and exits 1; --proof builds every edition."""
    if bool(regions) == all_regions:
        raise UsageError("give REGION… or --all (not both)")
    settings = get_settings()
    out_dir = out_dir or settings.var_dir / "build"
    store = open_store(settings)
    catalog = store.catalog()
    codes = None if all_regions else [resolve_region(catalog, r).code for r in regions or []]
    console = err()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True) as progress:
        task = progress.add_task("Publication des monographies", total=None)

        def started(total: int) -> None:
            progress.update(task, total=total)

        def done(result: Result) -> None:
            state = "construite" if result.built else "inchangée"
            progress.console.print(f"{result.region_name} {result.year} : {state}")
            progress.advance(task)

        report = build_site(store, out_dir, regions=codes, year=edition,
                            mode=Mode.PROOF if proof else Mode.PUBLIC, force=force,
                            jobs=jobs, on_result=done, on_start=started,
                            data_dir=settings.data_dir)
    out().print(f"Écrit : {out_dir / 'index.html'} — {len(report.built)} édition(s) "
                f"construite(s), {len(report.skipped)} inchangée(s), en "
                f"{report.seconds:.1f} s.")
    if report.refused:
        _print_refused(report.refused)
        raise typer.Exit(1)


def _print_refused(refused: list[Refused]) -> None:
    console = err()
    for edition in refused:
        if edition.reasons:  # a published edition changed without its update notes
            console.print(
                f"[bold red]Refusée :[/bold red] {edition.region_name} {edition.year} — "
                "édition publiée : un chiffre publié ne change qu'avec une note de mise à "
                "jour datée :", highlight=False)
            for reason in edition.reasons:
                console.print(f"  - {reason}", highlight=False, soft_wrap=True)
            continue
        console.print(
            f"[bold red]Refusée :[/bold red] {edition.region_name} {edition.year} — "
            f"{len(edition.errors)} erreur(s) non résolue(s) ; la publication attend une "
            "décision de l'éditeur dans resolutions.yaml (ou --proof pour une épreuve) :",
            highlight=False)
        for f in edition.errors:
            console.print(f"  - {figure_label(f)} : règle {f.rule}, {where(f.location)}"
                          f" — {f.message}", highlight=False, soft_wrap=True)


def where(location: str | None) -> str:
    """'…/observations.csv, ligne 17' (locations are stored with the English 'line')."""
    return location.replace(", line ", ", ligne ") if location else "lieu inconnu"


def figure_label(f: Finding) -> str:
    """The figure an error is about, as an editor finds it in the data files."""
    if f.figures and f.figures[0].item is not None:
        return f"« {f.figures[0].item} »"
    parts = [p for p in (f.indicator, f.territory, f.period) if p]
    return " / ".join(parts) + (f" ({f.section})" if f.section else "")
