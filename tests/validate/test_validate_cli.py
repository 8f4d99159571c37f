"""`monoreg validate`, in-process, on the SYNTHETIC data folder (tests/synthetic.py) and once
on the REAL Normandie 2020 data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from monoreg.cli import app

runner = CliRunner()
CONTRACT = {"rule", "severity", "message", "section", "indicator", "territory", "period",
            "printed", "expected", "location"}
PROJECT_DATA = Path(__file__).resolve().parents[2] / "data"
EVOLUTIONS = "editions/normandie/2030/evolutions.csv"


def set_population_evolution(data_dir: Path, printed: str, value: str, accept: str = ""
                             ) -> None:
    """Rewrite the SYNTHETIC population evolution of edition 2030."""
    path = data_dir / EVOLUTIONS
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"population-emploi;population_totale;28;2028;2029;{printed};{value};percent;;;"
             f"{accept}" if line.startswith("population-emploi;population_totale") else line
             for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def validate(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", "normandie", "--edition", "2030", *args],
                           env={"COLUMNS": "200"})
    return result.exit_code, result.stdout


def test_json_follows_the_contract(env: dict[str, str]) -> None:
    assert runner.invoke(app, ["load"]).exit_code == 0
    code, output = validate("--format", "json", "--strict")
    assert code == 0                      # the synthetic edition has no error
    data = json.loads(output)
    assert data["edition"]["synthetic"] is True
    assert data["summary"]["errors"] == 0
    for finding in data["findings"]:
        assert set(finding) >= CONTRACT
        assert finding["severity"] in ("error", "warning", "info")


def test_strict_fails_on_an_error_until_it_is_accepted(env: dict[str, str],
                                                       data_dir: Path) -> None:
    set_population_evolution(data_dir, "+5,00 %", "5.00")
    assert runner.invoke(app, ["load"]).exit_code == 0
    code, output = validate("--format", "json", "--strict")
    assert code == 1
    [finding] = [f for f in json.loads(output)["findings"] if f["rule"] == "evolution-mismatch"]
    assert finding["location"] == f"{EVOLUTIONS}, line 2"
    assert finding["expected"] == "+1,00\u00a0%"          # 1 000 000 -> 1 010 000
    assert finding["accepted"] is None
    set_population_evolution(data_dir, "+5,00 %", "5.00",
                             "evolution-mismatch: chiffre de l'éditeur (SYNTHÉTIQUE)")
    assert runner.invoke(app, ["load"]).exit_code == 0
    code, output = validate("--format", "json", "--strict")
    assert code == 0
    [finding] = [f for f in json.loads(output)["findings"] if f["rule"] == "evolution-mismatch"]
    assert finding["accepted"] == "chiffre de l'éditeur (SYNTHÉTIQUE)"


def test_text_and_html(env: dict[str, str], data_dir: Path, tmp_path: Path) -> None:
    set_population_evolution(data_dir, "+5,00 %", "5.00")
    runner.invoke(app, ["load"])
    code, output = validate()
    assert code == 0                                      # without --strict
    assert "Population et emploi" in output and "evolution-mismatch" in output
    assert "SYNTHÉTIQUE" in output
    report = tmp_path / "validation.html"
    code, _ = validate("--format", "html", "--out", str(report))
    assert code == 0
    html = report.read_text(encoding="utf-8")
    assert '<html lang="fr">' in html and 'data-rule="evolution-mismatch"' in html


def test_wrong_usage(env: dict[str, str]) -> None:
    runner.invoke(app, ["load"])
    assert validate("--format", "xml")[0] == 2
    result = runner.invoke(app, ["validate", "atlantide"])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_real_seed_fails_strict_without_its_resolutions(
        monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(PROJECT_DATA, data_dir)
    (data_dir / "editions/normandie/2020/resolutions.yaml").unlink()
    monkeypatch.setenv("MONOREG_DATA_DIR", str(data_dir))
    monkeypatch.setenv("MONOREG_DATABASE_URL", sqlite_url)
    assert runner.invoke(app, ["load"]).exit_code == 0
    result = runner.invoke(app, ["validate", "normandie", "--edition", "2020", "--format",
                                 "json", "--strict"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["edition"]["synthetic"] is False
    # the 30 errors of the seed, and the 2 of official-series (jobs beyond total employment)
    assert data["summary"]["errors"] == 32


def test_real_seed_passes_strict_with_every_error_resolved(
        monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> None:
    monkeypatch.setenv("MONOREG_DATA_DIR", str(PROJECT_DATA))
    monkeypatch.setenv("MONOREG_DATABASE_URL", sqlite_url)
    assert runner.invoke(app, ["load"]).exit_code == 0
    result = runner.invoke(app, ["validate", "normandie", "--edition", "2020", "--format",
                                 "json", "--strict"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"]["errors"] == 0
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert len(errors) >= 30 and all(f["resolution"] for f in errors)
    # each note says what proves it: the extracted text of the print, an official file
    assert all("source.txt" in f["resolution"]["evidence"]
               or "data/series" in f["resolution"]["evidence"] for f in errors)
