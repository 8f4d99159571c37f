"""`monoreg import …`: outside files into the store (see docs/importers.md)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from monoreg import formatting as fr
from monoreg.cli.common import (
    TextOrJsonOption,
    app,
    check_format,
    err,
    examples,
    make_app,
    open_store,
    out,
)
from monoreg.cli.completion import complete_region
from monoreg.cli.data import DataOption
from monoreg.cli.terminal import Column, heading, table_or_blocks

if TYPE_CHECKING:  # the layers themselves are imported in the commands (cli/__init__.py)
    from monoreg.importing import EditionImport
    from monoreg.ingest.import_batch import ImportBatch
    from monoreg.ingest.import_batch import Progress as ProgressCallback
    from monoreg.ingest.monograph.monograph_import import MonographImport
    from monoreg.model import Catalog

    CountReader = Callable[[Path, Catalog, str | None, ProgressCallback | None], ImportBatch]

imports = make_app("Importer des fichiers extérieurs : monographie (texte ou PDF), liste "
                   "publique des organismes de formation, offre LHEO, populations Insee.")
app.add_typer(imports, name="import")

BIG_FILE = 5 << 20  # a progress bar for files over 5 MB
LISTED = 10         # rejected lines printed; the JSON report lists more

FileArgument = Annotated[Path, typer.Argument(
    metavar="FICHIER", help="Fichier à importer.", show_default=False)]
DateOption = Annotated[str | None, typer.Option(
    "--date", metavar="AAAA-MM-JJ", help="Date des chiffres (défaut : date du fichier).")]
AcceptDropOption = Annotated[bool, typer.Option(
    "--accept-drop", help="Enregistrer même si le nombre d'enregistrements comptés chute "
    "fortement par rapport à l'import précédent de la même source (sinon refusé : un "
    "fichier incomplet, le plus souvent).")]
PERIOD_FROM = {"option": "option --date",
               "file-date": "date du fichier ; donnez --date si ce n'est pas celle de la liste"}


def _format(value: str) -> str:
    return check_format(value, ("text", "json"))


@contextmanager
def _progress(path: Path) -> Iterator[ProgressCallback | None]:
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    size = path.stat().st_size if path.is_file() else 0
    if size < BIG_FILE:
        yield None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
               TimeRemainingColumn())
    with Progress(*columns, console=err(), transient=True) as bar:
        task = bar.add_task(f"Lecture de {path.name}", total=size)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def _print_counts(batch: ImportBatch, catalog: Catalog, title: str) -> None:
    report = batch.report
    console = out()
    rejected = report["rejected"]
    console.print(f"{title} ({batch.file}) : {fr.number(report['rows'])} enregistrements "
                  f"lus, {fr.number(report['counted'])} comptés, "
                  f"{fr.number(rejected['count'])} écartés.")
    from monoreg.model import parse_period

    console.print(f"Chiffres datés du {parse_period(report['period']).label()} "
                  f"({PERIOD_FROM[report['period_from']]}).")
    regions: dict[str, dict[str, int]] = report["regions"]
    codes = sorted({code for counts in regions.values() for code in counts})
    table_or_blocks(console, [Column("Région"), *(Column(
        catalog.indicators[i].short_label or i, "right") for i in regions)],
        [[catalog.territories.get(code).name,
          *(fr.number(Decimal(regions[i].get(code, 0))) for i in regions)] for code in codes])
    for item in rejected["lines"][:LISTED]:
        line = f"ligne {item['line']}" if item["line"] is not None else "?"
        console.print(f"  écarté, {line} : {item['reason']}")
    more = rejected["count"] - min(LISTED, len(rejected["lines"]))
    if more > 0:
        console.print(f"  … et {fr.number(more)} autres (--format json pour la liste).")


def _print_json(batch: ImportBatch, extra: dict[str, Any] | None = None) -> None:
    payload = {"batch": batch.name, "file": batch.file, "sha256": batch.sha256,
               "figures": len(batch.observations), "report": batch.report, **(extra or {})}
    out().print_json(json.dumps(payload, ensure_ascii=False))


def _counts(file: Path, date: str | None, format: str, read: CountReader, title: str,
            accept_drop: bool) -> None:
    from monoreg.importing import import_file
    from monoreg.settings import get_settings

    _format(format)
    settings = get_settings()
    store = open_store(settings)
    with _progress(file) as progress:
        batch = import_file(store, lambda catalog: read(file, catalog, date, progress),
                            None if accept_drop else settings.import_drop_limit)
    if format == "json":
        _print_json(batch)
    else:
        _print_counts(batch, store.catalog(), title)


@imports.command("of-list", epilog=examples(
    "monoreg import of-list liste-publique-of.csv --date 2024-03-01",
    "monoreg import of-list liste-publique-of.csv --format json",
    "monoreg import of-list liste-courte.csv --accept-drop"))
def of_list(file: FileArgument, date: DateOption = None, format: TextOrJsonOption = "text",
            accept_drop: AcceptDropOption = False) -> None:
    """Liste publique des organismes de formation → organismes par région."""
    from monoreg.ingest.of_list import read_of_list

    _counts(file, date, format, read_of_list, "Liste publique des organismes de formation",
            accept_drop)


@imports.command("lheo", epilog=examples("monoreg import lheo offre.xml",
                                         "monoreg import lheo offre.xml --date 2024-01-15",
                                         "monoreg import lheo offre-courte.xml --accept-drop"))
def lheo(file: FileArgument, date: DateOption = None, format: TextOrJsonOption = "text",
         accept_drop: AcceptDropOption = False) -> None:
    """Offre de formation LHEO → actions et sessions par région (et par NSF, FORMACODE)."""
    from monoreg.ingest.lheo import read_lheo

    _counts(file, date, format, read_lheo, "Offre de formation LHEO, actions", accept_drop)


@imports.command("insee-population", epilog=examples(
    "monoreg import insee-population donnees_regions.csv --date 2021-01-01"))
def insee_population(
        file: FileArgument,
        date: Annotated[str | None, typer.Option(
            "--date", metavar="AAAA-MM-JJ",
            help="Date des populations (1er janvier du millésime).")] = None,
        format: TextOrJsonOption = "text") -> None:
    """Populations légales Insee des régions (donnees_regions.csv) → populations."""
    from monoreg.importing import import_file
    from monoreg.ingest.insee import read_insee_population
    from monoreg.model import parse_period

    _format(format)
    store = open_store()
    batch = import_file(store, lambda catalog: read_insee_population(file, catalog, date))
    if format == "json":
        _print_json(batch)
        return
    report = batch.report
    out().print(f"Populations légales Insee ({batch.file}) : {fr.number(report['figures'])} "
                f"chiffres pour {fr.number(report['regions'])} régions, au "
                f"{parse_period(report['period']).label()}.")


@imports.command("monograph", epilog=examples(
    "monoreg import monograph bretagne-2020.txt --region 53 --edition 2020",
    "monoreg import monograph normandie-2020.pdf --replace",
    "monoreg import monograph normandie-2020.txt --region normandie --edition 2020 --dry-run"))
def monograph(
        file: FileArgument,
        region: Annotated[str | None, typer.Option(
            "--region", metavar="RÉGION", autocompletion=complete_region,
            help="Région (défaut : celle que nomme le document).")] = None,
        edition: Annotated[int | None, typer.Option(
            "--edition", metavar="ANNÉE",
            help="Année de l'édition (défaut : celle que nomme le document).")] = None,
        replace: Annotated[bool, typer.Option(
            "--replace", help="Remplacer l'édition si elle existe déjà.")] = False,
        dry_run: Annotated[bool, typer.Option(
            "--dry-run", help="Lire et rendre compte sans rien écrire.")] = False,
        format: TextOrJsonOption = "text",
        data: DataOption = None) -> None:
    """Monographie (texte extrait ou PDF) → édition des fichiers de données, chargée.

    Écrit editions/<région>/<année>/ (chiffres, évolutions, listes, contacts, textes, avec la
    ligne du document et la confiance du lecteur) puis recharge la base ; les chiffres dont
    la lecture est incertaine sont marqués « à vérifier »."""
    from monoreg.importing import import_monograph_edition
    from monoreg.settings import get_settings, writable_data_dir

    _format(format)
    data_dir = data or get_settings().data_dir
    if not dry_run:
        writable_data_dir(data_dir)
    store = open_store()
    with err().status("Import de la monographie…") as status:
        done = import_monograph_edition(
            store, data_dir, file, region=region, year=edition, replace=replace,
            dry_run=dry_run, step=lambda what: status.update(f"{what}…"))
    catalog = store.catalog()
    if format == "json":
        payload = monograph_json(done.imported, catalog)
        payload["written"] = {"folder": str(done.folder) if done.folder else None,
                              "replaced": done.replaced, "to_check": done.to_check}
        out().print_json(json.dumps(payload, ensure_ascii=False))
        return
    _print_monograph(done, catalog)


def _print_monograph(done: EditionImport, catalog: Catalog) -> None:
    console = out()
    imported, e = done.imported, done.imported.edition
    report = imported.report_json()
    console.print(f"Monographie {imported.document.file} : "
                  f"{catalog.territories.get(e.region).name}, édition {e.year} "
                  f"({e.published.label()}, données arrêtées en {e.cutoff.label()}).")
    console.print(f"{fr.number(report['figures'])} chiffres dont {fr.number(report['doubtful'])} "
                  f"à vérifier, {fr.number(report['evolutions'])} évolutions imprimées, "
                  f"{fr.number(report['lists'])} éléments de listes, "
                  f"{fr.number(report['contacts'])} contacts, {fr.number(report['texts'])} "
                  f"textes ; {len(report['sections'])} sections reconnues"
                  + (f", non trouvées : {', '.join(report['missing_sections'])}"
                     if report["missing_sections"] else "") + ".")
    doubtful = [f for f in report["confidence"] if f["confidence"] < 1]
    if doubtful:
        heading(console, "Chiffres à vérifier")
        table_or_blocks(console, [Column(name) for name in (
            "Ligne", "Indicateur", "Territoire", "Période", "Imprimé", "Confiance", "Pourquoi")],
            [[str(f["line"]), f["indicator"], f["territory"], f["period"], f["printed"] or "",
              fr.number(Decimal(str(f["confidence"])), 2), " ; ".join(f["reasons"])]
             for f in doubtful], title_column=1)
    for cut in report["cut_cells"]:
        console.print(f"  ligne {cut['line']} : « {cut['printed']} » lu comme "
                      f"{' | '.join(cut['cells'])} ({cut['alternatives']} lectures possibles)")
    for item in report["unplaced"]:
        console.print(f"  non placé, ligne {item['line']} : « {item['text']} » — {item['reason']}")
    for part in report["not_imported"]:
        console.print(f"  non importé : lignes {part['from']} à {part['to']} — {part['reason']}")
    if done.folder is None:
        console.print("Essai (--dry-run) : rien n'est écrit.")
        return
    console.print(f"Édition {'remplacée' if done.replaced else 'écrite'} dans {done.folder} "
                  "et chargée dans la base (avec toutes les autres)."
                  + (f" {fr.number(Decimal(done.to_check))} chiffre(s) marqué(s) « à vérifier » "
                     "(colonne check de observations.csv) : « monoreg validate » les signale "
                     "en erreur jusqu'à ce que la marque soit retirée." if done.to_check else ""))
    console.print("Annuaire Carif-Oref et guide des structures (pages de fin) : non lus par "
                  "la maquette" + (" ; ceux de l'édition remplacée sont gardés." if done.replaced
                                   else ", à saisir dans directory.yaml et guide.yaml."))


def monograph_json(imported: MonographImport, catalog: Catalog) -> dict[str, Any]:
    """The edition in the export's JSON shape, each figure with its confidence, and the
    import report."""
    from monoreg.publish.exports import edition_export

    data = edition_export(catalog, imported.edition).as_json()
    for row, placed in zip(data["observations"], imported.placed, strict=True):
        row["confidence"] = placed.confidence
        row["confidence_reasons"] = placed.reasons
    return {**data, "import": imported.report_json()}
