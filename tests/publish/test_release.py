"""The release record on a copy of the REAL Normandie 2020 data, on SQLite and PostgreSQL: a
public build publishes a manifest with the downloads; `monoreg release` records the edition
as published; a rebuild that changes a published figure needs a dated update note, shown in
« Avertissements et corrections » and never removed.

The changed figure and the update note are made up for the test (SYNTHETIC): the editor's
correction of the region's 2017 total spending is moved from 1608.2 to 1608.3 in a copy.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from monoreg.cli import app

runner = CliRunner()
PROJECT_DATA = Path(__file__).resolve().parents[2] / "data"
EDITION = "editions/normandie/2020"
UPDATE = """\
updates:
  - date: 2020-07-15
    place: chiffres-cles
    indicator: depenses_region_totales_meur
    territory: "28"
    period: "2017"
    old: 1 608,2 M€
    new: 1 608,3 M€
    why: Montant rectifié (note SYNTHÉTIQUE pour le test).
"""


def _run(*args: str) -> object:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store_url: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(PROJECT_DATA, data)
    assert not (data / EDITION / "releases.yaml").exists()  # the bundled edition has none
    monkeypatch.setenv("MONOREG_DATA_DIR", str(data))
    monkeypatch.setenv("MONOREG_DATABASE_URL", store_url)
    monkeypatch.setenv("COLUMNS", "200")
    assert _run("load").exit_code == 0  # type: ignore[attr-defined]
    return tmp_path


def _build(root: Path) -> object:
    return _run("build", "normandie", "--edition", "2020", "--out", str(root / "build"))


def _change_a_published_figure(root: Path) -> None:
    path = root / "data" / EDITION / "resolutions.yaml"
    text = path.read_text("utf-8")
    assert text.count("value: '1608.2'") == 1
    path.write_text(text.replace("value: '1608.2'", "value: '1608.3'"), "utf-8")


def test_manifest_lists_inputs_code_findings_figures_and_checksums(copy: Path) -> None:
    assert _build(copy).exit_code == 0  # type: ignore[attr-defined]
    folder = copy / "build" / "normandie" / "2020"
    manifest = json.loads((folder / "normandie-2020-manifeste.json").read_text("utf-8"))
    for kind, entry in manifest["files"].items():
        payload = (copy / "build" / entry["path"]).read_bytes()
        assert hashlib.sha256(payload).hexdigest() == entry["sha256"], kind
    assert set(manifest["files"]) >= {"pdf", "html", "csv", "json", "xlsx", "datapackage"}
    inputs = {i["file"]: i["sha256"] for i in manifest["inputs"]}
    observations = (copy / "data" / EDITION / "observations.csv").read_bytes()
    assert inputs[f"{EDITION}/observations.csv"] == hashlib.sha256(observations).hexdigest()
    assert "reference/indicators.yaml" in inputs and manifest["code"]["sha256"]
    # Every finding with its resolution: the misprinted « 30 70 000 » is withheld.
    withheld = [f for f in manifest["findings"] if f["printed"] == "30 70 000"
                and f["resolution"]]
    assert withheld and withheld[0]["resolution"]["decision"] == "withheld"
    figures = {(f["figure"]["place"], f["figure"]["indicator"], f["figure"]["territory"],
                f["figure"]["period"], f["figure"]["base_period"]): f
               for f in manifest["figures"]}
    active = figures[("population-emploi", "population_active", "FR", "2019", None)]
    assert active["printed"] == "30 70 000" and active["value"] is None
    assert active["status"] == "withheld"
    # Published with the downloads: the index links it.
    assert "normandie-2020-manifeste.json" in (copy / "build" / "index.html").read_text("utf-8")


def test_a_published_figure_changes_only_with_a_dated_note_never_removed(copy: Path) -> None:
    assert _build(copy).exit_code == 0  # type: ignore[attr-defined]
    result = _run("release", "normandie", "2020", "--date", "2020-06-01", "--out",
                  str(copy / "build"))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    record = (copy / "data" / EDITION / "releases.yaml").read_text("utf-8")
    kept = copy / "data" / EDITION / "publications" / "2020-06-01-manifeste.json"
    assert hashlib.sha256(kept.read_bytes()).hexdigest() in record
    assert "date: '2020-06-01'" in record

    _change_a_published_figure(copy)
    assert _run("load").exit_code == 0  # type: ignore[attr-defined]
    refused = _build(copy)
    assert refused.exit_code == 1  # type: ignore[attr-defined]
    assert ("Dépenses totales de la région — Normandie, 2017 (Chiffres clés) : publié le "
            "2020-06-01 (1608,2, corrigé), maintenant (1608,3, corrigé)"
            in refused.stderr)  # type: ignore[attr-defined]

    (copy / "data" / EDITION / "updates.yaml").write_text(UPDATE, "utf-8")
    assert _run("load").exit_code == 0  # type: ignore[attr-defined]
    assert _build(copy).exit_code == 0  # type: ignore[attr-defined]
    pdf = copy / "build" / "normandie" / "2020" / "normandie-2020.pdf"
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", "-layout", str(pdf), "-"],
                                              capture_output=True, text=True,
                                              check=True).stdout)
    notes = text[text.index("AVERTISSEMENTS ET CORRECTIONS"):]
    assert "Mises à jour depuis la publication" in notes
    assert "Ancienne valeur : 1 608,2 M€ Nouvelle valeur : 1 608,3 M€" in notes

    # Published again with its note: the note can no longer be removed.
    assert _run("release", "normandie", "2020", "--date", "2020-08-01", "--out",
                str(copy / "build")).exit_code == 0  # type: ignore[attr-defined]
    (copy / "data" / EDITION / "updates.yaml").unlink()
    assert _run("load").exit_code == 0  # type: ignore[attr-defined]
    removed = _build(copy)
    assert removed.exit_code == 1  # type: ignore[attr-defined]
    assert "a disparu de updates.yaml" in removed.stderr  # type: ignore[attr-defined]


def test_a_tampered_release_manifest_is_refused_at_load(copy: Path) -> None:
    assert _build(copy).exit_code == 0  # type: ignore[attr-defined]
    assert _run("release", "normandie", "2020", "--date", "2020-06-01", "--out",
                str(copy / "build")).exit_code == 0  # type: ignore[attr-defined]
    kept = copy / "data" / EDITION / "publications" / "2020-06-01-manifeste.json"
    kept.write_text(kept.read_text("utf-8").replace("30 70 000", "3 070 000"), "utf-8")
    result = _run("load")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "releases.yaml" in result.stderr and "ne se modifie pas" in result.stderr  # type: ignore[attr-defined]


def test_release_without_a_build_is_a_clear_error(copy: Path) -> None:
    result = _run("release", "normandie", "2020", "--out", str(copy / "nothing"))
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "construisez d'abord l'édition publique" in result.stderr  # type: ignore[attr-defined]
    assert not (copy / "data" / EDITION / "releases.yaml").exists()
