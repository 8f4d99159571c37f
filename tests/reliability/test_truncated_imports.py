"""Cut files and collapsed counts: an interrupted download is refused, not counted.

A list or an offer whose last record is cut (a quote left open, columns missing at the end,
the XML never closed) is refused as a probably truncated file, naming the line where it
stops; an import that counts far fewer records than the previous import of the same source
is refused unless the user confirms with --accept-drop. Nothing is stored on refusal. The
inputs are the SYNTHETIC samples of corpus/importers/valid/ and copies of them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from big_inputs import write_big_lheo, write_big_of_list
from french_errors import assert_french_error
from import_runs import IMPORT_CORPUS, ImportStore
from store_rows import store_rows
from synthetic import write_data_dir
from typer.testing import CliRunner

from monoreg.cli import app
from monoreg.errors import InputError
from monoreg.ingest.datafiles.data_folder import load_data_dir

OF_LIST = IMPORT_CORPUS / "valid" / "of-list.synthetic.csv"
LHEO = IMPORT_CORPUS / "valid" / "lheo.synthetic.xml"
TRUNCATED = "fichier probablement tronqué"


def _cut_after(raw: bytes, marker: bytes, occurrence: int = 1) -> bytes:
    """The bytes up to just after the n-th `marker`: where a download stopped."""
    at = -1
    for _ in range(occurrence):
        at = raw.index(marker, at + 1)
    return raw[: at + len(marker)]


# (importer, sample, where the copy stops, the line it stops on, counted by hand)
CUTS = (
    # inside the quoted name of the third organisation: the quote is never closed
    ("of-list", OF_LIST, lambda raw: _cut_after(raw, b'"ORGANISME SYNTH', 3), 4),
    # after the region column of the third organisation: its flags and the rest are missing
    ("of-list", OF_LIST, lambda raw: _cut_after(raw, b'"28";', 2)
     if raw.count(b'"28";') > 1 else _cut_after(raw, b'"53";'), None),
    # after the last field but one: only the trailing column is missing
    ("of-list", OF_LIST, lambda raw: raw.rstrip(b"\r\n")[:-3], 4),
    # inside the second action: <lheo>, <offres>, <formation> never closed
    ("lheo", LHEO, lambda raw: _cut_after(raw, b'<action numero="A2">'), 12),
    # in the last end tag
    ("lheo", LHEO, lambda raw: raw.rstrip()[:-3], 18),
)


def _import(command: str, path: Path, url: str, *extra: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["import", command, str(path), "--date", "2024-01-01",
                                      *extra], env={"COLUMNS": "200",
                                                    "MONOREG_DATABASE_URL": url})
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"uncaught {result.exception!r}"
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def store_copy(import_store: ImportStore, tmp_path: Path) -> str:
    shutil.copy(import_store.file, tmp_path / "store.sqlite")
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


@pytest.mark.parametrize(("command", "sample", "cut", "line"), CUTS,
                         ids=[f"{c}-{i}" for i, (c, *_rest) in enumerate(CUTS)])
def test_a_file_cut_in_its_last_record_is_refused(command: str, sample: Path, cut, line,
                                                  import_store: ImportStore, tmp_path: Path,
                                                  store_copy: str) -> None:
    raw = sample.read_bytes()
    broken = cut(raw)
    assert len(broken) < len(raw)
    path = tmp_path / sample.name
    path.write_bytes(broken)
    code, stdout, stderr = _import(command, path, store_copy)
    expected_line = line if line is not None else broken.count(b"\n") + 1
    assert code == 1, stdout + stderr
    assert f"{sample.name}, ligne {expected_line}" in stderr, stderr
    assert TRUNCATED in stderr, stderr
    assert_french_error(stderr)
    assert store_rows(store_copy) == import_store.rows


def test_a_bad_row_inside_the_list_is_still_only_set_aside(tmp_path: Path,
                                                           store_copy: str) -> None:
    """A short row that is not the last one is a bad row, not a cut file."""
    header, first, *rest = OF_LIST.read_bytes().splitlines(keepends=True)
    path = tmp_path / "liste.csv"
    short = b";".join(first.split(b";")[:12])  # the first twelve fields, quotes closed
    path.write_bytes(header + short + b"\n" + b"".join(rest))
    code, stdout, stderr = _import("of-list", path, store_copy)
    assert code == 0, stderr
    assert "écarté, ligne 2" in stdout


@pytest.mark.parametrize("command", ["of-list", "lheo"])
def test_a_count_that_collapses_is_refused_unless_confirmed(
        command: str, import_store: ImportStore, tmp_path: Path, store_copy: str) -> None:
    """40 records, then a file of the same source with 3 of them: refused (nothing
    stored); with --accept-drop, stored. The threshold is a setting."""
    if command == "of-list":
        full = write_big_of_list(tmp_path / "liste-complete.csv", OF_LIST, records=40)
        short = write_big_of_list(tmp_path / "liste-courte.csv", OF_LIST, records=3)
    else:
        full = write_big_lheo(tmp_path / "offre-complete.xml", 40)
        short = write_big_lheo(tmp_path / "offre-courte.xml", 3)
    code, _, stderr = _import(command, full, store_copy)
    assert code == 0, stderr
    after_full = store_rows(store_copy)

    code, stdout, stderr = _import(command, short, store_copy)
    assert code == 1, stdout + stderr
    assert short.name in stderr and "3 enregistrements comptés contre 40" in stderr, stderr
    assert "--accept-drop" in stderr
    assert_french_error(stderr)
    assert store_rows(store_copy) == after_full

    # The limit is a parameter: at 5 %, 3 records of 40 are no collapse.
    result = CliRunner().invoke(app, ["import", command, str(short), "--date", "2024-01-01"],
                                env={"MONOREG_DATABASE_URL": store_copy,
                                     "MONOREG_IMPORT_DROP_LIMIT": "0.05"})
    assert result.exit_code == 0, result.stderr

    code, _, stderr = _import(command, full, store_copy)  # back to 40 on another day
    assert code == 0, stderr
    code, _, stderr = _import(command, short, store_copy, "--accept-drop")
    assert code == 0, stderr
    assert store_rows(store_copy) != after_full


def test_an_import_is_compared_with_its_own_source_only(tmp_path: Path,
                                                        store_copy: str) -> None:
    """A big OF list does not make a small LHEO offer look like a collapse."""
    full = write_big_of_list(tmp_path / "liste.csv", OF_LIST, records=40)
    assert _import("of-list", full, store_copy)[0] == 0
    code, _, stderr = _import("lheo", LHEO, store_copy)
    assert code == 0, stderr



def test_a_data_file_cut_in_its_last_line_is_refused_as_truncated(tmp_path: Path) -> None:
    """The same for the data files: observations.csv stopping in the middle of its last row
    (no line end) is a cut file, named so, with its last line."""
    data = write_data_dir(tmp_path)
    path = data / "editions" / "normandie" / "2030" / "observations.csv"
    raw = path.read_bytes().rstrip(b"\n")
    last = raw.count(b"\n") + 1
    path.write_bytes(raw[: raw.rindex(b";", 0, raw.rindex(b";")) - 3])  # inside a field
    with pytest.raises(InputError) as caught:
        load_data_dir(data)
    assert caught.value.line == last
    assert TRUNCATED in caught.value.reason
    assert_french_error(str(caught.value))


@pytest.mark.parametrize("limit", ["0,3", "3", "moitié"])
def test_a_mistyped_drop_limit_is_a_french_usage_error(limit: str, store_copy: str) -> None:
    result = CliRunner().invoke(app, ["import", "of-list", str(OF_LIST), "--date",
                                      "2024-01-01"],
                                env={"MONOREG_DATABASE_URL": store_copy,
                                     "MONOREG_IMPORT_DROP_LIMIT": limit})
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2 and f"MONOREG_IMPORT_DROP_LIMIT vaut « {limit} »" in \
        result.stderr, result.stderr
    assert_french_error(result.stderr)
