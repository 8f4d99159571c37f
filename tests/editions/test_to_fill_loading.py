"""The loader accepts figures still to fill and `verified` dates (SYNTHETIC data folder)."""

from __future__ import annotations

from pathlib import Path

import pytest
from synthetic_editions import add_edition

from monoreg.errors import InputError
from monoreg.ingest.datafiles.data_folder import load_data_dir
from monoreg.model import Status, parse_period


def test_a_figure_to_fill_has_no_value(data_dir: Path) -> None:
    add_edition(data_dir, 2031, "population-emploi;population_totale;28;2030;;;;;a-completer;;;;;;")
    edition = {e.year: e for e in load_data_dir(data_dir).editions}[2031]
    (figure,) = edition.observations
    assert (figure.status, figure.value, figure.period.code) == (Status.TO_FILL, None, "2030")


@pytest.mark.parametrize(("row", "field"), [
    ("population-emploi;population_totale;28;2030;;1 000;;;a-completer;;;;;;", "printed"),
    ("population-emploi;population_totale;28;2030;;;1000;;a-completer;;;;;;", "value"),
    ("population-emploi;population_totale;28;2030;;;;;a-remplir;;;;;;", "status"),
])
def test_a_figure_to_fill_with_a_figure_is_an_error(data_dir: Path, row: str,
                                                    field: str) -> None:
    add_edition(data_dir, 2031, row)
    with pytest.raises(InputError) as error:
        load_data_dir(data_dir)
    assert "editions/normandie/2031/observations.csv, ligne 3" in str(error.value)
    assert f"champ '{field}'" in str(error.value)


def test_verified_dates(data_dir: Path) -> None:
    add_edition(data_dir, 2031, "", files={"contacts.yaml": """\
        etat:
          items:
            - organisation: Préfecture (SYNTHÉTIQUE)
              verified: 2031-03-15
            - organisation: Rectorat (SYNTHÉTIQUE)
              verified: mars 2031
            - organisation: Nouveau contact (SYNTHÉTIQUE)
        """})
    edition = {e.year: e for e in load_data_dir(data_dir).editions}[2031]
    assert [c.verified for c in edition.contacts] == [
        parse_period("2031-03-15"), parse_period("mars 2031"), None]


def test_a_bad_verified_date_names_file_line_and_field(data_dir: Path) -> None:
    add_edition(data_dir, 2031, "", files={"contacts.yaml": """\
        etat:
          items:
            - organisation: Préfecture (SYNTHÉTIQUE)
              verified: bientôt
        """})
    with pytest.raises(InputError, match=r"contacts.yaml, ligne 3, champ 'verified'"):
        load_data_dir(data_dir)
