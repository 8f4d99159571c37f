"""How the portal writes a figure that has no value: missing is never 0, and a figure still
to fill says so. SYNTHETIC catalogue (tests/synthetic.py)."""

from __future__ import annotations

from pathlib import Path

from monoreg.ingest.datafiles.data_folder import load_data_dir
from monoreg.model import Observation, Status, parse_period
from monoreg.web.services import figure


def test_missing_and_to_fill_figures(data_dir: Path) -> None:
    catalog = load_data_dir(data_dir).catalog
    base = ("population_totale", "28", parse_period("2030"), None, "persons")
    assert figure(catalog, Observation(*base, status=Status.MISSING)).text == "non renseigné"
    assert figure(catalog, Observation(*base, status=Status.TO_FILL)).text == "à compléter"
