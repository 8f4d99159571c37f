"""`monoreg import of-list`: the public list of training organisations → counts per region.

The fixture (fixtures/liste-publique-of.synthetic.csv) has the real header and SYNTHETIC
rows; see fixtures/README.md for what each line tests.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from import_catalog import FIXTURES, add_import_catalog, loaded_store
from typer.testing import CliRunner

from monoreg.cli import app
from monoreg.errors import InputError
from monoreg.importing import store_batch
from monoreg.ingest import of_list
from monoreg.ingest.of_list import read_of_list
from monoreg.store.repository import Store

runner = CliRunner()
SAMPLE = FIXTURES / "liste-publique-of.synthetic.csv"
# Worked out by reading the fixture: lines 2-8 are countable (7-8 is one record), the
# duplicate on line 12 repeats line 2's number.
ORGANISATIONS = {"28": 2, "53": 2, "11": 1, "84": 1, "01": 1}
APPRENTICESHIP = {"28": 1, "53": 2, "11": 0, "84": 0, "01": 0}
REJECTED = [9, 10, 11, 12, 13]


@pytest.fixture
def store(store_url: str, data_dir: Path) -> Iterator[Store]:
    store = loaded_store(store_url, data_dir)
    yield store
    store.close()


def _counts(store: Store, indicator: str) -> dict[str, int]:
    return {r.observation.territory: int(r.observation.value)
            for r in store.observations(indicators=[indicator])}


def test_counts_per_region_with_rejected_lines(store: Store) -> None:
    batch = read_of_list(SAMPLE, store.catalog(), "2024-01-15")
    store_batch(store, batch)
    assert _counts(store, "nombre_of_liste_publique") == ORGANISATIONS
    assert _counts(store, "nombre_of_apprentissage") == APPRENTICESHIP
    record = store.observations(indicators=["nombre_of_liste_publique"], territories=["28"])[0]
    assert record.batch_kind == "import"
    assert record.observation.period.code == "2024-01-15"
    assert record.observation.source == "liste_publique_of"
    assert record.observation.provenance.file.endswith("liste-publique-of.synthetic.csv")
    assert record.observation.provenance.column == "adressePhysiqueOrganismeFormation.codeRegion"
    rejected = batch.report["rejected"]
    assert [item["line"] for item in rejected["lines"]] == REJECTED
    reasons = [item["reason"] for item in rejected["lines"]]
    assert reasons[0] == "code région inconnu « 99 »"
    assert reasons[1] == "code région vide"
    assert "« oui »" in reasons[2]
    assert reasons[3] == "numeroDeclarationActivite en double"
    assert reasons[4] == "30 champs au lieu de 31"
    assert batch.report["rows"] == 12 and batch.report["counted"] == 7


def test_without_bom_and_with_lf_line_ends(tmp_path: Path, store: Store) -> None:
    plain = tmp_path / "liste.csv"
    plain.write_bytes(SAMPLE.read_bytes().removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n"))
    batch = read_of_list(plain, store.catalog(), "2024-01-15")
    counts = {o.territory: o.value for o in batch.observations
              if o.indicator == "nombre_of_liste_publique"}
    assert counts == {k: Decimal(v) for k, v in ORGANISATIONS.items()}
    assert [i["line"] for i in batch.report["rejected"]["lines"]] == REJECTED


def test_period_is_the_file_date_without_option(tmp_path: Path, store: Store) -> None:
    copy = tmp_path / "liste.csv"
    shutil.copy(SAMPLE, copy)
    seconds = datetime(2023, 6, 30, 12).timestamp()  # local time, as the file date is read
    os.utime(copy, (seconds, seconds))
    batch = read_of_list(copy, store.catalog())
    assert batch.report["period"] == "2023-06-30"
    assert batch.report["period_from"] == "file-date"


def test_cli_imports_and_reimport_replaces(env: dict[str, str], data_dir: Path) -> None:
    add_import_catalog(data_dir)
    assert runner.invoke(app, ["load"]).exit_code == 0
    args = ["import", "of-list", str(SAMPLE), "--date", "2024-01-15"]
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "12 enregistrements lus, 7 comptés, 5 écartés" in result.output
    assert "ligne 9 : code région inconnu « 99 »" in result.output
    again = runner.invoke(app, [*args, "--format", "json"])
    assert again.exit_code == 0, again.output
    payload = json.loads(again.stdout)
    assert payload["figures"] == 10 and payload["report"]["regions"]["nombre_of_liste_publique"] \
        == ORGANISATIONS
    store = Store.open(env["MONOREG_DATABASE_URL"])
    try:
        assert _counts(store, "nombre_of_liste_publique") == ORGANISATIONS  # replaced, not added
    finally:
        store.close()


def _store_rows(url: str) -> int:
    store = Store.open(url)
    try:
        return store.count_observations()
    finally:
        store.close()


@pytest.mark.parametrize(("content", "message"), [
    (b"", "le fichier est vide"),
    (b"a;b;c\r\n1;2;3\r\n", "ligne 1 : colonne(s) manquante(s) : numeroDeclarationActivite"),
    (b"numeroDeclarationActivite;adressePhysiqueOrganismeFormation.codeRegion;"
     b"certifications.actionsDeFormationParApprentissage\r\n\"1\";\"99\";true\r\n",
     "ligne 2 : aucune ligne n'a pu être comptée (première : code région inconnu « 99 »)"),
    ("numéroDéclaration;x\n".encode("latin-1"), "ligne 1 : l'en-tête n'est pas en UTF-8"),
])
def test_bad_files_fail_cleanly_and_store_nothing(env: dict[str, str], data_dir: Path,
                                                  tmp_path: Path, content: bytes,
                                                  message: str) -> None:
    add_import_catalog(data_dir)
    runner.invoke(app, ["load"])
    before = _store_rows(env["MONOREG_DATABASE_URL"])
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    result = runner.invoke(app, ["import", "of-list", str(bad), "--date", "2024-01-15"])
    assert result.exit_code == 1
    assert message in result.stderr and "bad.csv" in result.stderr
    assert "Traceback" not in result.output
    assert _store_rows(env["MONOREG_DATABASE_URL"]) == before


def test_bad_date_is_a_usage_error(env: dict[str, str], data_dir: Path) -> None:
    add_import_catalog(data_dir)
    runner.invoke(app, ["load"])
    result = runner.invoke(app, ["import", "of-list", str(SAMPLE), "--date", "15/01/2024"])
    assert result.exit_code == 2
    assert "--date" in result.stderr


def test_library_error_names_file_and_line(store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "liste.csv"
    bad.write_bytes(SAMPLE.read_bytes().split(b"\r\n", 1)[0].replace(
        b"adressePhysiqueOrganismeFormation.codeRegion", b"region") + b"\r\n")
    with pytest.raises(InputError) as caught:
        read_of_list(bad, store.catalog(), "2024-01-15")
    assert caught.value.line == 1 and "adressePhysiqueOrganismeFormation.codeRegion" in str(
        caught.value)


@pytest.mark.parametrize("workers", [2, 3, 5, 8])
def test_counting_in_parallel_parts_gives_the_same_result(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    """Big files are cut into ranges counted by several processes: whatever the cuts (inside
    the quoted line break of lines 7-8, between the two lines with one number), the result
    is the one pass's. Without the repeated number, the parts' own result is the answer."""
    monkeypatch.setattr(of_list, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(of_list, "MAX_WORKERS", workers)
    monkeypatch.setattr(of_list.os, "cpu_count", lambda: workers)
    batch = read_of_list(SAMPLE, store.catalog(), "2024-01-15")
    assert batch.report["regions"]["nombre_of_liste_publique"] == ORGANISATIONS
    assert [i["line"] for i in batch.report["rejected"]["lines"]] == REJECTED
    lines = SAMPLE.read_bytes().split(b"\r\n")
    del lines[11]  # the repeated declaration number
    unique = tmp_path / "liste.csv"
    unique.write_bytes(b"\r\n".join(lines))
    batch = read_of_list(unique, store.catalog(), "2024-01-15")
    assert batch.report["regions"]["nombre_of_apprentissage"] == APPRENTICESHIP
    assert [i["line"] for i in batch.report["rejected"]["lines"]] == [9, 10, 11, 12]


def test_a_cut_inside_a_quoted_line_break_is_counted_in_one_pass(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixture's rows, with 8 000 more valid ones after it (SYNTHETIC, a few MB: more
    than the reader's buffer, so that the one pass must read the file anew)."""
    lines = SAMPLE.read_bytes().split(b"\r\n")
    row = lines[1]
    more = [row.replace(b"10000000001", str(20000000000 + i).encode()) for i in range(8000)]
    big = tmp_path / "liste.csv"
    big.write_bytes(b"\r\n".join([*lines[:-1], *more, b""]))
    data = big.read_bytes()
    header = data.index(b"\r\n") + 2
    inside = data.index(b"DEUX LIGNES")  # line 8 continues the quoted name of line 7
    monkeypatch.setattr(of_list, "line_ranges",
                        lambda path, start, parts: [(header, inside), (inside, len(data))])
    monkeypatch.setattr(of_list, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(of_list.os, "cpu_count", lambda: 2)
    calls: list[object] = []
    original = of_list._count_parallel
    monkeypatch.setattr(of_list, "_count_parallel",
                        lambda *args: calls.append(original(*args)) or calls[-1])
    batch = read_of_list(big, store.catalog(), "2024-01-15")
    assert [counter for counter, _ in calls] == [None]  # the parts were dropped …
    counts = batch.report["regions"]["nombre_of_liste_publique"]  # … for one pass
    assert counts == {**ORGANISATIONS, "28": ORGANISATIONS["28"] + 8000}
    assert [i["line"] for i in batch.report["rejected"]["lines"]] == REJECTED
    assert batch.sha256 == hashlib.sha256(data).hexdigest()
