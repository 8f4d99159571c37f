"""Stores for the importer tests: the SYNTHETIC data folder (tests/synthetic.py) plus the
catalogue entries the importers need, copied by id from the real data/reference files, so
that the tests run against the indicators and sources users get."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from monoreg.cli import app
from monoreg.loading import load
from monoreg.store.repository import Store

PROJECT_DATA = Path(__file__).resolve().parents[2] / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
IMPORT_INDICATORS = (
    "nombre_of_liste_publique", "nombre_of_apprentissage",
    "nombre_actions_lheo", "nombre_sessions_lheo",
    "nombre_actions_lheo_par_nsf", "nombre_actions_lheo_par_formacode",
    "nombre_sessions_lheo_par_nsf", "nombre_sessions_lheo_par_formacode",
    "population_municipale",
)
IMPORT_SOURCES = ("insee_populations_legales",)


def add_import_catalog(data_dir: Path) -> Path:
    """Append the importers' indicators (and the sources they cite) to a data folder."""
    reference = data_dir / "reference"
    real = yaml.safe_load((PROJECT_DATA / "reference" / "indicators.yaml").read_text("utf-8"))
    entries = [item for item in real if item["id"] in IMPORT_INDICATORS]
    assert len(entries) == len(IMPORT_INDICATORS), "an importer indicator is missing"
    for entry in entries:  # a whole the synthetic catalogue does not have
        if entry.get("part_of") and entry["part_of"] not in IMPORT_INDICATORS:
            del entry["part_of"]
    sources = yaml.safe_load((PROJECT_DATA / "reference" / "sources.yaml").read_text("utf-8"))
    wanted = {e["source"] for e in entries if e.get("source")} | set(IMPORT_SOURCES)
    with (reference / "indicators.yaml").open("a", encoding="utf-8") as handle:
        handle.write(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False))
    with (reference / "sources.yaml").open("a", encoding="utf-8") as handle:
        handle.write(yaml.safe_dump({k: sources[k] for k in sorted(wanted)},
                                    allow_unicode=True, sort_keys=False))
    return data_dir


def loaded_store(url: str, data_dir: Path) -> Store:
    """A store holding the synthetic data folder and the importers' catalogue entries."""
    store = Store.open(url)
    load(store, add_import_catalog(data_dir))
    return store


def loaded_copy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, url: str) -> Path:
    """A working copy of the bundled data folder, loaded into the store at `url`, both set
    as the CLI's (an import writes its edition into that copy)."""
    data = tmp_path / "data"
    shutil.copytree(PROJECT_DATA, data)
    monkeypatch.setenv("MONOREG_DATA_DIR", str(data))
    monkeypatch.setenv("MONOREG_DATABASE_URL", url)
    assert CliRunner().invoke(app, ["load"]).exit_code == 0
    return data
