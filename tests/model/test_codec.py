"""The codec between model objects and JSON data (model/codec.py)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from monoreg.ingest.datafiles.data_folder import load_data_dir
from monoreg.model import Edition, Period, PeriodKind
from monoreg.model.codec import from_data, to_data
from monoreg.settings import PROJECT_ROOT


def test_the_bundled_edition_round_trips() -> None:
    # Real data (data/editions/normandie/2020): every field of every item survives.
    (edition,) = load_data_dir(PROJECT_ROOT / "data").editions
    data = to_data(edition)
    assert from_data(Edition, data) == edition
    first = data["observations"][0]
    assert isinstance(first["period"], str) and isinstance(first["value"], str | None)


def test_exact_decimals_periods_as_codes() -> None:
    assert to_data(Decimal("1608.20")) == "1608.20"
    assert to_data(Period(PeriodKind.QUARTER, 2019, 4)) == Period(PeriodKind.QUARTER, 2019,
                                                                    4).code
    assert from_data(Period, "2018/2019") == Period(PeriodKind.SCHOOL_YEAR, 2018)


# SYNTHETIC: two shapes in one field, to check that the data, not the order of the Union,
# decides which one is decoded.
@dataclass(frozen=True)
class _Count:
    count: int


@dataclass(frozen=True)
class _Label:
    label: str


@dataclass(frozen=True)
class _Holder:
    item: _Count | _Label


def test_a_union_is_decoded_by_its_data() -> None:
    assert from_data(_Holder, to_data(_Holder(_Label("Caen")))) == _Holder(_Label("Caen"))
    assert from_data(_Holder, to_data(_Holder(_Count(3)))) == _Holder(_Count(3))
