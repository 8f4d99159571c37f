"""Read an edition's release record (releases.yaml, written by `monoreg release`, with the
manifest each release published) and its update notes (updates.yaml, written by the editor).

A manifest kept with the data files is the proof of what was published: one that no longer
matches the hash recorded at release is refused, naming the file and line.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

from monoreg.datafile_reader import data_path, display_path, load_yaml
from monoreg.ingest.datafiles.fields import Cell
from monoreg.ingest.datafiles.file_names import RELEASES, UPDATES
from monoreg.ingest.datafiles.schemas import ReleasesFile, UpdatesFile
from monoreg.model import Catalog, Edition, FigureKey, Provenance
from monoreg.model.codec import from_data
from monoreg.model.release import Release, ReleasedFigure, UpdateNote


def _iso(text: str, cell: Cell) -> str:
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise cell.error(f"date « {text} » illisible : écrire AAAA-MM-JJ", "date") from None


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _release(folder: Path, root: Path, entry_manifest: str, digest: str, when: str,
             cell: Cell, provenance: Provenance) -> Release:
    path = folder / entry_manifest
    if not path.is_file():
        raise cell.error(f"manifeste de publication introuvable : {display_path(path)}",
                         "manifest")
    if sha256(path) != digest:
        raise cell.error(f"le manifeste {display_path(path)} ne correspond plus à "
                         "l'empreinte enregistrée à la publication : un manifeste publié ne "
                         "se modifie pas", "manifest_sha256")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        figures = tuple(ReleasedFigure(from_data(FigureKey, f["figure"]), f["value"],
                                       f["unit"], f["status"]) for f in data["figures"])
        updates = tuple(from_data(FigureKey, u["figure"]) for u in data.get("updates", ()))
    except (ValueError, KeyError, TypeError) as error:
        raise cell.error(f"manifeste {display_path(path)} illisible ({error})",
                         "manifest") from None
    return Release(when, digest, data_path(path, root), figures, updates, provenance)


def load_releases(folder: Path, root: Path, catalog: Catalog, edition: Edition
                  ) -> tuple[tuple[Release, ...], tuple[UpdateNote, ...]]:
    """The edition's releases (oldest first) and update notes; none when the files are
    absent (an edition never published)."""
    releases: list[Release] = []
    path = folder / RELEASES
    if path.exists():
        where = display_path(path)
        for entry in load_yaml(ReleasesFile, path).releases:
            cell = Cell(where, entry.line)
            releases.append(_release(folder, root, entry.manifest, entry.manifest_sha256,
                                     _iso(entry.date, cell), cell,
                                     Provenance(data_path(path, root), entry.line)))
    updates: list[UpdateNote] = []
    path = folder / UPDATES
    if path.exists():
        where = display_path(path)
        known = {o.figure for o in edition.observations} | {c.figure
                                                             for c in edition.evolutions}
        for item in load_yaml(UpdatesFile, path).updates:
            cell = Cell(where, item.line)
            figure = FigureKey(
                cell.section(catalog, item.place), cell.indicator(catalog, item.indicator),
                cell.territory(catalog, item.territory).code, cell.period(item.period).code,
                cell.period(item.base_period, "base_period").code if item.base_period
                else None)
            if figure not in known:
                raise cell.error(f"aucun chiffre de l'édition n'a cette clé ({figure.label()})"
                                 " : une note de mise à jour nomme un chiffre publié")
            if not item.why.strip():
                raise cell.error("une note de mise à jour dit pourquoi le chiffre change",
                                 "why")
            updates.append(UpdateNote(_iso(item.date, cell), figure, item.old.strip(),
                                      item.new.strip(), item.why.strip(),
                                      Provenance(data_path(path, root), item.line)))
    return tuple(releases), tuple(updates)
