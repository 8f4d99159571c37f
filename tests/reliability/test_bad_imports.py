"""Broken files given to `monoreg import …`: refused cleanly, the store left as it was.

The store holds the bundled data (the catalogue the importers need, as users have it). Valid
inputs are the SYNTHETIC samples of corpus/importers/valid/ and, for the monograph importer,
the real seed (data/editions/normandie/2020/source.txt); corpus/importers/<importer>/ holds
broken ones. Hostile XML and PDF files have their own module (test_hostile_files.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corruptions import CORRUPTIONS, Corruption
from import_runs import IMPORT_CORPUS, ImportStore, assert_refused, run_import
from store_rows import store_rows

from monoreg.settings import PROJECT_ROOT

SEED = PROJECT_ROOT / "data" / "editions" / "normandie" / "2020" / "source.txt"
VALID = {"of-list": IMPORT_CORPUS / "valid" / "of-list.synthetic.csv",
         "lheo": IMPORT_CORPUS / "valid" / "lheo.synthetic.xml",
         "insee-population": IMPORT_CORPUS / "valid" / "insee.synthetic.csv",
         "monograph": SEED}


def test_valid_samples_are_imported(import_store: ImportStore, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The samples the corruptions start from are good: what breaks them is the corruption."""
    for command, path in VALID.items():
        outcome = run_import(command, path, import_store, tmp_path, monkeypatch)
        assert outcome.code == 0, outcome.stderr
        assert store_rows(outcome.url) != import_store.rows


# (importer, broken file, texts the message must contain: the file and the place)
CORPUS_CASES = (
    ("of-list", "of_list/wrong-separator.csv", ("wrong-separator.csv, ligne 1",
                                                "colonne(s) manquante(s)")),
    ("of-list", "of_list/missing-region-column.csv",
     ("missing-region-column.csv, ligne 1", "codeRegion")),
    ("of-list", "of_list/no-countable-row.csv", ("no-countable-row.csv, ligne 2", "99")),
    ("insee-population", "insee/missing-column.csv", ("missing-column.csv, ligne 1", "PMUN")),
    ("insee-population", "insee/bad-number.csv", ("bad-number.csv, ligne 3, champ 'PMUN'",)),
    ("insee-population", "insee/unknown-region.csv",
     ("unknown-region.csv, ligne 3, champ 'CODREG'",)),
    ("lheo", "lheo/malformed.xml", ("malformed.xml, ligne 5",)),
    ("lheo", "lheo/undefined-entity.xml", ("undefined-entity.xml, ligne 6", "secret")),
    ("lheo", "lheo/wrong-root.xml", ("wrong-root.xml", "lheo")),
    ("lheo", "lheo/no-countable-action.xml", ("no-countable-action.xml, ligne 8", "99")),
    ("lheo", "lheo/namespace-with-brace.xml", ("namespace-with-brace.xml",)),
    ("monograph", "monograph/not-a-monograph.txt", ("not-a-monograph.txt",)),
)


@pytest.mark.parametrize(("command", "name", "where"), CORPUS_CASES,
                         ids=[name for _, name, _ in CORPUS_CASES])
def test_broken_import_is_refused(command: str, name: str, where: tuple[str, ...],
                                  import_store: ImportStore, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    outcome = run_import(command, IMPORT_CORPUS / name, import_store, tmp_path, monkeypatch)
    assert_refused(outcome, import_store, *where)


# Corruptions an importer accepts by design, and what it must then report.
ACCEPTED = {
    # The monograph importer reads Latin-1 text (PDF extractions often are).
    ("monograph", "latin-1"): "",
    # The OF list is a national file of 100 000 lines: a bad line is set aside and reported,
    # the others are counted.
    ("of-list", "5-mb-line"): "ligne 2",
    # It counts by the region and flag columns only, which are ASCII in any encoding.
    ("of-list", "latin-1"): "3 comptés",
    # An XML file in UTF-16 with its byte order mark is well-formed XML.
    ("lheo", "utf-16"): "",
}
KEPT = "fichier gardé de l'édition remplacée"
# Reading a 5 MB line takes the monograph reader seconds: bench/, not the suite.
SLOW = {("monograph", "5-mb-line")}


def _matrix() -> list[tuple[str, Corruption]]:
    return [(command, corruption) for command in VALID for corruption in CORRUPTIONS
            if (command, corruption.name) not in SLOW]


@pytest.mark.parametrize(("command", "corruption"), _matrix(),
                         ids=[f"{c}:{k.name}" for c, k in _matrix()])
def test_corrupted_import_is_refused(command: str, corruption: Corruption,
                                     import_store: ImportStore, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    valid = VALID[command]
    broken = corruption.apply(valid.read_bytes(), valid.name)
    if broken is None:
        return
    path = tmp_path / valid.name
    path.write_bytes(broken)
    outcome = run_import(command, path, import_store, tmp_path, monkeypatch)
    if (command, corruption.name) in ACCEPTED:
        assert outcome.code == 0, outcome.stderr
        assert ACCEPTED[(command, corruption.name)] in outcome.stdout
        return
    if not corruption.always_an_error and outcome.code == 0:
        return  # a truncated file may still be a valid, shorter one
    line = corruption.line(broken)
    where = valid.name + (f", ligne {line}" if line else "")
    if command == "monograph" and KEPT in outcome.stderr:
        # The shorter reading loads, but a decision kept from the replaced edition
        # (--replace) is about an item it no longer has: that file and line are named.
        where = "normandie/2020/resolutions.yaml, ligne "
    assert_refused(outcome, import_store, where)
