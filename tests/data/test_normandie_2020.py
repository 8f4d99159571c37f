"""The hand-entered Normandie 2020 edition checked against the seed text itself.

Real data: Centre Inffo, "Formation professionnelle, apprentissage et emploi — Monographies
régionales", Normandie, May 2020 (data/editions/normandie/2020/source.txt is its PDF text).
Expected values here are read from source.txt by the test, never copied from the data files.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from monoreg.cli import app
from monoreg.model import Dataset, Edition, Status
from monoreg.model.printed import read_printed

DATA = Path(__file__).resolve().parents[2] / "data"
SOURCE = DATA / "editions" / "normandie" / "2020" / "source.txt"
FIGURE = re.compile(r"-?\d{1,3}(?:[ \u202f\u00a0]\d{3})*(?:[,.]\d+)?")


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\u00a0", " ")).strip()


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").splitlines()


def test_every_figure_points_to_the_line_that_prints_it(edition: Edition,
                                                        seed_lines: list[str]) -> None:
    """Each printed figure (or the raw cell it was split from) is on its origin line."""
    checked = 0
    for o in edition.observations:
        assert o.origin is not None, f"{o.provenance}: no origin line in source.txt"
        assert o.printed, f"{o.provenance}: no printed text"
        line = _collapse(seed_lines[o.origin.line - 1])
        expected = _collapse(o.raw or o.printed)
        assert expected in line, f"{o.provenance}: {expected!r} not on line {o.origin.line}"
        checked += 1
    assert checked >= 120


def test_every_printed_evolution_is_on_its_line(edition: Edition,
                                                seed_lines: list[str]) -> None:
    for claim in edition.evolutions:
        assert claim.origin is not None
        line = _collapse(seed_lines[claim.origin.line - 1])
        assert _collapse(claim.printed) in line, f"{claim.provenance}: {claim.printed!r}"


def test_non_renseigne_cells_are_missing_never_zero(edition: Edition,
                                                    seed_lines: list[str]) -> None:
    # The figure tables end with the apprenticeship table (line 470, "Source : DGEFP ...").
    end = next(i for i, line in enumerate(seed_lines) if line.startswith("Source : DGEFP"))
    printed = sum(line.count("Non renseigné") for line in seed_lines[:end])
    missing = [o for o in edition.observations if o.status is Status.MISSING]
    assert len(missing) == printed
    assert all(o.value is None for o in missing)


def _row_figures(seed_lines: list[str], prefix: str) -> list[Decimal]:
    line = next(x.strip() for x in seed_lines if x.strip().startswith(prefix))
    return [read_printed(m).value for m in FIGURE.findall(line[len(prefix):])]


@pytest.mark.parametrize("year", ["2018", "2019"])
def test_consolidated_budget_rows(edition: Edition, seed_lines: list[str], year: str) -> None:
    """The 2018 and 2019 rows of 'Budgets consolidés' print nine figures each."""
    expected = Counter(_row_figures(seed_lines, f"{year} "))
    got = Counter(o.value for o in edition.observations
                  if o.place == "budgets-consolides" and o.period.code == year)
    assert sum(expected.values()) == 9
    assert got == expected


def test_capacites_engagement(edition: Edition, seed_lines: list[str]) -> None:
    start = next(i for i, x in enumerate(seed_lines)
                 if x.strip().startswith("Capacités d'engagement"))
    end = next(i for i, x in enumerate(seed_lines) if i > start and x.startswith("Source"))
    expected: Counter[Decimal] = Counter()
    for line in seed_lines[start:end]:
        for amount in re.findall(r"([\d ]+) \((?:AE|AP)\)", line):
            expected[read_printed(amount.strip()).value] += 1
    assert sum(expected.values()) == 12
    got = Counter(o.value for o in edition.observations if o.place == "capacites-engagement")
    assert got == expected


def test_lists_contacts_texts_directory_guide(edition: Edition, seed_lines: list[str]) -> None:
    text = "\n".join(seed_lines)
    kinds = Counter(item.kind.value for item in edition.lists)
    # "7 POLES DE COMPETITIVITE DANS LA REGION NORMANDIE" / "CINQ CAMPUS DES METIERS"
    assert kinds["cluster"] == int(re.search(r"(\d+) POLES DE COMPETITIVITE DANS", text)[1])
    assert kinds["campus"] == 5 and "CINQ CAMPUS DES METIERS" in text
    assert kinds["shortage_regional"] >= 10 and kinds["shortage_national"] >= 10
    phones = {c.phone for c in edition.contacts if c.phone}
    for number in ("02 31 06 98 32", "02 35 52 31 84", "02 32 76 16 20", "02 32 08 90 00"):
        assert number in text and number in phones
    types = Counter(t.type.value for t in edition.texts)
    assert {"cper", "cprdfop", "pric", "spro", "actualite"} <= set(types)
    assert types["actualite"] >= 3
    labels = {d.territory_label for d in edition.directory}
    assert {"Normandie", "Bretagne", "Mayotte", "Corse"} <= labels
    regions = {d.territory for d in edition.directory if d.territory}
    assert len(regions) == 18
    assert edition.guide is not None
    glossary = {g.acronym for g in edition.guide.glossary}
    assert {"APEC", "CIO", "ML", "PLIE"} <= glossary
    groups = {p.group for p in edition.guide.publics}
    assert len(groups) >= 3


def test_export_json_holds_every_figure_with_period_unit_source_printed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edition: Edition) -> None:
    monkeypatch.setenv("MONOREG_DATA_DIR", str(DATA))
    monkeypatch.setenv("MONOREG_DATABASE_URL", f"sqlite:///{tmp_path / 'm.sqlite'}")
    runner = CliRunner()
    assert runner.invoke(app, ["load"]).exit_code == 0
    result = runner.invoke(app, ["export", "normandie", "--edition", "2020", "--format", "json"])
    assert result.exit_code == 0, result.output
    exported = json.loads(result.stdout)
    assert len(exported["observations"]) == len(edition.observations)
    for row in exported["observations"]:
        assert row["period"] and row["unit"] and row["printed"], row
        assert row["source"] and row["source"].get("label"), row
        assert row["provenance"]["file"].endswith("observations.csv")
    population = [r for r in exported["observations"]
                  if r["printed"] == "3 319 067" and r["territory"] == "28"]
    assert population and all(r["value"] == 3319067 for r in population)


def test_bundled_data_round_trips_on_sqlite_and_postgresql(store, dataset: Dataset,
                                                         edition: Edition) -> None:
    """The real data, not only synthetic fixtures, must load on both backends."""
    report = store.load_dataset(dataset)
    assert report.editions == len(dataset.editions)
    assert store.edition("28", 2020) == edition
    assert store.catalog().sources == dataset.catalog.sources
