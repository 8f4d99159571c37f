"""SYNTHETIC data folder for the publication tests. No figure here is real.

The reference files (regions, units, sections, the indicator catalogue and its sources) are
the project's real ones, so that the monograph's layout (publish/layout.yaml), its charts and
its wording apply; the edition, in region 28 for the year 2030, is invented, with figures
chosen so that the expected French texts can be worked out by hand in the tests, and with
texts full of characters that HTML and Typst must print literally. Bretagne (53) gets a copy
of it, so that several editions can be built at once.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from synthetic import DIRECTORY, GUIDE  # the directory and guide of the common SYNTHETIC data

PROJECT_DATA = Path(__file__).resolve().parents[2] / "data"
HOSTILE = '<script>alert("x")</script> #titre $x$ *gras* _souligné_ @ref \\ // [a] ~ 100 %'

EDITION = """\
region: "28"
year: 2030
title: Monographie SYNTHÉTIQUE de publication
publisher: Éditeur synthétique
published: mai 2030
cutoff: décembre 2029
synthetic: true
facts:
  - label: Groupe majoritaire
    value: Groupe synthétique
  - label: Vote du budget primitif synthétique
    value: 17 décembre 2029
sources:
  pop:
    producer: Producteur synthétique
    printed: "Sources : producteur synthétique de population"
  app:
    producer: Producteur synthétique
    printed: "Source : producteur synthétique d'apprentissage"
  bud:
    producer: Producteur synthétique
    printed: "Source : producteur synthétique de budgets"
table_sources:
  chiffres-cles: pop
  population-emploi: pop
  secteurs-activite: pop
  apprentissage: app
  budgets-consolides: bud
  autres-financeurs: bud
"""

HEADER = ("place;indicator;territory;period;printed_period;printed;value;unit;status;source;"
          "perimeter;raw;origin;note;accept")

# Hand-worked expectations (see the tests):
#   population 1 200 000 (2027) → 1 234 567 (2029): +2,88 % (printed -0.03%)
#   taux de chômage 9,0 % → 8,3 %: -0,7 point
#   demandeurs d'emploi 100 000 → 97 000: -3,00 %; 50 ans ou plus 25 000 → 25 000: stable
#   apprentis 10 000 (2026/2027) → 10 940 (2028/2029): +9,40 %
#   contrats d'apprentissage 5 000 → 4 900: -2,00 %
#   budget FPA 100,0 → 90,0 M€: -10,00 %
OBSERVATIONS = """\
chiffres-cles;population_totale;28;2029;en 2029;1 234 567;;;;;;;;;
chiffres-cles;population_totale;FR;2029;en 2029;60 000 000;;;;;;;;;
chiffres-cles;effectif_apprentis;28;2028/2029;en 2028/2029;10 940;;;;app;;;;;
chiffres-cles;effectif_apprentis;FR;2028/2029;en 2028/2029;400 000;;;;app;;;;;
population-emploi;population_totale;28;2027;en 2027;1 200 000;;;;;;;;;
population-emploi;population_totale;28;2029;en 2029;1 234 567;;;;;;;;;
population-emploi;population_totale;FR;2029;en 2029;60 000 000;;;;;;;;;
population-emploi;demandeurs_emploi_abc;28;2028-07;(juillet 2028);100 000;;;;;;;;;
population-emploi;demandeurs_emploi_abc;28;2029-07;(juillet 2029);97 000;;;;;;;;;
population-emploi;demandeurs_emploi_abc;FR;2029-07;(juillet 2029);5 000 000;;;;;;;;;
population-emploi;demandeurs_emploi_abc_moins_25;28;2028-07;(juillet 2028);20 000;;;;;;;;;
population-emploi;demandeurs_emploi_abc_moins_25;28;2029-07;(juillet 2029);19 000;;;;;;;;;
population-emploi;demandeurs_emploi_abc_25_49;28;2028-07;(juillet 2028);55 000;;;;;;;;;
population-emploi;demandeurs_emploi_abc_25_49;28;2029-07;(juillet 2029);53 000;;;;;;;;;
population-emploi;demandeurs_emploi_abc_50_plus;28;2028-07;(juillet 2028);25 000;;;;;;;;;
population-emploi;demandeurs_emploi_abc_50_plus;28;2029-07;(juillet 2029);25 000;;;;;;;;;
population-emploi;taux_chomage;28;2028-T2;(2ème trimestre 2028);9,0 %;;;;;;;;;
population-emploi;taux_chomage;28;2029-T2;(2ème trimestre 2029);8,3 %;;;;;;;;;
population-emploi;taux_chomage;FR-HM;2029-T2;(2ème trimestre 2029);8,5 %;;;;;;;;;
population-emploi;taux_chomage_15_24;28;2028-T2;;20 %;;;;;;;;;
population-emploi;taux_chomage_15_24;28;2029-T2;;Non renseigné;;;non-renseigne;;;;;;
secteurs-activite;emplois_tertiaire_marchand;28;2029-T2;;600,0;;thousands;;;;;;;
secteurs-activite;emplois_tertiaire_marchand;FR;2029-T2;;12 000,0;;thousands;;;;;;;
secteurs-activite;emplois_tertiaire_non_marchand;28;2029-T2;;300,0;;thousands;;;;;;;
secteurs-activite;emplois_tertiaire_non_marchand;FR;2029-T2;;6 000,0;;thousands;;;;;;;
secteurs-activite;emplois_industrie;28;2029-T2;;100,0;;thousands;;;;;;;
secteurs-activite;emplois_industrie;FR;2029-T2;;2 000,0;;thousands;;;;;;;
apprentissage;effectif_apprentis;28;2026/2027;en 2026/2027;10 000;;;;;;;;;
apprentissage;effectif_apprentis;28;2028/2029;en 2028/2029;10 940;;;;;;;;;
apprentissage;effectif_apprentis;FR;2028/2029;en 2028/2029;400 000;;;;;;;;;
apprentissage;contrats_apprentissage;28;2028;en 2028;5 000;;;;;;;;;
apprentissage;contrats_apprentissage;28;2029;en 2029;4 900;;;;;;;;;
apprentissage;cout_moyen_apprenti_eur;28;2029;;Non renseigné;;;non-renseigne;;;;;;
budgets-consolides;depenses_region_totales_meur;28;2027;;1 000,0;;;;;;;;;
budgets-consolides;depenses_region_fonctionnement_meur;28;2027;;700,0;;;;;;;;;
budgets-consolides;depenses_region_investissement_meur;28;2027;;300,0;;;;;;;;;
budgets-consolides;depenses_region_totales_meur;28;2028;;1 100,0;;;;;;;;;
budgets-consolides;depenses_region_fonctionnement_meur;28;2028;;750,0;;;;;;;;;
budgets-consolides;depenses_region_investissement_meur;28;2028;;350,0;;;;;;;;;
budgets-consolides;depenses_region_totales_meur;28;2029;;1 200,0;;;;;;;;;
budgets-consolides;depenses_region_fonctionnement_meur;28;2029;;800,0;;;;;;;;;
budgets-consolides;depenses_region_investissement_meur;28;2029;;400,0;;;;;;;;;
autres-financeurs;budget_fpa_regions_meur;28;2028;en 2028;100,0 M€;;;;;;;;;
autres-financeurs;budget_fpa_regions_meur;28;2029;en 2029;90,0 M€;;;;;;;;;
autres-financeurs;budget_fpa_regions_meur;FR;2029;en 2029;3 000,0 M€;;;;;;;;;
"""

# Printed evolutions; the first two are wrong on purpose (the monograph prints them as
# printed, validation reports them).
EVOLUTIONS = """\
place;indicator;territory;base_period;period;printed;value;unit;origin;note;accept
population-emploi;population_totale;28;2027;2029;-0.03%;-0.03;percent;;;
population-emploi;taux_chomage;28;2028-T2;2029-T2;0,7 %;0.7;percent;;;
population-emploi;demandeurs_emploi_abc;28;2028-07;2029-07;-3,00 %;-3.00;percent;;;
population-emploi;demandeurs_emploi_abc_moins_25;28;2028-07;2029-07;-5,00 %;-5.00;percent;;;
population-emploi;demandeurs_emploi_abc_25_49;28;2028-07;2029-07;-3,64 %;-3.64;percent;;;
population-emploi;demandeurs_emploi_abc_50_plus;28;2028-07;2029-07;0,00 %;0.00;percent;;;
apprentissage;effectif_apprentis;28;2026/2027;2028/2029;+9,40 %;9.40;percent;;;
apprentissage;contrats_apprentissage;28;2028;2029;-2,00 %;-2.00;percent;;;
autres-financeurs;budget_fpa_regions_meur;28;2028;2029;-10,00 %;-10.00;percent;;;
"""

LISTS = """\
shortage_regional:
  items:
    - title: Métier synthétique régional A
    - title: Métier synthétique régional B
shortage_national:
  items:
    - title: Métier synthétique national
cluster:
  items:
    - title: Pôle synthétique
      body: Un pôle inventé pour les tests.
campus:
  items:
    - title: Campus synthétique
      details:
        Territoire: Ville synthétique
"""

CONTACTS = """\
conseil_regional:
  items:
    - organisation: Conseil régional (synthétique)
      role: Présidente
      person: Jeanne TEST
      phone: 02 00 00 00 00
etat:
  items:
    - organisation: Préfecture (synthétique)
      role: Préfet de région
      person: TEST Pierre
operateurs:
  items:
    - organisation: Carif-Oref synthétique
      role: Directeur
      person: Luc TEST
      website: https://example.org/
"""

TEXTS = f"""\
texts:
  - type: pric
    section: pric
    title: '{HOSTILE}'
    date: mars 2029
    source: "Source : tests"
    body: |
      Premier paragraphe : {HOSTILE}

      - premier point #1
      - second point $2
  - type: actualite
    section: actualites
    title: Une actualité synthétique
    date: juin 2029
    body: Un texte inventé.
"""

# The SYNTHETIC editor's decisions on the two errors planted above: without them the public
# build refuses the edition (the publication gate, tests/publish/test_publication_gate.py).
RESOLUTIONS = """\
resolutions:
  - rule: evolution-mismatch
    place: population-emploi
    indicator: population_totale
    territory: "28"
    base_period: "2027"
    period: "2029"
    decision: withheld
    note: Évolution imprimée contraire aux deux chiffres qu'elle compare (SYNTHÉTIQUE).
    evidence: Recalcul à partir du même tableau (SYNTHÉTIQUE).
    author: Tests
    date: 2030-01-15
  - rule: rate-evolution-in-points
    place: population-emploi
    indicator: taux_chomage
    territory: "28"
    base_period: 2028-T2
    period: 2029-T2
    decision: corrected
    value: "-0.7"
    unit: points
    note: Un taux évolue en points ; de 9,0 % à 8,3 %, -0,7 point (SYNTHÉTIQUE).
    evidence: Recalcul à partir du même tableau (SYNTHÉTIQUE).
    author: Tests
    date: 2030-01-15
"""


def write_publish_data(root: Path) -> Path:
    """Write the SYNTHETIC data folder under `root` and return it."""
    data = root / "data"
    shutil.copytree(PROJECT_DATA / "reference", data / "reference")
    files = {"edition.yaml": EDITION, "observations.csv": HEADER + "\n" + OBSERVATIONS,
             "evolutions.csv": EVOLUTIONS, "lists.yaml": LISTS, "contacts.yaml": CONTACTS,
             "texts.yaml": TEXTS, "directory.yaml": DIRECTORY, "guide.yaml": GUIDE,
             "resolutions.yaml": RESOLUTIONS}
    # A second region (Bretagne, 53) with the same figures, to build several editions at once.
    for slug, code in (("normandie", "28"), ("bretagne", "53")):
        edition = data / "editions" / slug / "2030"
        edition.mkdir(parents=True)
        for name, text in files.items():
            text = text.replace('region: "28"', f'region: "{code}"').replace(";28;", f";{code};") \
                .replace('territory: "28"', f'territory: "{code}"')
            (edition / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return data
