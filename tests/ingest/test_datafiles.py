"""The data-file loader on the SYNTHETIC data folder: good files load, bad ones are named."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from monoreg.errors import InputError
from monoreg.ingest.datafiles.data_folder import load_data_dir
from monoreg.model import Status

EDITION = Path("editions/normandie/2030")


def test_loads_everything(data_dir: Path) -> None:
    dataset = load_data_dir(data_dir)
    (edition,) = dataset.editions
    assert edition.id == "28-2030"
    assert edition.synthetic
    assert len(edition.observations) == 9
    missing = [o for o in edition.observations if o.status is Status.MISSING]
    assert [(o.indicator, o.territory, o.value) for o in missing] == [
        ("taux_chomage", "FR-HM", None)]
    first = edition.observations[0]
    assert first.value == Decimal(1000000)
    assert first.printed == "1 000 000"
    assert first.source == "table-pop"  # the table's source from edition.yaml
    assert str(first.provenance) == "editions/normandie/2030/observations.csv, line 3"
    assert [c.printed for c in edition.evolutions] == ["+1,00 %", "-0,5 pt"]
    assert edition.guide is not None and edition.guide.publics[0].structures == ("ML", "CIO")
    assert dataset.series[0].observations[0].territory == "28"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("file", "old", "new", "line", "reason"), [
    ("observations.csv", ";1 010 000;1010000;", ";1 010 000;1010001;", 4,
     "se lit 1010000, et non 1010001"),
    ("observations.csv", ";1 000 000;;", ";1 0OO 000;;", 3, "n'est pas un chiffre"),
    ("observations.csv", "population-emploi;population_totale;FR",
     "population-emploi;population_inconnue;FR", 5, "indicateur inconnu « population_inconnue »"),
    ("observations.csv", "demandeurs_emploi;28;", "demandeurs_emploi;99;", 6,
     "territoire inconnu « 99 »"),
    ("observations.csv", ";2029-07;(juillet 2029);50 000",
     ";juillette 2029;(juillet 2029);50 000", 6, "n'est pas une période"),
    ("observations.csv", "autres-financeurs;budget_fpa;28;2029",
     "population-emploi;population_totale;28;2029", 11, "chiffre en double"),
    ("observations.csv", ";8,0 %;;;;;;;;;\n", ";8,0 %;;;;;;;;;;en trop\n", 8,
     "16 champs alors que l'en-tête en a 15"),
    ("observations.csv", ";Non renseigné;;;non-renseigne;", ";Non renseigné;0;;non-renseigne;",
     10, "va avec une valeur vide"),
    ("observations.csv", ";100,0 M€;;;;synth;", ";100,0 M€;;;;nulle-part;", 11,
     "source inconnue « nulle-part »"),
    ("evolutions.csv", ";-0,5 pt;-0.5;points;", ";-0,5 pt;-0.5;pourcents;", 3,
     "n'est ni percent ni points"),
    ("texts.yaml", "    section: pric", "    section: pric\n    auteur: x", 4, "clé inconnue"),
    ("texts.yaml", "    date: mars 2029", "    date: [mars", 6, "YAML invalide"),
    ("contacts.yaml", "      role: Président", "      role: Président\n      role: Maire", 5,
     "donnée deux fois"),
    ("edition.yaml", 'region: "28"', 'region: "Atlantide"', 1, "territoire inconnu « Atlantide »"),
])
def test_bad_files_name_file_line_and_reason(data_dir: Path, file: str, old: str, new: str,
                                              line: int, reason: str) -> None:
    _edit(data_dir / EDITION / file, old, new)
    with pytest.raises(InputError) as caught:
        load_data_dir(data_dir)
    error = caught.value
    assert error.file is not None and error.file.endswith(file)
    assert error.line == line
    assert reason in str(error)


def test_windows_encoded_file_is_refused_with_its_line(data_dir: Path) -> None:
    # French Excel saves CSV as Windows-1252: the first accent is on line 8 ('2ème').
    path = data_dir / EDITION / "observations.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    with pytest.raises(InputError, match="n'est pas en UTF-8") as caught:
        load_data_dir(data_dir)
    assert caught.value.line == 8


def test_bad_reference_data(data_dir: Path) -> None:
    _edit(data_dir / "reference" / "indicators.yaml", "unit: meur", "unit: megawatt")
    with pytest.raises(InputError, match="unité inconnue « megawatt »") as caught:
        load_data_dir(data_dir)
    assert caught.value.line == 40


def test_edition_folder_must_match_its_region_and_year(data_dir: Path) -> None:
    _edit(data_dir / EDITION / "edition.yaml", "year: 2030", "year: 2031")
    with pytest.raises(InputError, match="editions/normandie/2031"):
        load_data_dir(data_dir)
