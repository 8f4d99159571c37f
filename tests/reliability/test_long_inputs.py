"""Long inputs (thousands of lines): no limit comes from the input's size.

Every reader of an outside or data file is given thousands of records, with one broken at a
place hypothesis draws, or cut at a byte it draws: the answer is the count, or a French
error naming the right line, never a traceback (RecursionError, MemoryError…). A few
examples each, so the suite stays fast; bench/ times big files. Every record is SYNTHETIC.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from big_inputs import write_big_lheo, write_big_of_list
from english import assert_french
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monoreg.datafile_reader import read_csv, read_yaml
from monoreg.errors import InputError
from monoreg.ingest.insee import read_insee_population
from monoreg.ingest.lheo import read_lheo
from monoreg.ingest.monograph.monograph_import import read_monograph
from monoreg.ingest.of_list import read_of_list
from monoreg.metadata.reference import load_catalog
from monoreg.model import Catalog
from monoreg.settings import PROJECT_ROOT

LONG = settings(deadline=None, max_examples=4, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])
SEED = PROJECT_ROOT / "data" / "editions" / "normandie" / "2020" / "source.txt"
OF_LIST = Path(__file__).parent / "corpus" / "importers" / "valid" / "of-list.synthetic.csv"
KEY_FIGURES_AT = 10  # a line of the seed's key-figures page (« Normandie » before 940,1)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(PROJECT_ROOT / "data")


@contextmanager
def _file(name: str, content: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        yield path


def _numbers_on_the_key_figures_page(count: int) -> bytes:
    """The seed with `count` lone numbers, each under a word, on its key-figures page."""
    lines = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    extra = [f"{1000 + 7 * i}\nmot\n" for i in range(count)]
    return "".join(lines[:KEY_FIGURES_AT] + extra + lines[KEY_FIGURES_AT:]).encode()


# -- the monograph reader ----------------------------------------------------------------
def test_a_monograph_with_1200_numbers_before_its_first_table_is_read(
        catalog: Catalog) -> None:
    """The case of the issue: it ended in RecursionError; every extra number is reported."""
    with _file("monographie.txt", _numbers_on_the_key_figures_page(1200)) as path:
        imported = read_monograph(path, catalog, region="28", year=2020)
    report = imported.report_json()
    assert len(report["unplaced"]) >= 1200
    assert report["figures"] > 100  # the rest of the monograph is read as usual


@settings(LONG, max_examples=2)
@given(st.integers(min_value=1000, max_value=3000))
def test_thousands_of_numbers_are_placed_or_reported(catalog: Catalog, count: int) -> None:
    with _file("monographie.txt", _numbers_on_the_key_figures_page(count)) as path:
        report = read_monograph(path, catalog, region="28", year=2020).report_json()
    assert len(report["unplaced"]) >= count


def test_a_page_too_long_to_place_is_refused_with_a_french_sentence(catalog: Catalog) -> None:
    with _file("monographie.txt", _numbers_on_the_key_figures_page(11_000)) as path, \
            pytest.raises(InputError) as caught:
        read_monograph(path, catalog, region="28", year=2020)
    assert caught.value.file is not None and caught.value.file.endswith("monographie.txt")
    assert caught.value.line == KEY_FIGURES_AT + 1  # the first number added
    assert_french(caught.value.reason)


# -- the data-file readers ---------------------------------------------------------------
@LONG
@given(st.integers(min_value=2000, max_value=6000), st.data())
def test_a_long_csv_names_the_line_of_its_one_bad_row(rows: int, data: st.DataObject) -> None:
    bad = data.draw(st.integers(min_value=0, max_value=rows - 1))
    lines = ["# SYNTHETIC\n", "a;b\n"] + [
        (f"{i};x;de trop\n" if i == bad else f"{i};x\n") for i in range(rows)]
    with _file("long.csv", "".join(lines).encode()) as path:
        with pytest.raises(InputError) as caught:
            list(read_csv(path, required={"a", "b"}))
        assert caught.value.line == bad + 3  # a comment line, the header, then the rows
        assert_french(caught.value.reason)
        good = "".join(line for i, line in enumerate(lines) if i != bad + 2)
        path.write_text(good, encoding="utf-8")
        read = list(read_csv(path, required={"a", "b"}))
    assert len(read) == rows - 1 and read[-1].line == rows + 1


@settings(LONG, max_examples=2)
@given(st.integers(min_value=1000, max_value=3000))
def test_a_long_yaml_list_is_read(items: int) -> None:
    text = "cluster:\n" + "".join(f"  - nom: Pôle SYNTHÉTIQUE {i}\n" for i in range(items))
    with _file("lists.yaml", text.encode()) as path:
        data = read_yaml(path)
    assert len(data["cluster"]) == items
    assert data["cluster"][-1]["__line__"] == items + 1


@pytest.mark.parametrize("depth", [60, 400])  # 3 000 deep: corpus/datafiles
def test_deep_yaml_is_refused_at_a_cap(depth: int) -> None:
    with _file("lists.yaml", ("cluster: " + "[" * depth + "]" * depth + "\n").encode()) as path, \
            pytest.raises(InputError) as caught:
        read_yaml(path)
    assert "imbrication" in caught.value.reason
    assert_french(caught.value.reason)


# -- the importers -----------------------------------------------------------------------
@LONG
@given(st.integers(min_value=2000, max_value=5000), st.data())
def test_a_long_of_list_sets_aside_its_one_bad_row(catalog: Catalog, records: int,
                                                   data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_big_of_list(Path(folder) / "liste.csv", OF_LIST, records=records)
        lines = path.read_bytes().splitlines(keepends=True)
        bad = data.draw(st.integers(min_value=1, max_value=len(lines) - 2))  # not the last
        lines[bad] = lines[bad].replace(b'"28"', b'"99"').replace(b'"53"', b'"99"')
        path.write_bytes(b"".join(lines))
        report = read_of_list(path, catalog, "2024-01-01").report
    assert report["rows"] == records and report["counted"] == records - 1
    assert report["rejected"]["lines"] == [{"line": bad + 1,
                                            "reason": "code région inconnu « 99 »"}]


@LONG
@given(st.integers(min_value=2000, max_value=5000), st.data())
def test_a_long_of_list_cut_anywhere_in_its_last_record_is_refused(
        catalog: Catalog, records: int, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_big_of_list(Path(folder) / "liste.csv", OF_LIST, records=records)
        raw = path.read_bytes()
        last = raw.rstrip(b"\n").rindex(b"\n") + 1
        # anywhere in the last record but its last field (a cut there leaves a whole row)
        cut = data.draw(st.integers(min_value=last + 1, max_value=raw.rindex(b";", last)))
        path.write_bytes(raw[:cut])
        with pytest.raises(InputError) as caught:
            read_of_list(path, catalog, "2024-01-01")
    assert caught.value.line == records + 1
    assert "fichier probablement tronqué" in caught.value.reason


@settings(LONG, max_examples=3)
@given(st.integers(min_value=1000, max_value=3000), st.data())
def test_a_long_lheo_offer_cut_anywhere_is_refused(catalog: Catalog, formations: int,
                                                   data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_big_lheo(Path(folder) / "offre.xml", formations)
        raw = path.read_bytes()
        assert read_lheo(path, catalog, "2024-01-01").report["counted"] == formations
        cut = data.draw(st.integers(min_value=200, max_value=len(raw) - 2))
        path.write_bytes(raw[:cut])
        with pytest.raises(InputError) as caught:
            read_lheo(path, catalog, "2024-01-01")
    assert caught.value.line == raw[:cut].rstrip(b"\n").count(b"\n") + 1
    assert "fichier probablement tronqué" in caught.value.reason


@LONG
@given(st.integers(min_value=2000, max_value=6000), st.data())
def test_a_long_population_file_names_its_one_bad_line(catalog: Catalog, rows: int,
                                                       data: st.DataObject) -> None:
    """Thousands of lines for 18 regions: the first region given twice is refused."""
    regions = [t.code for t in catalog.territories.regions]
    bad = data.draw(st.integers(min_value=0, max_value=rows - 1))
    lines = ["CODREG;REG;PMUN;PCAP;PTOT\n"] + [
        f"{regions[i % len(regions)] if i < len(regions) else 'XX'};SYNTHÉTIQUE;1;0;1\n"
        for i in range(rows)]
    lines[bad + 1] = lines[bad + 1].replace(";1;0;1", ";un;0;1")
    with _file("donnees_regions.csv", "".join(lines).encode()) as path, \
            pytest.raises(InputError) as caught:
        read_insee_population(path, catalog, "2021-01-01")
    # the bad number, or the first unknown region after the 18, whichever comes first
    assert caught.value.line == min(bad, len(regions)) + 2
    assert_french(caught.value.reason)
