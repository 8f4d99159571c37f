"""A printed monograph of another region becomes an edition of the data files.

Input: tests/ingest/fixtures/monographie-bretagne-2020.synthetic.txt, a SYNTHETIC monograph
whose structure differs from the seed's (four other main sectors, one of them not a NAF
label; one CPER text; no « Capacités d'engagement » block; region Bretagne). The expected
figures below are read off that fixture by hand, never from the importer's output.
"""

from __future__ import annotations

import csv
import json
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from import_catalog import FIXTURES, PROJECT_DATA, loaded_copy
from typer.testing import CliRunner

from monoreg.cli import app
from monoreg.ingest.monograph.monograph_import import read_monograph
from monoreg.metadata.reference import load_catalog
from monoreg.store.repository import Store

runner = CliRunner()
SYNTHETIC = FIXTURES / "monographie-bretagne-2020.synthetic.txt"
# (dimension, label as printed, region %, France %), lines 239-262 of the fixture
SECTORS = {
    ("naf:IZ", "Hébergement et restauration", Decimal("4.9"), Decimal("3.8")),
    ("naf:Q", "Santé humaine et action sociale", Decimal("15.2"), Decimal("13.9")),
    ("secteur:industries-agroalimentaires-et-peche", "Industries agroalimentaires et pêche",
     Decimal("6.1"), Decimal("2.3")),
    ("naf:FZ", "Construction", Decimal("7.4"), Decimal("6.5")),
}


def _sectors(rows: list[dict]) -> set[tuple[str, str, Decimal, Decimal]]:
    by: dict[tuple[str, str], dict[str, Decimal]] = {}
    for r in rows:
        if r["indicator"] == "part_emploi_secteur":
            by.setdefault((r["dimension"], r["dimension_label"]), {})[r["territory"]] = \
                Decimal(str(r["value"]))
    return {(d, label, v["53"], v["FR"]) for (d, label), v in by.items()}


def test_the_layout_reads_another_structure() -> None:
    imported = read_monograph(SYNTHETIC, load_catalog(PROJECT_DATA))
    edition = imported.edition
    assert (edition.region, edition.year) == ("53", 2020)
    rows = [{"indicator": o.indicator, "dimension": o.dimension,
             "dimension_label": o.dimension_label, "territory": o.territory, "value": o.value}
            for o in edition.observations]
    assert _sectors(rows) == SECTORS
    cper = [t for t in edition.texts if t.type.value == "cper"]
    assert [t.title for t in cper] == ["Contrat de plan État-Région"]
    assert cper[0].body.startswith("Volet Emploi") and "CREFOR" in cper[0].body
    assert imported.report.as_json()["missing_sections"] == ["capacites-engagement"]
    assert not any(o.place == "capacites-engagement" for o in edition.observations)
    population = {(o.place, o.territory, o.period.code): o.value for o in edition.observations
                  if o.indicator == "population_totale"}
    assert population[("population-emploi", "53", "2019")] == 3354854   # line 125
    assert population[("population-emploi", "53", "2017")] == 3335414   # line 122


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, store_url: str) -> Path:
    return loaded_copy(monkeypatch, tmp_path, store_url)


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter=";"))


def test_import_writes_an_edition_that_export_proof_and_reload_hold(
        env: Path, store_url: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", "monograph", str(SYNTHETIC), "--region", "53",
                                 "--edition", "2020"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    folder = env / "editions" / "bretagne" / "2020"
    assert {p.name for p in folder.iterdir()} == {
        "edition.yaml", "observations.csv", "evolutions.csv", "lists.yaml", "contacts.yaml",
        "texts.yaml", "measures.yaml", "source.txt"}
    written = _rows(folder / "observations.csv")
    assert all(r["origin"] for r in written)       # every figure says its line
    source = (folder / "source.txt").read_text("utf-8").split("\n")
    for r in written:
        if r["printed"] and r["printed"] not in ("CINQ",):
            assert r["printed"].split()[0] in source[int(r["origin"]) - 1]
    marked = [r for r in written if r["check"]]
    assert marked and all(r["check"].startswith("à vérifier : ") for r in marked)
    assert "confiance 0,7" in next(r["check"] for r in marked if r["origin"] == "731")

    exported = runner.invoke(app, ["export", "bretagne", "--edition", "2020", "--format",
                                   "json"])
    assert exported.exit_code == 0, exported.output
    data = json.loads(exported.stdout)
    assert len(data["observations"]) == len(written)
    assert _sectors(data["observations"]) == SECTORS

    checked = runner.invoke(app, ["validate", "bretagne", "--edition", "2020", "--format",
                                  "json"])
    findings = json.loads(checked.stdout)["findings"]
    to_check = [f for f in findings if f["rule"] == "figure-to-check"]
    assert len(to_check) == len(marked) and {f["severity"] for f in to_check} == {"error"}

    out = tmp_path / "out"
    built = runner.invoke(app, ["build", "bretagne", "--edition", "2020", "--proof", "--out",
                                str(out)])
    assert built.exit_code == 0, built.output
    pdf = next(out.rglob("*.pdf"))
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                   text=True, check=True).stdout.split()).replace("\xad ", "")
    for _, label, region, france in SECTORS:
        assert f"principaux secteurs de la région : {label}" in text
        for value in (region, france):
            assert f"imprimé : {str(value).replace('.', ',')} %" in text
    printed = {r["printed"] for r in written if r["printed"]}
    missing = [p for p in printed if f"imprimé : {p}" not in text]
    assert not missing, f"figures absent from the proof: {missing}"

    assert runner.invoke(app, ["load"]).exit_code == 0
    store = Store.open(store_url)
    try:
        assert sorted(e.id for e in store.editions()) == ["28-2020", "53-2020"]
        reloaded = store.edition("53", 2020).observations
        assert len(reloaded) == len(written)
        assert sum(o.to_check is not None for o in reloaded) == len(marked)
    finally:
        store.close()
    new = runner.invoke(app, ["edition", "new", "bretagne", "2021"])
    assert new.exit_code == 0, new.output
    assert (env / "editions" / "bretagne" / "2021" / "observations.csv").is_file()


def test_a_refused_load_leaves_files_and_store_as_they_were(env: Path, store_url: str
                                                            ) -> None:
    # another edition's file is broken: the whole load fails, so the import must too
    broken = env / "editions" / "normandie" / "2020" / "evolutions.csv"
    broken.write_text(broken.read_text("utf-8") + "x;y\n", encoding="utf-8")
    before = sorted(p.relative_to(env) for p in env.rglob("*"))
    result = runner.invoke(app, ["import", "monograph", str(SYNTHETIC)])
    assert result.exit_code == 1
    assert "evolutions.csv" in result.stderr and "Traceback" not in result.output
    assert sorted(p.relative_to(env) for p in env.rglob("*")) == before
    store = Store.open(store_url)
    try:
        assert [e.id for e in store.editions()] == ["28-2020"]
    finally:
        store.close()
