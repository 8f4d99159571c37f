"""The period a figure should have in the next edition (producer rhythm and cut-off)."""

from __future__ import annotations

import pytest

from monoreg.editions.rhythm import expected_period
from monoreg.model import parse_period

DEC_2019, DEC_2020 = parse_period("décembre 2019"), parse_period("décembre 2020")


@pytest.mark.parametrize(("period", "frequency", "cutoff", "expected"), [
    ("T2 2019", "quarterly", "décembre 2020", "2020-T2"),
    ("juillet 2019", "monthly", "décembre 2020", "2020-07"),
    ("2017", "yearly", "décembre 2020", "2018"),
    ("2018/2019", "school_year", "décembre 2020", "2019/2020"),
    ("au 1er janvier 2019", "yearly", "décembre 2020", "2020-01-01"),
    # the cut-off moved 15 months: 5 quarters, 15 months, but only one whole year
    ("T2 2019", "quarterly", "mars 2021", "2020-T3"),
    ("juillet 2019", "monthly", "mars 2021", "2020-10"),
    ("2017", "yearly", "mars 2021", "2018"),
    # six months: a yearly figure does not move yet
    ("2017", "yearly", "juin 2020", "2017"),
    # no known rhythm: one year per year of cut-off
    ("2017", None, "décembre 2020", "2018"),
])
def test_expected_period(period: str, frequency: str | None, cutoff: str,
                         expected: str) -> None:
    assert expected_period(parse_period(period), frequency, DEC_2019,
                           parse_period(cutoff)).code == expected

