"""`monoreg import insee-population`: INSEE's regions file → population observations.

fixtures/insee-donnees-regions.synthetic.csv: INSEE's layout, SYNTHETIC figures.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from import_catalog import FIXTURES, add_import_catalog
from typer.testing import CliRunner

from monoreg.cli import app
from monoreg.store.repository import Store

runner = CliRunner()
SAMPLE = FIXTURES / "insee-donnees-regions.synthetic.csv"


def _loaded(env: dict[str, str], data_dir: Path) -> None:
    add_import_catalog(data_dir)
    assert runner.invoke(app, ["load"]).exit_code == 0


def _figures(url: str, indicator: str) -> dict[str, tuple[Decimal, str, int, str]]:
    store = Store.open(url)
    try:
        return {r.observation.territory: (r.observation.value, r.observation.period.code,
                                          r.observation.provenance.line,
                                          r.observation.provenance.column)
                for r in store.observations(indicators=[indicator]) if r.batch_kind == "import"}
    finally:
        store.close()


def test_populations_of_the_regions(env: dict[str, str], data_dir: Path) -> None:
    _loaded(env, data_dir)
    result = runner.invoke(app, ["import", "insee-population", str(SAMPLE), "--date",
                                 "2021-01-01"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "6 chiffres pour 3 régions, au 1er janvier 2021" in result.output
    url = env["MONOREG_DATABASE_URL"]
    assert _figures(url, "population_municipale") == {
        "28": (Decimal("1000000"), "2021-01-01", 3, "PMUN"),
        "53": (Decimal("2000000"), "2021-01-01", 4, "PMUN"),
        "01": (Decimal("300000"), "2021-01-01", 5, "PMUN")}
    assert _figures(url, "population_totale")["53"] == (Decimal("2030000"), "2021-01-01", 4,
                                                         "PTOT")


def test_date_is_required(env: dict[str, str], data_dir: Path) -> None:
    _loaded(env, data_dir)
    result = runner.invoke(app, ["import", "insee-population", str(SAMPLE)])
    assert result.exit_code == 2 and "--date" in result.stderr


def test_bad_files_fail_cleanly_and_store_nothing(env: dict[str, str], data_dir: Path,
                                                  tmp_path: Path) -> None:
    _loaded(env, data_dir)
    url = env["MONOREG_DATABASE_URL"]
    for content, message in (
            ("CODREG;REG;PMUN\n28;Normandie;1000\n", "ligne 1 : colonne(s) manquante(s) : PTOT"),
            ("CODREG;REG;PMUN;PTOT\n28;Normandie;1000;1100\n99;Nulle part;5;6\n",
             "ligne 3, champ 'CODREG' : territoire inconnu « 99 »"),
            ("CODREG;REG;PMUN;PTOT\n28;Normandie;1 000;1100\n",
             "ligne 2, champ 'PMUN' : « 1 000 » n'est pas un nombre")):
        bad = tmp_path / "donnees_regions.csv"
        bad.write_text(content, encoding="utf-8")
        result = runner.invoke(app, ["import", "insee-population", str(bad), "--date",
                                     "2021-01-01"])
        assert result.exit_code == 1, result.output
        assert message in result.stderr and "donnees_regions.csv" in result.stderr
        assert _figures(url, "population_municipale") == {}
