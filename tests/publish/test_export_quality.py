"""`monoreg export` on the REAL Normandie 2020 edition and its resolutions: every observation
carries its quality; the published value is the editor's decision, in the indicator's unit;
what was printed stays beside it, unchanged."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from monoreg.cli import app
from monoreg.model import QUALITY_LEGEND

runner = CliRunner()
PROJECT_DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("export")
    env = {"MONOREG_DATA_DIR": str(PROJECT_DATA),
           "MONOREG_DATABASE_URL": f"sqlite:///{root / 'store.sqlite'}"}
    assert runner.invoke(app, ["load"], env=env).exit_code == 0
    files = {}
    for fmt in ("json", "csv", "xlsx"):
        out = root / f"normandie.{fmt}"
        result = runner.invoke(app, ["export", "normandie", "--edition", "2020", "--format",
                                     fmt, "--out", str(out)], env=env)
        assert result.exit_code == 0, result.output
        files[fmt] = out
    return {**files, "json": json.loads(files["json"].read_text("utf-8"))}


def _one(data: dict[str, Any], place: str, indicator: str, territory: str, period: str
         ) -> dict[str, Any]:
    [row] = [o for o in data["observations"] if (o["place"], o["indicator"], o["territory"],
                                                  o["period"]) == (place, indicator,
                                                                   territory, period)]
    return row


def test_every_observation_carries_its_quality(exported: dict[str, Any]) -> None:
    observations = exported["json"]["observations"]
    assert observations
    statuses = {s.value for s in QUALITY_LEGEND}
    for o in observations:
        assert set(o["quality"]) == {"status", "findings", "note"}
        assert o["quality"]["status"] in statuses
        assert (o["quality"]["note"] is None) == (o["quality"]["status"] in ("ok", "flagged"))


def test_a_correction_is_published_with_the_print_beside_it(exported: dict[str, Any]) -> None:
    jobseekers = _one(exported["json"], "population-emploi", "demandeurs_emploi_abc", "FR",
                      "2019-07")
    assert jobseekers["quality"]["status"] == "corrected"
    assert (jobseekers["value"], jobseekers["printed"], jobseekers["printed_value"]) == (
        5798700, "578 700", 578700)
    assert "5 798 700" in jobseekers["quality"]["note"]


def test_a_withheld_figure_has_no_value(exported: dict[str, Any]) -> None:
    active = _one(exported["json"], "population-emploi", "population_active", "FR", "2019")
    assert active["quality"]["status"] == "withheld"
    assert active["value"] is None
    assert (active["printed"], active["printed_value"]) == ("30 70 000", 3070000)


def test_one_unit_per_indicator_in_value(exported: dict[str, Any]) -> None:
    # France's jobs are printed in persons on the key-figures page, Normandie's in thousands
    france = _one(exported["json"], "chiffres-cles", "emplois_industrie", "FR", "2019-T1")
    assert (france["value"], france["unit"]) == (3157.7, "thousands")
    assert (france["printed_value"], france["printed_unit"]) == (3157700, "persons")
    units: dict[str, set[str]] = {}
    for o in exported["json"]["observations"]:
        if o["value"] is not None:
            units.setdefault(o["indicator"], set()).add(o["unit"])
    assert all(len(u) == 1 for u in units.values()), units


def test_the_edition_lists_its_resolutions_quoting_the_print(exported: dict[str, Any]) -> None:
    resolutions = exported["json"]["resolutions"]
    printed = {r["printed"] for r in resolutions}
    assert {"30 70 000", "-0.03%", "-12,72%", "contact@cap-métiers.pro"} <= printed
    assert all(r["note"] and r["evidence"] and r["author"] and r["date"] for r in resolutions)


def test_csv_and_xlsx_carry_the_quality_columns(exported: dict[str, Any]) -> None:
    rows = list(csv.DictReader(io.StringIO(exported["csv"].read_text("utf-8-sig")),
                               delimiter=";"))
    active = next(r for r in rows if (r["indicator"], r["territory"], r["period"])
                  == ("population_active", "FR", "2019"))
    assert (active["quality_status"], active["value"], active["printed_value"]) == (
        "withheld", "", "3070000")
    assert "malformed-number" in active["quality_findings"].split()
    sheet = load_workbook(exported["xlsx"])["Chiffres"]  # after the « Lisez-moi »
    header = [c.value for c in sheet[1]]
    assert {"quality_status", "quality_findings", "quality_note", "printed_value",
            "printed_unit"} <= set(header)
