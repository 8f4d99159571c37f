"""`monoreg edition new|status`, `diff` and `ranking`, in-process: on the SYNTHETIC data
folder, and on a copy of the real bundled data (the issue's acceptance check)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from monoreg.cli import app

runner = CliRunner()
PROJECT_DATA = Path(__file__).resolve().parents[2] / "data"
WIDE = {"COLUMNS": "200"}


def ok(*args: str) -> str:
    result = runner.invoke(app, list(args), env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.stdout


def test_new_load_status_diff_on_synthetic_data(env: dict[str, str]) -> None:
    ok("load")
    said = ok("edition", "new", "normandie", "2031")
    assert "2 chiffre(s) repris, 7 à compléter" in said
    ok("load")
    status = json.loads(ok("edition", "status", "normandie", "2031", "--format", "json"))
    assert set(status) >= {"to_update", "misaligned", "stale_contacts", "validation_errors",
                           "progress"}
    assert len(status["to_update"]) == 7
    assert status["progress"]["done"] == 2 and status["progress"]["figures_total"] == 9
    assert status["stale_contacts"][0]["verified"] == "2030-05"
    diff = json.loads(ok("diff", "28", "2030", "2031", "--format", "json"))
    assert (len(diff["pending"]), diff["unchanged"], diff["revisions"]) == (7, 2, [])
    text = ok("edition", "status", "normandie", "2031")
    assert "Chiffres à mettre à jour (7)" in text
    assert "Contacts à vérifier, vérifiés avant le 1er novembre 2020" not in text
    assert "Contacts à vérifier, vérifiés avant le 1er novembre 2030 (1)" in text
    assert "1\u202f010\u202f000" in text          # the latest known population, formatted
    assert "de 28-2030 à 28-2031" in ok("diff", "normandie", "2030", "2031")


def test_ranking_command(env: dict[str, str]) -> None:
    ok("load")
    ranked = json.loads(ok("ranking", "population_totale", "--period", "1er janvier 2029",
                           "--format", "json"))
    assert [r["region"] for r in ranked[0]["ranked"]] == ["28", "53"]
    text = ok("ranking", "population_totale")
    assert "Sans chiffre pour cette période" in text


@pytest.mark.parametrize("args", [
    ["edition", "new", "atlantide", "2031"],
    ["edition", "new", "normandie", "2030"],
    ["edition", "new", "normandie", "2031", "--cutoff", "bientôt"],
    ["edition", "status", "normandie", "2031"],
    ["edition", "status", "normandie", "2030", "--format", "pdf"],
    ["diff", "normandie", "2030", "2040"],
    ["ranking", "no_such_indicator"],
])
def test_usage_errors_exit_2(env: dict[str, str], args: list[str]) -> None:
    ok("load")
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Erreur : ")
    assert "Traceback" not in result.output


def test_new_twice_exits_2_and_keeps_the_files(env: dict[str, str]) -> None:
    ok("edition", "new", "normandie", "2031")
    path = Path(env["MONOREG_DATA_DIR"]) / "editions/normandie/2031/observations.csv"
    before = path.read_bytes()
    result = runner.invoke(app, ["edition", "new", "normandie", "2031"])
    assert result.exit_code == 2 and "existe déjà" in result.stderr
    assert path.read_bytes() == before


def test_acceptance_on_a_copy_of_the_bundled_data(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Real data (the Normandie May 2020 edition as printed, INSEE series) copied to tmp."""
    data = tmp_path / "data"
    shutil.copytree(PROJECT_DATA, data)
    monkeypatch.setenv("MONOREG_DATA_DIR", str(data))
    monkeypatch.setenv("MONOREG_DATABASE_URL", f"sqlite:///{tmp_path / 'store.sqlite'}")
    ok("edition", "new", "normandie", "2021")
    ok("load")
    status = json.loads(ok("edition", "status", "normandie", "2021", "--format", "json"))
    to_update = {(t["indicator"], t["territory"], t["period"]) for t in status["to_update"]}
    assert ("taux_chomage", "28", "2020-T2") in to_update
    assert ("demandeurs_emploi_abc", "28", "2020-07") in to_update
    assert ("population_totale", "28", "2019") not in to_update   # carried over
    # the print's region and France periods that differ are still listed
    assert {"indicator": "nombre_cfa", "region_period": "2019", "national": "FR",
            "national_period": "2019/2020"}.items() <= status["misaligned"][0].items()
    assert status["progress"]["done"] < status["progress"]["total"]
    diff = json.loads(ok("diff", "normandie", "2020", "2021", "--format", "json"))
    assert diff["from_edition"] == "28-2020" and diff["to_edition"] == "28-2021"
    assert diff["pending"] and not [r for r in diff["revisions"] if r["kind"] == "editions"]


def test_show_says_to_fill_not_missing(env: dict[str, str]) -> None:
    ok("edition", "new", "normandie", "2031")
    ok("load")
    shown = ok("show", "normandie", "--edition", "2031")
    assert "à compléter" in shown                 # the period is on the line below
    rows = json.loads(ok("show", "normandie", "--edition", "2031", "--format", "json"))
    currents = [r["current"]["value"] for r in rows if r["current"]]
    assert "à compléter (2030)" in currents
    assert "non renseigné (2030)" not in currents
