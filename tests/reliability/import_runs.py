"""Running `monoreg import …` in-process on a copy of a store loaded with the bundled data.

The test client turns an uncaught exception into `result.exception`: what the real command
would print as a traceback. A refused import must leave the store as it was, row for row.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from french_errors import assert_french_error
from store_rows import StoreRows, store_rows
from typer.testing import CliRunner

from monoreg.cli import app
from monoreg.settings import PROJECT_ROOT

IMPORT_CORPUS = Path(__file__).parent / "corpus" / "importers"
# What each importer is given besides its file.
IMPORT_ARGS = {"of-list": ["--date", "2024-01-01"], "lheo": ["--date", "2024-01-01"],
               "insee-population": ["--date", "2021-01-01"], "monograph": ["--replace"]}


@dataclass(frozen=True)
class ImportStore:
    file: Path          # copied for every case
    rows: StoreRows     # what a refused import must leave

    @property
    def url(self) -> str:
        return f"sqlite:///{self.file}"


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str
    url: str


def run_import(command: str, file: Path, import_store: ImportStore, tmp_path: Path,
               monkeypatch: pytest.MonkeyPatch) -> Outcome:
    shutil.copy(import_store.file, tmp_path / "store.sqlite")
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setenv("MONOREG_DATABASE_URL", url)
    if command == "monograph":  # it writes an edition into the data folder: a copy
        shutil.copytree(PROJECT_ROOT / "data", tmp_path / "data", dirs_exist_ok=True)
        monkeypatch.setenv("MONOREG_DATA_DIR", str(tmp_path / "data"))
    result = CliRunner().invoke(app, ["import", command, str(file), *IMPORT_ARGS[command]],
                                env={"COLUMNS": "200"})
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"uncaught {result.exception!r}"
    return Outcome(result.exit_code, result.stdout, result.stderr, url)


def assert_refused(outcome: Outcome, import_store: ImportStore, *where: str) -> None:
    """Exit 1, each of `where` in the message, a message in French, the store unchanged."""
    assert outcome.code == 1, outcome.stdout + outcome.stderr
    for fragment in where:
        assert fragment in outcome.stderr, f"{fragment!r} not in: {outcome.stderr}"
    assert_french_error(outcome.stderr)
    assert store_rows(outcome.url) == import_store.rows
