"""The bundled data files, read once per module by the tests of tests/data/ (real data: the
Normandie May-2020 edition, see data/editions/normandie/2020/SOURCE.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from monoreg.ingest.datafiles.data_folder import load_data_dir
from monoreg.model import Dataset, Edition

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_data_dir(DATA)


@pytest.fixture(scope="module")
def edition(dataset: Dataset) -> Edition:
    (normandie,) = [e for e in dataset.editions if (e.region, e.year) == ("28", 2020)]
    return normandie
