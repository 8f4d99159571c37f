"""reference/checks.yaml: the relations validation checks, loaded with the catalogue and kept
in the store (SQLite and PostgreSQL). SYNTHETIC data folder (tests/synthetic.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from monoreg.errors import InputError
from monoreg.loading import load
from monoreg.metadata.reference import load_catalog
from monoreg.model import Balance, Bound, Checks, ListCount
from monoreg.store.repository import Store

CHECKS = """\
# SYNTHETIC relations between the synthetic indicators.
population: population_totale
complete: [demandeurs_emploi]
bounds:
  - {part: demandeurs_emploi, whole: population_totale}
balances:
  - {receipts: budget_fpa, expenses: budget_fpa}
list_counts:
  - {indicator: population_totale, list: cluster}
"""


def write(data_dir: Path, text: str) -> Path:
    path = data_dir / "reference" / "checks.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_checks_are_read_with_the_catalogue(data_dir: Path) -> None:
    assert load_catalog(data_dir).checks == Checks()          # no file: nothing declared
    write(data_dir, CHECKS)
    assert load_catalog(data_dir).checks == Checks(
        population="population_totale", complete=("demandeurs_emploi",),
        bounds=(Bound("demandeurs_emploi", "population_totale"),),
        balances=(Balance("budget_fpa", "budget_fpa"),),
        list_counts=(ListCount("population_totale", "cluster"),))


@pytest.mark.parametrize(("text", "reason", "line"), [
    (CHECKS.replace("whole: population_totale", "whole: population_inconnue"),
     "indicateur inconnu « population_inconnue »", 5),
    (CHECKS.replace("complete: [demandeurs_emploi]", "complete: [taux_chomage]"),
     "« taux_chomage » n'a aucune partie", 3),
    (CHECKS.replace("list: cluster", "list: annuaire"),
     "« annuaire » n'est pas l'une des listes permises", 9),
    (CHECKS + "unknown_key: 1\n", "clé inconnue", None),
])
def test_wrong_checks_name_the_file_and_line(data_dir: Path, text: str, reason: str,
                                             line: int | None) -> None:
    write(data_dir, text)
    with pytest.raises(InputError) as error:
        load_catalog(data_dir)
    assert reason in str(error.value)
    assert error.value.file is not None and error.value.file.endswith("checks.yaml")
    if line is not None:
        assert error.value.line == line


def test_checks_are_kept_in_the_store(store: Store, data_dir: Path) -> None:
    write(data_dir, CHECKS)
    load(store, data_dir)
    assert store.catalog().checks == load_catalog(data_dir).checks
    write(data_dir, "population: population_totale\n")
    load(store, data_dir)                                     # a load replaces them
    assert store.catalog().checks == Checks(population="population_totale")
