"""SYNTHETIC editions added to the synthetic data folder of tests/synthetic.py: more years of
Normandie and other regions, to test what happens across editions. No figure here is real."""

from __future__ import annotations

import textwrap
from pathlib import Path

import yaml

HEADER = ("place;indicator;territory;period;printed_period;printed;value;unit;status;source;"
          "perimeter;raw;origin;note;accept")

EDITION = """\
region: "{region}"
year: {year}
title: Monographie SYNTHÉTIQUE de test {year}
publisher: Tests monoreg
published: mai {year}
cutoff: décembre {previous}
synthetic: true
sources:
  table-pop:
    producer: Producteur synthétique
    printed: "Sources : producteur synthétique"
table_sources:
  population-emploi: table-pop
"""


def add_edition(data_dir: Path, year: int, rows: str, *, region: str = "28",
                slug: str = "normandie", files: dict[str, str] | None = None) -> Path:
    """Write a SYNTHETIC edition folder: `rows` are observations.csv lines after the header."""
    folder = data_dir / "editions" / slug / str(year)
    folder.mkdir(parents=True)
    (folder / "edition.yaml").write_text(
        EDITION.format(region=region, year=year, previous=year - 1), encoding="utf-8")
    (folder / "observations.csv").write_text(
        "# SYNTHETIC figures, invented for tests.\n" + HEADER + "\n"
        + textwrap.dedent(rows).strip() + "\n", encoding="utf-8")
    for name, text in (files or {}).items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


# The 2031 Normandie edition: population 2029 revised (1 010 000 -> 1 012 000), 2030 new,
# the unemployment rate of T2 2029 carried over unchanged and printed twice.
NORMANDIE_2031 = """\
population-emploi;population_totale;28;2029;en 2029;1 012 000;;;;;;;;;
population-emploi;population_totale;28;2030;en 2030;1 020 000;;;;;;;;;
population-emploi;population_totale;FR;2030;en 2030;20 100 000;;;;;;;;;
population-emploi;taux_chomage;28;2029-T2;;;7.5;;;;;;;;
chiffres-cles;taux_chomage;28;2029-T2;;7,5 %;;;;table-pop;;;;;
population-emploi;taux_chomage;28;2030-T2;;7,1 %;;;;;;;;;
"""


def set_frequency(data_dir: Path, frequencies: dict[str, str]) -> None:
    """Give SYNTHETIC indicators a producer rhythm (tests/synthetic.py declares none)."""
    path = data_dir / "reference" / "indicators.yaml"
    indicators = yaml.safe_load(path.read_text(encoding="utf-8"))
    for indicator in indicators:
        if indicator["id"] in frequencies:
            indicator["frequency"] = frequencies[indicator["id"]]
    path.write_text(yaml.safe_dump(indicators, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
