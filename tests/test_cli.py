"""The monoreg command, in-process, on the SYNTHETIC data folder."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from monoreg.cli import app

runner = CliRunner()


def test_load_show_export_json(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["load"])
    assert result.exit_code == 0, result.output
    assert "1 édition(s), 9 chiffres" in result.output
    shown = runner.invoke(app, ["show", "NORMANDIE", "--edition", "2030"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "Population totale (SYNTHÉTIQUE)" in shown.output
    assert "+1,00" in shown.output          # recomputed: 1 000 000 -> 1 010 000
    assert "-0,5" in shown.output           # rate: points
    exported = runner.invoke(app, ["export", "28", "--edition", "2030", "--format", "json"])
    assert exported.exit_code == 0, exported.output
    data = json.loads(exported.stdout)
    assert data["region"]["name"] == "Normandie"
    assert data["edition"]["cutoff"] == "2029-12"
    pop = next(o for o in data["observations"]
               if o["indicator"] == "population_totale" and o["period"] == "2029")
    assert pop["value"] == 1010000 and pop["printed"] == "1 010 000"
    assert pop["source"]["printed"] == "Sources : producteur synthétique"
    assert pop["provenance"] == {"file": "editions/normandie/2030/observations.csv",
                                 "line": 4, "page": None, "column": None}
    missing = next(o for o in data["observations"] if o["territory"] == "FR-HM")
    assert missing["value"] is None and missing["status"] == "non-renseigne"
    assert data["texts"][0]["title"] == "Pacte synthétique"


def test_export_csv_has_bom_and_semicolons(env: dict[str, str], tmp_path: Path) -> None:
    runner.invoke(app, ["load"])
    out = tmp_path / "n.csv"
    result = runner.invoke(app, ["export", "normandie", "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    # without --edition: the edition's 9 figures and the region's series figure
    assert len(rows) == 10
    assert {r["edition"] for r in rows} == {"28-2030", ""}


def test_export_xlsx(env: dict[str, str], tmp_path: Path) -> None:
    runner.invoke(app, ["load"])
    out = tmp_path / "n.xlsx"
    result = runner.invoke(app, ["export", "normandie", "--edition", "2030", "--format", "xlsx",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out)["Chiffres"]  # after the « Lisez-moi »
    header = [c.value for c in sheet[1]]
    values = [row[header.index("value")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert 1010000 in values


def test_bad_data_file_exit_1_and_store_unchanged(env: dict[str, str]) -> None:
    assert runner.invoke(app, ["load"]).exit_code == 0
    before = runner.invoke(app, ["export", "28", "--edition", "2030"]).stdout
    path = Path(env["MONOREG_DATA_DIR"]) / "editions/normandie/2030/observations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("1 010 000;1010000",
                                                             "1 010 000;1010009"),
                    encoding="utf-8")
    result = runner.invoke(app, ["load"])
    assert result.exit_code == 1
    assert "observations.csv, ligne 4" in result.stderr
    assert "Traceback" not in result.output
    assert runner.invoke(app, ["export", "28", "--edition", "2030"]).stdout == before


def test_usage_errors_exit_2(env: dict[str, str]) -> None:
    runner.invoke(app, ["load"])
    result = runner.invoke(app, ["show", "atlantide"])
    assert result.exit_code == 2
    assert "région inconnue « atlantide »" in result.stderr
    assert runner.invoke(app, ["export", "28", "--format", "pdf"]).exit_code == 2
    assert runner.invoke(app, ["show", "28", "--edition", "1999"]).exit_code == 2


def test_every_command_closes_its_store(env: dict[str, str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from monoreg.store.repository import Store

    opened: list[Store] = []
    closed: list[Store] = []
    real_open, real_close = Store.open.__func__, Store.close  # type: ignore[attr-defined]

    def tracked_open(cls: type[Store], url: str) -> Store:
        store = real_open(cls, url)
        opened.append(store)
        return store

    def tracked_close(self: Store) -> None:
        closed.append(self)
        real_close(self)

    monkeypatch.setattr(Store, "open", classmethod(tracked_open))
    monkeypatch.setattr(Store, "close", tracked_close)
    for args in (["load"], ["show", "28", "--edition", "2030"], ["show", "atlantide"],
                 ["export", "28", "--format", "csv"], ["validate", "28"]):
        result = runner.invoke(app, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert len(opened) == 5
    assert closed == opened          # also after the failed 'show atlantide'
