"""The editor's year on SYNTHETIC data (tests/synthetic.py): `edition new` → `edition fill`
→ `edition sheet` → one « Valeur » typed → `edition apply` → `edition status` shows one
figure fewer; bad cells are refused with their sheet and cell, and nothing is written.

The SYNTHETIC series below are invented for these tests. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from monoreg.cli import app

runner = CliRunner()
# SYNTHETIC official series: population for the very period the 2031 edition expects (2030),
# the unemployment rate only up to T1 2030 where T2 2030 is expected.
SERIES = """\
- file: population-2030.csv
  source: synth
  territory_column: code_region
  period: "2030"
  values:
    - {column: population, indicator: population_totale}
- file: chomage-t1-2030.csv
  source: synth
  territory_column: code_region
  period: T1 2030
  values:
    - {column: taux, indicator: taux_chomage}
"""


@pytest.fixture
def env(data_dir: Path, store_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    series = data_dir / "series"
    (series / "series.yaml").write_text((series / "series.yaml").read_text("utf-8") + SERIES,
                                        encoding="utf-8")
    (series / "population-2030.csv").write_text(
        "# SYNTHETIC\ncode_region;population\n28;1030000\n", encoding="utf-8")
    (series / "chomage-t1-2030.csv").write_text(
        "# SYNTHETIC\ncode_region;taux\n28;7.2\n", encoding="utf-8")
    monkeypatch.setenv("MONOREG_DATA_DIR", str(data_dir))
    monkeypatch.setenv("MONOREG_DATABASE_URL", store_url)
    assert runner.invoke(app, ["load"]).exit_code == 0
    new = runner.invoke(app, ["edition", "new", "normandie", "2031"])
    assert new.exit_code == 0, new.output
    assert runner.invoke(app, ["load"]).exit_code == 0
    return data_dir


def _to_update() -> list[dict]:
    result = runner.invoke(app, ["edition", "status", "normandie", "2031", "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["to_update"]


def _rows(env: Path) -> list[str]:
    path = env / "editions" / "normandie" / "2031" / "observations.csv"
    return path.read_text("utf-8").splitlines()


def test_fill_then_sheet_then_apply(env: Path, tmp_path: Path) -> None:
    before = _to_update()
    keys = {(t["indicator"], t["territory"], t["period"]) for t in before}
    assert {("population_totale", "28", "2030"), ("taux_chomage", "28", "2030-T2")} <= keys

    filled = runner.invoke(app, ["edition", "fill", "normandie", "2031"])
    assert filled.exit_code == 0, filled.output
    assert "2 chiffre(s) rempli(s)" in filled.output
    after_fill = _to_update()
    assert len(after_fill) == len(before) - 2
    rows = _rows(env)
    population = next(r for r in rows if r.startswith("population-emploi;population_totale;28;"
                                                      "2030;"))
    assert ";1030000;" in population and ";synth;" in population
    assert "série officielle « population-2030.csv »" in population
    chomage = next(r for r in rows if r.startswith("population-emploi;taux_chomage;28;2030-T1;"))
    assert ";7.2;" in chomage
    assert "période attendue 2e trimestre 2030 non disponible" in chomage
    assert "dernière période disponible à l'arrêt des données (décembre 2030)" in chomage

    book_path = tmp_path / "chiffres.xlsx"
    sheet = runner.invoke(app, ["edition", "sheet", "normandie", "2031", "--out",
                                str(book_path)])
    assert sheet.exit_code == 0, sheet.output
    book = load_workbook(book_path)
    figures = book["Chiffres"]
    header = [c.value for c in figures[1]]
    assert header[:5] == ["Section", "Indicateur", "Territoire", "Période attendue", "Valeur"]
    assert {"Unité", "Période", "Source", "Note", "Dernier chiffre connu",
            "Période du dernier chiffre", "Source du dernier chiffre"} <= set(header)
    assert figures.freeze_panes == "A2"
    assert figures.column_dimensions["B"].width >= 40
    assert figures.max_row - 1 == len(after_fill)
    assert all(figures.cell(r, 5).value is None for r in range(2, figures.max_row + 1))
    assert figures.cell(2, 5).number_format.startswith("#,##0")
    assert book["monoreg"].sheet_state == "hidden"
    findings = book["Constats"]
    assert [c.value for c in findings[1]][9:12] == ["Décision", "Valeur corrigée", "Note"]
    assert findings.data_validations.dataValidation[0].formula1 == \
        '"corriger,accepter,ne pas publier"'

    target = next(r for r in range(2, figures.max_row + 1)
                  if figures.cell(r, 2).value == "Population totale (SYNTHÉTIQUE)"
                  and figures.cell(r, 3).value == "France")
    original = _rows(env)

    for cell, text, message in (
            ("E", "abc", "« abc » n'est pas un nombre"),
            ("F", "kg", "unité « kg » inconnue"),
            ("G", "T5 2030", "période « T5 2030 » illisible"),
            ("H", "inconnue", "source « inconnue » inconnue")):
        broken = load_workbook(book_path)
        broken["Chiffres"][f"E{target}"] = "1 234"
        broken["Chiffres"][f"{cell}{target}"] = text
        bad = tmp_path / f"bad-{cell}.xlsx"
        broken.save(bad)
        refused = runner.invoke(app, ["edition", "apply", str(bad)])
        assert refused.exit_code == 1, refused.output
        assert f"feuille Chiffres, cellule {cell}{target} : {message}" in refused.stderr
        assert "rien n'est écrit" in refused.stderr and "Traceback" not in refused.output
        assert _rows(env) == original
        assert len(_to_update()) == len(after_fill)

    not_a_workbook = tmp_path / "chiffres-export.xlsx"
    not_a_workbook.write_text("Section;Valeur\npopulation-emploi;1 234\n", encoding="utf-8")
    refused = runner.invoke(app, ["edition", "apply", str(not_a_workbook)])
    assert refused.exit_code == 1 and "chiffres-export.xlsx" in refused.stderr
    assert "Traceback" not in refused.output and _rows(env) == original

    figures[f"E{target}"] = "20 250 000"
    book.save(book_path)
    applied = runner.invoke(app, ["edition", "apply", str(book_path)])
    assert applied.exit_code == 0, applied.output
    assert "1 chiffre(s) écrit(s)" in applied.output
    remaining = _to_update()
    assert len(remaining) == len(after_fill) - 1
    assert ("population_totale", "FR", "2030") not in {
        (t["indicator"], t["territory"], t["period"]) for t in remaining}
    row = next(r for r in _rows(env) if r.startswith("population-emploi;population_totale;FR;"
                                                     "2030;"))
    assert ";20250000;" in row and f"feuille Chiffres, cellule E{target}" in row
    again = runner.invoke(app, ["edition", "apply", str(book_path)])
    assert again.exit_code == 1 and "n'est plus à compléter" in again.stderr


def _row_of(sheet, column: int, wanted: str) -> int:
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, column).value == wanted)


def test_a_decision_accepts_a_finding_on_its_figure(env: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["edition", "fill", "normandie", "2031"]).exit_code == 0
    book_path = tmp_path / "constats.xlsx"
    assert runner.invoke(app, ["edition", "sheet", "normandie", "2031", "--out",
                               str(book_path)]).exit_code == 0
    book = load_workbook(book_path)
    figures = book["Chiffres"]
    # France below the region (1 030 000, filled from the series): an error on the figure
    figures[f"E{_row_of(figures, 3, 'France')}"] = 500000
    book.save(book_path)
    assert runner.invoke(app, ["edition", "apply", str(book_path)]).exit_code == 0
    assert runner.invoke(app, ["edition", "sheet", "normandie", "2031", "--out",
                               str(book_path)]).exit_code == 0
    book = load_workbook(book_path)
    findings = book["Constats"]
    row = _row_of(findings, 2, "region-exceeds-france")
    findings.cell(row, 10).value = "ne pas publier"
    book.save(book_path)
    refused = runner.invoke(app, ["edition", "apply", str(book_path)])
    assert refused.exit_code == 1
    assert f"feuille Constats, cellule L{row} : « ne pas publier » demande une note" \
        in refused.stderr
    findings.cell(row, 10).value = "corriger"
    findings.cell(row, 12).value = "France : population du producteur"
    findings.cell(row, 11).value = "deux millions"
    book.save(book_path)
    refused = runner.invoke(app, ["edition", "apply", str(book_path)])
    assert refused.exit_code == 1
    assert f"feuille Constats, cellule K{row} : « deux millions » n'est pas un nombre" \
        in refused.stderr
    assert not (env / "editions" / "normandie" / "2031" / "resolutions.yaml").exists()
    findings.cell(row, 11).value = "20 300 000"
    book.save(book_path)
    applied = runner.invoke(app, ["edition", "apply", str(book_path)])
    assert applied.exit_code == 0, applied.output
    assert "1 décision(s) enregistrée(s)" in applied.output
    written = (env / "editions" / "normandie" / "2031" / "resolutions.yaml").read_text("utf-8")
    assert "rule: region-exceeds-france" in written and "decision: corrected" in written
    assert "value: '20300000'" in written or "value: \"20300000\"" in written
    assert f"Feuille Constats de constats.xlsx, ligne {row}" in written
    checked = runner.invoke(app, ["validate", "normandie", "--edition", "2031", "--format",
                                  "json"])
    found = [f for f in json.loads(checked.stdout)["findings"]
             if f["rule"] == "region-exceeds-france"]
    assert found and all(f["resolution"]["decision"] == "corrected" for f in found)
