"""The publication gate on the REAL Normandie 2020 data: a public build refuses an edition
with an error no editor resolved, names it, and exits 1; --proof builds it anyway.

The planted error is made up on purpose (a printed evolution changed in a copy of the
data): it is the one thing in this test that is not as printed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from publish_data import write_publish_data
from typer.testing import CliRunner

from monoreg.cli import app

runner = CliRunner()
PROJECT_DATA = Path(__file__).resolve().parents[2] / "data"
EVOLUTIONS = "editions/normandie/2020/evolutions.csv"


@pytest.fixture
def planted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    shutil.copytree(PROJECT_DATA, data)
    path = data / EVOLUTIONS
    text = path.read_text("utf-8")
    # Jobseekers of Normandie, July 2018 → July 2019: printed -3.02%, planted -9.02%.
    assert text.count(";-3.02%;-3.02;") == 1
    path.write_text(text.replace(";-3.02%;-3.02;", ";-9.02%;-9.02;"), "utf-8")
    monkeypatch.setenv("MONOREG_DATA_DIR", str(data))
    monkeypatch.setenv("MONOREG_DATABASE_URL", f"sqlite:///{tmp_path / 'store.sqlite'}")
    monkeypatch.setenv("COLUMNS", "200")
    assert runner.invoke(app, ["load"]).exit_code == 0
    return tmp_path


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
                if needle in line)


def test_public_build_refuses_an_unresolved_error_and_names_it(planted: Path) -> None:
    out = planted / "build"
    result = runner.invoke(app, ["build", "normandie", "--edition", "2020", "--out", str(out)])
    assert result.exit_code == 1
    line = _line_of(planted / "data" / EVOLUTIONS, "-9.02%")
    assert "Refusée : Normandie 2020 — 1 erreur(s) non résolue(s)" in result.stderr
    assert "demandeurs_emploi_abc / 28 / 2019-07 (population-emploi)" in result.stderr
    assert "règle evolution-mismatch" in result.stderr
    assert f"editions/normandie/2020/evolutions.csv, ligne {line}" in result.stderr
    assert not (out / "normandie/2020/normandie-2020.pdf").exists()
    assert "Traceback" not in result.output


def test_proof_builds_the_same_edition(planted: Path) -> None:
    out = planted / "build"
    result = runner.invoke(app, ["build", "normandie", "--edition", "2020", "--out", str(out),
                                 "--proof"])
    assert result.exit_code == 0, result.output
    assert (out / "normandie/2020/normandie-2020-epreuve.pdf").read_bytes().startswith(b"%PDF")


def test_the_bundled_edition_passes_the_gate(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # What README's `bash scripts/run.sh` does: load the bundled data, build it publicly.
    monkeypatch.setenv("MONOREG_DATA_DIR", str(PROJECT_DATA))
    monkeypatch.setenv("MONOREG_DATABASE_URL", f"sqlite:///{tmp_path / 'store.sqlite'}")
    assert runner.invoke(app, ["load"]).exit_code == 0
    out = tmp_path / "build"
    result = runner.invoke(app, ["build", "normandie", "--edition", "2020", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "normandie/2020/normandie-2020.pdf").read_bytes().startswith(b"%PDF")


def test_several_editions_build_those_that_pass(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # SYNTHETIC Normandie and Bretagne (publish_data.py); Bretagne loses its resolutions.
    data = write_publish_data(tmp_path)
    (data / "editions/bretagne/2030/resolutions.yaml").unlink()
    monkeypatch.setenv("MONOREG_DATA_DIR", str(data))
    monkeypatch.setenv("MONOREG_DATABASE_URL", f"sqlite:///{tmp_path / 'store.sqlite'}")
    monkeypatch.setenv("COLUMNS", "200")
    assert runner.invoke(app, ["load"]).exit_code == 0
    out = tmp_path / "build"
    result = runner.invoke(app, ["build", "--all", "--out", str(out)])
    assert result.exit_code == 1
    assert "Refusée : Bretagne 2030 — 2 erreur(s) non résolue(s)" in result.stderr
    assert "Normandie 2030" not in result.stderr.split("Refusée")[1]
    assert (out / "normandie/2030/normandie-2030.pdf").exists()
    assert not (out / "bretagne/2030/bretagne-2030.pdf").exists()
