"""Property-based tests (hypothesis) of the parsers that read what users and documents write.

Whatever the text, a parser either returns a value or raises its own error, which the
commands turn into a message naming the file and line; any other exception would be a
traceback. And what monoreg prints, it reads back. The monograph reader is fed windows of the
real seed (data/editions/normandie/2020/source.txt), shuffled, cut or with noise inserted.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from monoreg import formatting as fr
from monoreg.datafile_reader import load_yaml, read_csv, read_yaml
from monoreg.errors import InputError, MonoregError
from monoreg.ingest.datafiles.schemas import EditionFile
from monoreg.ingest.monograph.monograph_import import read_monograph
from monoreg.metadata.reference import load_catalog
from monoreg.model import (
    Catalog,
    Period,
    PeriodKind,
    PeriodParseError,
    Status,
    Unit,
    parse_period,
)
from monoreg.model.printed import PrintedNumberError, read_printed
from monoreg.settings import PROJECT_ROOT

# The machine running CI is shared: hypothesis' per-example deadline would measure it, not
# the parsers (speed targets live in bench/).
PROPERTIES = settings(deadline=None, max_examples=300,
                      suppress_health_check=[HealthCheck.too_slow])

# Text made of what printed figures and periods are made of, so that examples get past the
# first check; plus any text at all.
FIGURE_ALPHABET = "0123456789 ,.-+−%€ptMkd()/\u00a0\u202fNonrenseigé"
PERIOD_ALPHABET = "0123456789 -/Tterimsjanvfévrilmaoûdcbpxgu()'.àè\u00a0"
figure_like = st.text(alphabet=FIGURE_ALPHABET, max_size=30)
period_like = st.text(alphabet=PERIOD_ALPHABET, max_size=30)


def _only(error: type[Exception], parse: Callable[[str], Any], text: str) -> None:
    """Any other exception fails the test with its traceback."""
    with contextlib.suppress(error):
        parse(text)


@PROPERTIES
@given(st.one_of(st.text(), figure_like))
def test_read_printed_raises_only_its_own_error(text: str) -> None:
    _only(PrintedNumberError, read_printed, text)


@PROPERTIES
@given(st.integers(min_value=0, max_value=4).flatmap(lambda places: st.tuples(
    st.decimals(min_value=-10**12, max_value=10**12, places=places, allow_nan=False,
                allow_infinity=False), st.just(places))), st.booleans())
def test_a_number_monoreg_prints_reads_back(value_places: tuple[Decimal, int],
                                            signed: bool) -> None:
    value, places = value_places
    text = fr.number(value, places, signed=signed)
    printed = read_printed(text)
    assert printed.status is Status.VALUE
    assert printed.value == value, text
    assert printed.decimals == places and printed.anomalies == (), text


@PROPERTIES
@given(st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False,
                   allow_infinity=False),
       st.sampled_from([("percent", "%"), ("meur", "M€"), ("eur", "€"), ("keur", "k€")]))
def test_a_figure_with_its_unit_reads_back_with_the_unit(value: Decimal,
                                                         unit: tuple[str, str]) -> None:
    code, symbol = unit
    text = fr.with_unit(value, Unit(code, symbol, code, "test", Decimal(1)), 2)
    printed = read_printed(text)
    assert (printed.value, printed.unit) == (value, code), text


@PROPERTIES
@given(st.decimals(min_value=-100, max_value=100, places=1, allow_nan=False,
                   allow_infinity=False))
def test_an_evolution_in_points_reads_back(value: Decimal) -> None:
    printed = read_printed(fr.points(value, 1))
    assert (printed.value, printed.unit) == (value, "points")


@PROPERTIES
@given(st.one_of(st.text(), period_like))
def test_parse_period_raises_only_its_own_error(text: str) -> None:
    _only(PeriodParseError, parse_period, text)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    kind = draw(st.sampled_from(PeriodKind))
    year = draw(st.integers(min_value=1800, max_value=2199))
    if kind is PeriodKind.QUARTER:
        return Period(kind, year, draw(st.integers(1, 4)))
    if kind is PeriodKind.MONTH:
        return Period(kind, year, draw(st.integers(1, 12)))
    if kind is PeriodKind.DATE:
        day = draw(st.dates(min_value=Period(kind, year, 1, 1).start,
                            max_value=Period(kind, year, 12, 31).start))
        return Period(kind, year, day.month, day.day)
    return Period(kind, year)


@PROPERTIES
@given(periods())
def test_a_period_reads_back_from_its_code_label_and_phrase(period: Period) -> None:
    for text in (period.code, period.label(), period.phrase(), f"({period.label()})",
                 period.label().upper()):
        assert parse_period(text) == period, text


def _with_file(content: bytes, suffix: str, read: Callable[[Path], Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"file{suffix}"
        path.write_bytes(content)
        try:
            read(path)
        except InputError as error:
            assert error.file and error.file.endswith(path.name), error


CSV_ALPHABET = "ab;\"#\n\r ,\t\u00e9\x00"
YAML_ALPHABET = "ab: -[]{}&*!#'\"\n|>?%@`,\t0123456789\u00e9<"
csv_bytes = st.one_of(st.binary(max_size=300),
                      st.text(alphabet=CSV_ALPHABET, max_size=200).map(str.encode))
yaml_bytes = st.one_of(st.binary(max_size=300),
                       st.text(alphabet=YAML_ALPHABET, max_size=200).map(str.encode))


@PROPERTIES
@given(csv_bytes)
def test_the_csv_reader_raises_only_input_errors(content: bytes) -> None:
    _with_file(content, ".csv", lambda p: list(read_csv(p, required={"a"}, optional={"b"})))


@PROPERTIES
@given(yaml_bytes)
def test_the_yaml_reader_raises_only_input_errors(content: bytes) -> None:
    _with_file(content, ".yaml", read_yaml)
    _with_file(content, ".yaml", lambda p: load_yaml(EditionFile, p))


SEED = PROJECT_ROOT / "data" / "editions" / "normandie" / "2020" / "source.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "data")


@st.composite
def monograph_texts(draw: st.DrawFn) -> str:
    """A window of the real seed (Normandie 2020), its lines shuffled or damaged, or any text."""
    lines = SEED_TEXT.splitlines(keepends=True)
    start = draw(st.integers(0, len(lines) - 1))
    window = lines[start:start + draw(st.integers(1, 120))]
    damage = draw(st.sampled_from(["none", "shuffle", "cut", "noise"]))
    if damage == "shuffle":
        window = draw(st.permutations(window))
    elif damage == "cut":
        window = [line[:draw(st.integers(0, len(line)))] for line in window]
    elif damage == "noise":
        window.insert(draw(st.integers(0, len(window))), draw(st.text(max_size=200)))
    return "".join(window)


@settings(PROPERTIES, max_examples=40)
@given(st.one_of(monograph_texts(), st.text(max_size=500)))
@example("SERVICES DE L’ÉTAT \n")  # a heading with nothing under it (found by this test)
def test_the_monograph_reader_raises_only_monoreg_errors(catalog: Catalog, text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "monographie.txt"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        with contextlib.suppress(MonoregError):
            read_monograph(path, catalog, region="28", year=2020)
