from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monoreg.model import Period, PeriodKind, PeriodParseError, parse_period
from monoreg.model.period import months_between


@pytest.mark.parametrize(("text", "code"), [
    ("2019", "2019"),
    ("en 2017", "2017"),
    ("budget 2019", "2019"),
    ("BP 2018", "2018"),
    ("2ème trimestre 2019", "2019-T2"),
    ("(2ème trimestre 2019)", "2019-T2"),
    ("1er trimestre 2019", "2019-T1"),
    ("T2 2019", "2019-T2"),
    ("2019-T4", "2019-T4"),
    ("juillet 2019", "2019-07"),
    ("(juillet 2018)", "2018-07"),
    ("(juillet 2019", "2019-07"),   # the seed forgets a closing parenthesis
    ("Décembre 2018", "2018-12"),
    ("décembre 2019", "2019-12"),
    ("2018/2019", "2018/2019"),
    ("en 2018/2019", "2018/2019"),
    ("au 1er janvier 2019", "2019-01-01"),
    ("14 juin 2019", "2019-06-14"),
    ("2019-01-01", "2019-01-01"),
    ("fin 2019", "2019-12-31"),
])
def test_parses_french_labels(text: str, code: str) -> None:
    assert parse_period(text).code == code


@pytest.mark.parametrize("text", ["", "2019/2021", "T5 2019", "13e trimestre 2019",
                                  "juillette 2019", "31 février 2019", "hier", "2019-13"])
def test_rejects_what_is_not_a_period(text: str) -> None:
    with pytest.raises(PeriodParseError):
        parse_period(text)


def test_french_labels_and_phrases() -> None:
    assert parse_period("2019-T1").label() == "1er trimestre 2019"
    assert parse_period("2019-T2").label() == "2e trimestre 2019"
    assert parse_period("2019-07").phrase() == "en juillet 2019"
    assert parse_period("2019-01-01").phrase() == "au 1er janvier 2019"
    assert parse_period("2018/2019").phrase() == "en 2018/2019"


def test_previous_and_distance() -> None:
    assert parse_period("2019-T1").previous().code == "2018-T4"
    assert parse_period("2019-01").previous().code == "2018-12"
    assert parse_period("2018/2019").previous().code == "2017/2018"
    assert parse_period("2016/2017").steps_to(parse_period("2018/2019")) == 2
    assert parse_period("2018-07").steps_to(parse_period("2019-07")) == 12
    assert parse_period("2019").steps_to(parse_period("2019-T2")) is None


def test_year_earlier_and_months_between() -> None:
    assert parse_period("T2 2020").year_earlier().code == "2019-T2"
    assert parse_period("juillet 2020").year_earlier().code == "2019-07"
    assert parse_period("2018/2019").year_earlier().code == "2017/2018"
    assert parse_period("au 1er janvier 2021").year_earlier().code == "2020-01-01"
    assert months_between(parse_period("décembre 2019"), parse_period("décembre 2020")) == 12
    assert months_between(parse_period("2015"), parse_period("décembre 2019")) == 48


def test_ordering_uses_calendar() -> None:
    periods = [parse_period(x) for x in ("2019", "2018/2019", "2019-07", "2019-T1",
                                         "2019-01-01")]
    ordered = [p.code for p in sorted(periods)]
    assert ordered == ["2019-01-01", "2019-T1", "2019-07", "2018/2019", "2019"]
    assert parse_period("2018/2019").start == date(2018, 9, 1)
    assert parse_period("2019-T2").end == date(2019, 6, 30)


periods = st.one_of(
    st.builds(Period, st.just(PeriodKind.YEAR), st.integers(1900, 2100)),
    st.builds(Period, st.just(PeriodKind.QUARTER), st.integers(1900, 2100),
              st.integers(1, 4)),
    st.builds(Period, st.just(PeriodKind.MONTH), st.integers(1900, 2100), st.integers(1, 12)),
    st.builds(Period, st.just(PeriodKind.SCHOOL_YEAR), st.integers(1900, 2100)),
    st.builds(Period, st.just(PeriodKind.DATE), st.integers(1900, 2100), st.integers(1, 12),
              st.integers(1, 28)),
)


@given(periods)
def test_code_and_label_parse_back(period: Period) -> None:
    assert parse_period(period.code) == period
    assert parse_period(period.label()) == period
    assert parse_period(period.phrase()) == period


@given(periods)
def test_previous_is_one_step_before(period: Period) -> None:
    assert period.previous() < period
    assert period.previous().steps_to(period) == 1
