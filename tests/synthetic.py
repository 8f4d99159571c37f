"""SYNTHETIC test data: a small data folder written by code. No figure here is real.

The reference files that are pure code lists (regions, perimeters, units, sections) are the
project's real ones; indicators, sources and the edition are invented for tests.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

PROJECT_DATA = Path(__file__).resolve().parent.parent / "data"

INDICATORS = """\
- id: population_totale
  label: Population totale (SYNTHÉTIQUE)
  unit: persons
  kind: stock
  polarity: neutral
  decimals: 0
  definition: Indicateur synthétique de test.
  source: synth
  section: population-emploi
  additive: true
- id: demandeurs_emploi
  label: Demandeurs d'emploi (SYNTHÉTIQUE)
  unit: persons
  kind: stock
  polarity: up_bad
  decimals: 0
  definition: Indicateur synthétique de test.
  section: population-emploi
  additive: true
- id: demandeurs_emploi_moins_25
  label: Demandeurs d'emploi de moins de 25 ans (SYNTHÉTIQUE)
  unit: persons
  kind: stock
  polarity: up_bad
  decimals: 0
  definition: Indicateur synthétique de test.
  section: population-emploi
  additive: true
  part_of: demandeurs_emploi
- id: taux_chomage
  label: Taux de chômage (SYNTHÉTIQUE)
  unit: percent
  kind: rate
  polarity: up_bad
  decimals: 1
  definition: Indicateur synthétique de test.
  section: population-emploi
- id: budget_fpa
  label: Budget formation professionnelle (SYNTHÉTIQUE)
  unit: meur
  kind: amount
  polarity: neutral
  decimals: 1
  definition: Indicateur synthétique de test.
  section: autres-financeurs
  additive: true
"""

SOURCES = """\
synth:
  producer: Producteur synthétique
  dataset: Jeu de test
  published: "2030-01-01"
"""

EDITION = """\
region: "28"
year: 2030
title: Monographie SYNTHÉTIQUE de test
publisher: Tests monoreg
published: mai 2030
cutoff: décembre 2029
synthetic: true
facts:
  - label: Groupe majoritaire
    value: Groupe synthétique
sources:
  table-pop:
    producer: Producteur synthétique
    printed: "Sources : producteur synthétique"
table_sources:
  population-emploi: table-pop
"""

OBSERVATIONS = """\
# SYNTHETIC figures, invented for tests.
place;indicator;territory;period;printed_period;printed;value;unit;status;source;perimeter;raw;origin;note;accept
population-emploi;population_totale;28;2028;en 2028;1 000 000;;;;;;;;;
population-emploi;population_totale;28;2029;en 2029;1 010 000;1010000;;;;;;;;
population-emploi;population_totale;FR;2029;en 2029;20 000 000;;;;;;;;;
population-emploi;demandeurs_emploi;28;2029-07;(juillet 2029);50 000;;;;;;;;;
population-emploi;demandeurs_emploi_moins_25;28;2029-07;(juillet 2029);10 000;;;;;;;;;
population-emploi;taux_chomage;28;2028-T2;(2ème trimestre 2028);8,0 %;;;;;;;;;
population-emploi;taux_chomage;28;2029-T2;(2ème trimestre 2029);7,5 %;;;;;;;;;
population-emploi;taux_chomage;FR-HM;2029-T2;(2ème trimestre 2029);Non renseigné;;;non-renseigne;;;;;;
autres-financeurs;budget_fpa;28;2029;en 2029;100,0 M€;;;;synth;;;;;
"""

EVOLUTIONS = """\
place;indicator;territory;base_period;period;printed;value;unit;origin;note;accept
population-emploi;population_totale;28;2028;2029;+1,00 %;1.00;percent;;;
population-emploi;taux_chomage;28;2028-T2;2029-T2;-0,5 pt;-0.5;points;;;
"""

LISTS = """\
shortage_regional:
  items:
    - title: Métier synthétique A
    - title: Métier synthétique B
cluster:
  items:
    - title: Pôle synthétique
      body: Un pôle inventé pour les tests.
"""

CONTACTS = """\
conseil_regional:
  items:
    - organisation: Conseil régional (synthétique)
      role: Président
      person: Jean TEST
      phone: 02 31 00 00 00
"""

TEXTS = """\
texts:
  - type: pric
    section: pric
    title: Pacte synthétique
    date: mars 2029
    source: "Source : tests"
    body: |
      Un texte synthétique sur les formations.

      - premier point
      - second point
"""

DIRECTORY = """\
title: Annuaire synthétique
published: septembre 2029
entries:
  - territory: "28"
    territory_label: Normandie
    organisation: Carif-Oref synthétique
    phones:
      - {number: 02 31 00 00 01, label: Site de test}
    emails: [contact@example.org]
    websites: [www.example.org]
"""

GUIDE = """\
title: Guide synthétique
published: septembre 2029
note: Guide inventé pour les tests.
publics:
  - id: jeunes
    group: Jeunes
    label: Jeunes
    structures: [ML, CIO]
glossary:
  - {acronym: ML, definition: Mission locale}
  - {acronym: CIO, definition: Centre d'information et d'orientation}
"""

SERIES_YAML = """\
- file: population.csv
  source: synth
  territory_column: code_region
  period: au 1er janvier 2029
  values:
    - {column: population, indicator: population_totale}
"""

SERIES_CSV = """\
# SYNTHETIC series for tests.
code_region;nom;population
28;Normandie;1005000
53;Bretagne;900000
"""


def write_data_dir(root: Path) -> Path:
    """Write the synthetic data folder under `root` and return it."""
    data = root / "data"
    reference = data / "reference"
    reference.mkdir(parents=True)
    for name in ("regions.csv", "perimeters.csv", "units.csv", "sections.yaml"):
        shutil.copy(PROJECT_DATA / "reference" / name, reference / name)
    (reference / "indicators.yaml").write_text(INDICATORS, encoding="utf-8")
    (reference / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    edition = data / "editions" / "normandie" / "2030"
    edition.mkdir(parents=True)
    for name, text in (("edition.yaml", EDITION), ("observations.csv", OBSERVATIONS),
                       ("evolutions.csv", EVOLUTIONS), ("lists.yaml", LISTS),
                       ("contacts.yaml", CONTACTS), ("texts.yaml", TEXTS),
                       ("directory.yaml", DIRECTORY), ("guide.yaml", GUIDE)):
        (edition / name).write_text(textwrap.dedent(text), encoding="utf-8")
    series = data / "series"
    series.mkdir()
    (series / "series.yaml").write_text(SERIES_YAML, encoding="utf-8")
    (series / "population.csv").write_text(SERIES_CSV, encoding="utf-8")
    return data
