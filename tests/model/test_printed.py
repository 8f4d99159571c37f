from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monoreg import formatting as fr
from monoreg.model import Status
from monoreg.model.printed import (
    DOT_DECIMAL,
    IRREGULAR_GROUPS,
    NO_NUMBER,
    SPACE_IN_DECIMALS,
    PrintedNumberError,
    read_printed,
)


@pytest.mark.parametrize(("text", "value", "unit", "anomalies"), [
    ("3 420 995", "3420995", None, ()),
    ("1 608,2", "1608.2", None, ()),
    ("1\u202f608,2", "1608.2", None, ()),
    ("-0.03%", "-0.03", "percent", (DOT_DECIMAL,)),
    ("8,3%", "8.3", "percent", ()),
    ("30 70 000", "3070000", None, (IRREGULAR_GROUPS,)),
    ("993 520 495, 00", "993520495.00", None, (SPACE_IN_DECIMALS,)),
    ("283,8 M€", "283.8", "meur", ()),
    ("117 976", "117976", None, ()),
    ("2,5 milliards d'€", "2.5", "beur", ()),
    ("+0,7 pt", "0.7", "points", ()),
    ("−12,72 %", "-12.72", "percent", ()),
])
def test_reads_printed_figures(text: str, value: str, unit: str | None,
                               anomalies: tuple[str, ...]) -> None:
    figure = read_printed(text)
    assert figure.value == Decimal(value)
    assert figure.unit == unit
    assert figure.anomalies == anomalies


def test_missing_is_not_zero() -> None:
    figure = read_printed("Non renseigné")
    assert figure.value is None
    assert figure.status is Status.MISSING
    assert read_printed("-").status is Status.NOT_APPLICABLE


def test_a_unit_alone_is_no_number() -> None:
    figure = read_printed("%")
    assert figure.value is None
    assert NO_NUMBER in figure.anomalies


def test_small_counts_in_words() -> None:
    assert read_printed("CINQ").value == Decimal(5)
    assert read_printed("dix-sept").value == Decimal(17)


def test_annotation_is_kept_apart() -> None:
    figure = read_printed("233 361 308 (AE)")
    assert figure.value == Decimal("233361308")
    assert figure.annotation == "AE"


@pytest.mark.parametrize("text", ["abc", "12 abc", "1,2,3", "", "   "])
def test_rejects_text(text: str) -> None:
    with pytest.raises(PrintedNumberError):
        read_printed(text)


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False),
       st.integers(0, 2))
def test_formatted_french_numbers_read_back(value: Decimal, decimals: int) -> None:
    text = fr.number(value, decimals)
    figure = read_printed(text)
    assert figure.value == fr.rounded(value, decimals)
    assert figure.anomalies == ()
