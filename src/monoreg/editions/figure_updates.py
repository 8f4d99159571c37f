"""Writing figures into an edition's observations.csv (and decisions into its
resolutions.yaml), then reloading: `edition fill` and `edition apply` share it.

Only the rows given change (the others, comments included, are written back as they were).
The edition is read back with the loader and the whole data folder loaded into the store in
one transaction; if any of it fails, observations.csv is put back as it was.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from monoreg.datafile_reader import display_path, read_csv
from monoreg.errors import InputError
from monoreg.ingest.datafiles.data_folder import load_data_dir
from monoreg.ingest.datafiles.file_names import RESOLUTIONS
from monoreg.model import Edition, Observation, Period, Status
from monoreg.store.repository import LoadReport, Store
from monoreg.validate.service import assess_store

OBSERVATIONS = "observations.csv"
RESOLUTIONS_KEY = "resolutions"


@dataclass(frozen=True)
class RowUpdate:
    """New values for some columns of one row of observations.csv."""

    line: int                      # the row's line in observations.csv
    values: Mapping[str, str]


def filled(line: int, value: Decimal, unit: str, source: str | None, note: str,
           period: Period | None = None) -> RowUpdate:
    """A figure still to fill, filled (`period`: another period than the one expected)."""
    values = {"value": _format(value), "unit": unit, "status": "", "printed": "",
              "source": source or "", "note": note}
    if period is not None:
        values["period"] = period.code
    return RowUpdate(line, values)


def edition_folder_of(edition: Edition, data_dir: Path) -> Path:
    """The folder an edition was loaded from (its provenance is relative to the data dir)."""
    if edition.provenance is None:
        raise InputError(f"l'édition {edition.id} ne vient pas des fichiers de données")
    return (data_dir / edition.provenance.file).parent


def to_fill(edition: Edition) -> list[Observation]:
    return [o for o in edition.observations if o.status is Status.TO_FILL]


def _format(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _rewrite(path: Path, updates: Sequence[RowUpdate]) -> str:
    """observations.csv with the updated rows; every other line as it was."""
    rows = {row.line: row for row in read_csv(path, required=set(), allow_other=True)}
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([next(line for line in lines if line.strip()
                                   and not line.lstrip().startswith("#"))], delimiter=";"))
    changed: dict[int, dict[str, str]] = {}
    for update in updates:
        row = rows.get(update.line)
        if row is None or lines[update.line - 1].count('"') % 2:
            raise InputError("ligne introuvable ou sur plusieurs lignes",
                             file=display_path(path), line=update.line)
        missing = sorted(set(update.values) - set(header))
        if missing:
            raise InputError(f"colonne(s) absente(s) de l'en-tête : {', '.join(missing)}",
                             file=display_path(path), line=update.line)
        changed.setdefault(update.line, dict(row.values)).update(update.values)
    for line, values in changed.items():
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";", lineterminator="\n").writerow(
            [values.get(column, "") for column in header])
        lines[line - 1] = buffer.getvalue()
    return "".join(lines)


def _with_resolutions(path: Path, entries: Sequence[Mapping[str, Any]]) -> str:
    """resolutions.yaml with `entries` added at the end of its list (format: ingest/
    datafiles/resolutions.py); the entries already there, and their comments, as they were."""
    added = yaml.safe_dump(list(entries), allow_unicode=True, sort_keys=False, width=100)
    if not path.exists():
        return (f"# Décisions sur les constats de validation de cette édition (voir "
                f"docs/validation.md, « Résolutions »).\n{RESOLUTIONS_KEY}:\n{added}")
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict) or set(data) != {RESOLUTIONS_KEY}:
        raise InputError(f"seule la clé « {RESOLUTIONS_KEY} » est attendue",
                         file=display_path(path))
    if not data[RESOLUTIONS_KEY]:  # 'resolutions: []' or empty: written anew
        text = "".join(line + "\n" for line in text.splitlines()
                       if line.lstrip().startswith("#")) + f"{RESOLUTIONS_KEY}:\n"
    return text + ("" if text.endswith("\n") else "\n") + added


def write_and_reload(store: Store, data_dir: Path, edition: Edition,
                     updates: Sequence[RowUpdate],
                     resolutions: Sequence[Mapping[str, Any]] = ()) -> LoadReport | None:
    """Write `updates` into the edition's observations.csv and `resolutions` at the end of
    its resolutions.yaml, then reload; all or nothing."""
    if not updates and not resolutions:
        return None
    folder = edition_folder_of(edition, data_dir)
    files: dict[Path, str] = {}
    if updates:
        files[folder / OBSERVATIONS] = _rewrite(folder / OBSERVATIONS, updates)
    if resolutions:
        files[folder / RESOLUTIONS] = _with_resolutions(folder / RESOLUTIONS, resolutions)
    before = {path: path.read_text(encoding="utf-8") if path.exists() else None
              for path in files}
    try:
        for path, text in files.items():
            staged = path.with_name(f".{path.name}.new")
            staged.write_text(text, encoding="utf-8")
            os.replace(staged, path)
        return store.load_dataset(load_data_dir(data_dir), assess=assess_store)
    except BaseException:
        for path, previous in before.items():
            if previous is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(previous, encoding="utf-8")
        raise
