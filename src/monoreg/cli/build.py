"""`monoreg build`: monographs (PDF, HTML), data downloads and an index page."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from monoreg import formatting as fr
from monoreg.cli.common import (
    EditionOption,
    app,
    err,
    examples,
    open_store,
    out,
    resolve_region,
    where,
)
from monoreg.cli.completion import complete_region
from monoreg.cli.next_steps import build_steps, print_next_steps
from monoreg.cli.terminal import Prose
from monoreg.errors import UsageError

if TYPE_CHECKING:  # the layers themselves are imported in the commands (cli/__init__.py)
    from monoreg.model import Finding
    from monoreg.publish.site import Refused, Result


@app.command(epilog=examples("monoreg build normandie --edition 2020 --out public/",
                             "monoreg build normandie --proof", "monoreg build --all"))
def build(
    regions: Annotated[list[str] | None, typer.Argument(
        help="Régions : code Insee, nom ou identifiant ; plusieurs possibles.",
        metavar="RÉGION", autocompletion=complete_region, show_default=False)] = None,
    all_regions: Annotated[bool, typer.Option("--all", help="Toutes les régions.")] = False,
    edition: EditionOption = None,
    out_dir: Annotated[Path | None, typer.Option(
        "--out", metavar="DOSSIER", help="Dossier de sortie (défaut : var/build, où "
        "`monoreg serve` trouve les PDF).", show_default=False)] = None,
    proof: Annotated[bool, typer.Option(
        "--proof", help="Épreuve pour la rédaction : chaque constat de validation à côté de "
        "son chiffre ; construite même s'il reste des erreurs.")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Reconstruit aussi les éditions inchangées.")] = False,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", min=1, metavar="N", help="Processus en parallèle (défaut : un par cœur).")
    ] = None,
) -> None:
    """Publie les monographies : PDF et HTML, téléchargements (CSV, JSON, XLSX, paquet de
    données) et une page d'index.

    La publication refuse (code 1) tant qu'une erreur de validation reste sans décision ;
    --proof construit toujours, constats en regard des chiffres."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from monoreg.publish.document import Mode
    from monoreg.publish.site import build as build_site
    from monoreg.settings import get_settings

    if bool(regions) == all_regions:
        raise UsageError("donnez RÉGION… ou --all (pas les deux)")
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
    out().print(Prose(f"Écrit : {out_dir / 'index.html'} — {len(report.built)}\u00a0édition(s) "
                      f"construite(s), {len(report.skipped)}\u00a0inchangée(s), en "
                      f"{fr.number(Decimal(str(report.seconds)), 1)}\u00a0s."))
    if report.refused:
        _print_refused(report.refused)
    public = " ".join(["monoreg build", *(regions or []), *(["--all"] if all_regions else []),
                       *([f"--edition {edition}"] if edition else [])])
    print_next_steps(out(), build_steps(report, out_dir, proof=proof, public=public,
                                        served=out_dir == settings.var_dir / "build"))
    if report.refused:
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
            console.print(f"  - {figure_label(f)} : règle {f.rule}, "
                          f"{where(f.location) or 'lieu inconnu'}"
                          f" — {f.message}", highlight=False, soft_wrap=True)


def figure_label(f: Finding) -> str:
    """The figure an error is about, as an editor finds it in the data files."""
    if f.figures and f.figures[0].item is not None:
        return f"« {f.figures[0].item} »"
    parts = [p for p in (f.indicator, f.territory, f.period) if p]
    return " / ".join(parts) + (f" ({f.section})" if f.section else "")
