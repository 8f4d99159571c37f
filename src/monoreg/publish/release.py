"""The release record of a public build: its manifest, and what a published edition demands.

A public build writes, next to an edition's downloads, a manifest: the hashes of the input
data files, the code version, every finding with its resolution, every figure as published
(value, unit, status) and the checksums of the PDF, HTML and data files. `monoreg release`
keeps that manifest with the edition's data files and records its hash and date. From then
on a rebuild that changes a published figure (value or status) needs a dated update note
(updates.yaml: old → new, why), shown in « Avertissements et corrections »; a note once
published is never removed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml

from monoreg.errors import InputError
from monoreg.ingest.datafiles.file_names import PUBLICATIONS, RELEASES
from monoreg.model import (
    QUALITY_LEGEND,
    Catalog,
    Edition,
    EvolutionClaim,
    FigureKey,
    Finding,
    Observation,
    QualityStatus,
)
from monoreg.model.codec import to_data
from monoreg.model.release import Release, UpdateNote
from monoreg.publish import document as doc
from monoreg.publish.corrections import figure_label

MANIFEST_FORMAT = "monoreg-manifeste/1"
UPDATES_TITLE = "Mises à jour depuis la publication"
# The data folders every edition is built from, besides its own folder.
SHARED_INPUTS = ("reference", "series")


def sha256(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def _published(item: Observation | EvolutionClaim) -> dict[str, Any]:
    value = item.published_value
    unit = item.published_unit if isinstance(item, Observation) else (
        item.quality.unit or item.unit)
    return {"figure": to_data(item.figure), "printed": item.printed,
            "value": None if value is None else str(value), "unit": unit,
            "status": item.quality.status.value}


def published_figures(edition: Edition) -> list[dict[str, Any]]:
    """Every figure of the edition as readers get it."""
    items: list[Observation | EvolutionClaim] = [*edition.observations, *edition.evolutions]
    return [_published(item) for item in items]


def input_files(edition: Edition, data_dir: Path | None) -> list[dict[str, str]]:
    """The data files the edition is built from, with their hashes (relative paths)."""
    if data_dir is None or edition.provenance is None:
        return []
    folders = [data_dir / Path(edition.provenance.file).parent,
               *(data_dir / name for name in SHARED_INPUTS)]
    files = sorted(p for folder in folders if folder.is_dir()
                   for p in folder.rglob("*") if p.is_file())
    return [{"file": p.relative_to(data_dir).as_posix(), "sha256": sha256(p.read_bytes())}
            for p in files]


def manifest(edition: Edition, *, findings: Sequence[Finding], inputs: list[dict[str, str]],
             code: str, files: dict[str, tuple[str, bytes]]) -> bytes:
    """The manifest, as published (deterministic: the same build gives the same bytes).
    `files` maps a kind to (its path in the output, its content)."""
    data = {
        "format": MANIFEST_FORMAT,
        "edition": edition.id, "region": edition.region, "year": edition.year,
        "title": edition.title, "synthetic": edition.synthetic,
        "code": {"monoreg": version("monoreg"), "sha256": code},
        "inputs": inputs,
        "findings": [to_data(f) for f in findings],
        "figures": published_figures(edition),
        "updates": [to_data(u) for u in edition.updates],
        "releases": [{"date": r.date, "manifest_sha256": r.manifest_sha256}
                     for r in edition.releases],
        "files": {kind: {"path": path, "sha256": sha256(payload)}
                  for kind, (path, payload) in sorted(files.items())},
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


# -- what a published edition demands of a rebuild -----------------------------------------
def _same(old: str | None, new: str | None) -> bool:
    if old is None or new is None:
        return old == new
    return Decimal(old) == Decimal(new)


def release_problems(edition: Edition, catalog: Catalog) -> list[str]:
    """Why a public rebuild of a published edition is refused (French, one line each):
    a published figure changed without a dated update note, or a published note removed."""
    if not edition.releases:
        return []
    latest: Release = max(edition.releases, key=lambda r: r.date)
    now = {_key(f["figure"]): f for f in published_figures(edition)}
    noted = {u.figure for u in edition.updates if u.date >= latest.date}
    problems = []
    for released in latest.figures:
        current = now.get(released.figure)
        value, status = (current["value"], current["status"]) if current else (None, None)
        if _same(released.value, value) and released.status == status:
            continue
        if released.figure not in noted:
            problems.append(
                f"{figure_label(released.figure, catalog)} : publié le {latest.date} "
                f"{_state(released.value, released.status)}, maintenant "
                f"{_state(value, status)}, sans note de mise à jour datée d'après la "
                "publication dans updates.yaml (ancien → nouveau, pourquoi)")
    kept = {u.figure for u in edition.updates}
    for release in edition.releases:
        for figure in release.updates:
            if figure not in kept:
                problems.append(f"{figure_label(figure, catalog)} : la note de mise à jour "
                                f"publiée le {release.date} a disparu de updates.yaml ; une "
                                "note publiée ne se retire pas")
    return problems


def _state(value: str | None, status: str | None) -> str:
    if status is None:
        return "(chiffre retiré des données)"
    label = QUALITY_LEGEND[QualityStatus(status)].label.lower()
    return f"({value.replace('.', ',') if value else 'sans valeur'}, {label})"


def _key(data: dict[str, Any]) -> FigureKey:
    return FigureKey(**{k: v for k, v in data.items() if k in FigureKey.__dataclass_fields__})


def updates_block(updates: Iterable[UpdateNote], catalog: Catalog) -> doc.ItemList | None:
    """The update notes for « Avertissements et corrections », newest first."""
    found = sorted(updates, key=lambda u: u.date, reverse=True)
    if not found:
        return None
    return doc.ItemList(UPDATES_TITLE, tuple(
        doc.Entry(figure_label(u.figure, catalog), u.why,
                  (("Date", u.date), ("Ancienne valeur", u.old), ("Nouvelle valeur", u.new)))
        for u in found))


# -- `monoreg release`: record an edition as published ------------------------------------
RELEASES_HEADER = ("# Publications de cette édition, écrites par `monoreg release` : ne pas "
                   "modifier.\n# Chaque manifeste gardé ici prouve ce qui a été publié ; "
                   "après publication, un chiffre\n# publié ne change qu'avec une note datée "
                   "dans updates.yaml.\n")


def record_release(edition: Edition, folder: Path, built: Path, when: str) -> Path:
    """Keep the public build's manifest (`built`) with the edition's data files (`folder`)
    and record its date and hash in releases.yaml; returns the manifest's new path. Refuses
    (InputError) a manifest whose files are missing or changed, or that is not of the
    edition as it stands."""
    where = str(built)
    if any(r.date == when for r in edition.releases):
        raise InputError(f"l'édition est déjà enregistrée comme publiée le {when}",
                         file=where)
    try:
        data = json.loads(built.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise InputError("aucun manifeste lisible : construisez d'abord l'édition publique "
                         "(monoreg build REGION --edition ANNÉE)", file=where) from None
    for kind, entry in data.get("files", {}).items():
        path = built.parent.parent.parent / entry["path"]
        if not path.is_file() or sha256(path.read_bytes()) != entry["sha256"]:
            raise InputError(f"le fichier {kind} du manifeste ({entry['path']}) manque ou a "
                             "changé depuis la construction : reconstruisez l'édition",
                             file=where)
    if data.get("edition") != edition.id or data.get("figures") != published_figures(edition):
        raise InputError("le manifeste ne décrit pas l'édition telle qu'elle est chargée : "
                         "reconstruisez-la (monoreg build) avant de la publier", file=where)
    kept = folder / PUBLICATIONS / f"{when}-manifeste.json"
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_bytes(built.read_bytes())
    entries = [{"date": r.date, "manifest": Path(r.manifest).relative_to(
        Path(r.manifest).parents[1]).as_posix(), "manifest_sha256": r.manifest_sha256}
        for r in edition.releases]
    entries.append({"date": when, "manifest": kept.relative_to(folder).as_posix(),
                    "manifest_sha256": sha256(kept.read_bytes())})
    text = yaml.safe_dump({"releases": entries}, allow_unicode=True, sort_keys=False)
    (folder / RELEASES).write_text(RELEASES_HEADER + text, encoding="utf-8")
    return kept
