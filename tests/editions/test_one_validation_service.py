"""One validation service: `monoreg validate`, `edition status`, the portal and `build
--proof` report the same findings on a store of several SYNTHETIC editions, including the
findings only the other editions make possible (regions-sum). SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from synthetic_editions import add_edition
from typer.testing import CliRunner

from monoreg.cli import app
from monoreg.editions.status import edition_status
from monoreg.loading import load
from monoreg.metadata.reference import load_catalog
from monoreg.publish.document import Mode
from monoreg.publish.site import build
from monoreg.store.repository import Store
from monoreg.web.portal import Portal
from monoreg.web.services import validation_report

runner = CliRunner()
OTHERS = ("11", "24", "27", "32", "44", "52", "53", "75", "76", "84", "93", "94",
          "01", "02", "03", "04", "06")
WRONG = "population-emploi;population_totale;28;2028;2029;+3,00 %;3.00;percent;;;"


@pytest.fixture
def several(store: Store, store_url: str, data_dir: Path, tmp_path: Path,
            monkeypatch: pytest.MonkeyPatch) -> Store:
    # Normandie 2030 prints France at 20 000 000 in 2029: the 18 regions (Normandie's
    # 1 010 000 and 1 000 000 for each other region, SYNTHETIC) add up to 18 010 000.
    territories = load_catalog(data_dir).territories
    for code in OTHERS:
        add_edition(data_dir, 2030,
                    f"population-emploi;population_totale;{code};2029;;1 000 000;;;;;;;;;",
                    region=code, slug=territories.get(code).slug)
    evolutions = data_dir / "editions/normandie/2030/evolutions.csv"
    evolutions.write_text("\n".join(
        WRONG if line.startswith("population-emploi;population_totale") else line
        for line in evolutions.read_text("utf-8").splitlines()) + "\n", "utf-8")
    load(store, data_dir)
    monkeypatch.setenv("MONOREG_DATA_DIR", str(data_dir))
    monkeypatch.setenv("MONOREG_DATABASE_URL", store_url)
    return store


def _key(rule: str, location: str | None) -> tuple[str, str | None]:
    return (rule, location)


def test_cli_status_portal_and_proof_build_report_the_same_findings(
        several: Store, data_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", "normandie", "--edition", "2030", "--format",
                                 "json"])
    assert result.exit_code == 0, result.output
    cli = json.loads(result.stdout)
    cli_findings = Counter(_key(f["rule"], f["location"]) for f in cli["findings"])
    assert ("regions-sum" in {rule for rule, _ in cli_findings}), \
        "the findings other editions make possible are there"
    assert ("evolution-mismatch" in {rule for rule, _ in cli_findings})

    portal = Portal(several, build_dir=tmp_path / "build", data_dir=data_dir)
    report = validation_report(portal, "normandie", 2030)
    assert Counter(_key(f.rule, f.location) for f in report.findings) == cli_findings
    assert report.status.errors == cli["summary"]["errors"] == 1

    status = edition_status(several, "28", 2030)
    assert [_key(f.rule, f.location) for f in status.validation_errors] == [
        _key(f["rule"], f["location"]) for f in cli["findings"]
        if f["severity"] == "error" and not f["resolved"]]

    built = build(several, tmp_path / "proof", regions=["28"], year=2030, mode=Mode.PROOF,
                  jobs=1)
    [proof] = built.results
    summary = cli["summary"]
    assert proof.findings == {k: v for k, v in (
        ("error", summary["errors"]), ("warning", summary["warnings"]),
        ("info", summary["infos"]), ("accepted", summary["accepted"])) if v}

    public = build(several, tmp_path / "public", regions=["28"], year=2030, jobs=1)
    [refused] = public.refused
    assert [_key(f.rule, f.location) for f in refused.errors] == [
        _key(f.rule, f.location) for f in status.validation_errors]
