"""Imports of outside files (application layer, beside loading.py).

Counts (OF list, LHEO, INSEE): an importer of ingest/ reads and checks a whole file against
the store's catalogue and returns a batch; this module writes it to the store in one
transaction, so a file that fails leaves the store untouched.

A printed monograph becomes an edition of the data files: read against the store's
catalogue, written as data files (editions/<slug>/<year>/, editions/edition_files.py) in a
staging folder, read back with the loader, moved into place, and the whole data folder is
loaded into the store. All or nothing: when any step fails, the data folder and the store are
left as they were (an edition replaced with `--replace` is put back). What the reader does
not make is kept from a replaced edition (EDITOR_FILES): the back pages (Carif-Oref
directory, guide), the editor's decisions on findings and update notes, and the record of
its publications; a decision that no longer fits the new reading stops the import, naming
its file and line, and the edition stays as it was."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from monoreg.datafile_reader import display_path
from monoreg.editions.edition_files import check_mark, write_edition_files
from monoreg.errors import InputError, UsageError
from monoreg.ingest.datafiles.data_folder import load_data_dir
from monoreg.ingest.datafiles.edition_folder import edition_folder, load_edition
from monoreg.ingest.datafiles.file_names import PUBLICATIONS, RELEASES, RESOLUTIONS, UPDATES
from monoreg.ingest.import_batch import ImportBatch, check_drop
from monoreg.ingest.monograph.monograph_import import MonographImport, read_monograph
from monoreg.model import Catalog
from monoreg.store.repository import LoadReport, Store
from monoreg.validate.service import assess_store


def _catalog(store: Store) -> Catalog:
    catalog = store.catalog()
    if not catalog.territories.territories:
        raise UsageError("la base est vide : lancez d'abord « monoreg load »")
    return catalog


def store_batch(store: Store, batch: ImportBatch) -> int:
    """Write the batch in one transaction, which also stores the findings, qualities and
    preferred figures it changes (an import may add a figure another one is compared with,
    or a better figure for a key); returns the batch id."""
    return store.add_import(batch.kind, batch.name, batch.file, batch.sha256,
                            batch.observations, batch.report, assess=assess_store)


def import_file(store: Store, read: Callable[[Catalog], ImportBatch],
                drop_limit: float | None = None) -> ImportBatch:
    """Read a whole file against the store's catalogue, then store it in one transaction.

    With `drop_limit`, a count of records below that share of the previous import of the
    same source is refused (check_drop)."""
    catalog = _catalog(store)
    batch = read(catalog)
    if drop_limit is not None:
        check_drop(batch, store.last_import_report(batch.kind, batch.report.get("source", "")),
                   drop_limit)
    store_batch(store, batch)
    return batch


EDITOR_FILES = (
    "directory.yaml", "guide.yaml",     # the back pages, which the reader does not read
    RESOLUTIONS, UPDATES,               # the editor's decisions and dated update notes
    RELEASES, PUBLICATIONS,             # what was published: without them, a replaced
)                                       # edition could change a published figure unsaid
Step = Callable[[str], None]  # told the step starting, for a progress display


@dataclass(frozen=True)
class EditionImport:
    imported: MonographImport
    folder: Path | None            # None for a dry run
    replaced: bool
    to_check: int                  # figures marked « à vérifier »
    load: LoadReport | None


def _nothing(_: str) -> None:
    return None


def import_monograph_edition(store: Store, data_dir: Path, path: Path, *,
                             region: str | None = None, year: int | None = None,
                             replace: bool = False, dry_run: bool = False,
                             step: Step = _nothing) -> EditionImport:
    """A monograph becomes an edition of the data files, loaded (see the module's
    documentation); `dry_run` reads and reports only."""
    catalog = _catalog(store)
    step("Lecture de la monographie")
    imported = read_monograph(path, catalog, region=region, year=year)
    edition = imported.edition
    checks = [check_mark(p.confidence, p.reasons) for p in imported.placed]
    to_check = sum(c is not None for c in checks)
    territory = catalog.territories.get(edition.region)
    target = edition_folder(data_dir, territory.slug, edition.year)
    exists = target.exists()
    if dry_run:
        return EditionImport(imported, None, exists, to_check, None)
    if exists and not replace:
        raise UsageError(f"l'édition {edition.year} de {territory.name} existe déjà "
                         f"({display_path(target)}) : ajoutez --replace pour la remplacer")
    step("Écriture des fichiers de l'édition")
    new_region = not target.parent.exists()
    target.parent.mkdir(parents=True, exist_ok=True)
    # the loader checks that a folder is editions/<slug>/<year>/: staged the same way
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=target.parent.parent))
    # the replaced edition waits in the staging folder, deep enough for no load to read it
    backup = staging / "replaced" / target.parent.name / target.name if exists else None
    moved = False
    try:
        folder = staging / target.parent.name / target.name
        folder.mkdir(parents=True)
        write_edition_files(folder, edition, [line.text for line in imported.document.lines],
                            checks, origin=imported.document.file)
        load_edition(folder, catalog, data_dir)  # what `monoreg load` will read must load
        if exists:
            _keep_editor_files(target, folder)
            try:  # and with the replaced edition's files kept
                load_edition(folder, catalog, data_dir)
            except InputError as error:
                raise _kept_file_error(error, folder, target) from None
        step("Vérification du dossier de données")
        if backup is not None:
            backup.parent.mkdir(parents=True)
            target.rename(backup)
        folder.rename(target)
        moved = True
        dataset = load_data_dir(data_dir)
        step("Chargement dans la base")
        report = store.load_dataset(dataset, assess=assess_store)
    except BaseException:
        if moved:
            shutil.rmtree(target, ignore_errors=True)
        if backup is not None and backup.exists():
            backup.rename(target)
        if new_region:
            shutil.rmtree(target.parent, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return EditionImport(imported, target, exists, to_check, report)



def _kept_file_error(error: InputError, staged: Path, target: Path) -> InputError:
    """An error in a file kept from the replaced edition, naming that file where the editor
    finds it (not in the staging folder) and saying what to do."""
    where = error.file or ""
    for folder in (staged, staged.resolve()):
        for form in (str(folder), display_path(folder)):
            where = where.replace(form, display_path(target))
    return InputError(f"{error.reason} (fichier gardé de l'édition remplacée : corrigez ou "
                      "retirez cette entrée, puis relancez l'import)", file=where or None,
                      line=error.line, field=error.field)


def _keep_editor_files(old: Path, new: Path) -> None:
    """The files of a replaced edition that the reader does not make (EDITOR_FILES)."""
    for name in EDITOR_FILES:
        if (new / name).exists():
            continue
        if (old / name).is_file():
            shutil.copy2(old / name, new / name)
        elif (old / name).is_dir():
            shutil.copytree(old / name, new / name)
