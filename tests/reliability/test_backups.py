"""`monoreg backup` and `monoreg restore`, on SQLite and on PostgreSQL, with the store in use.

The round trip: while one thread reloads the store again and again (two SYNTHETIC versions
of one edition, told apart by title, number of figures and values) and another reads it, a
backup is taken; it must hold one whole version, never a mix. Restored over the other
version, the store holds exactly the backup's rows. Refusals (not a backup, a schema newer
than this monoreg, a store whose schema is newer than the backup's, the wrong kind of
database) change nothing and answer in French.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from big_inputs import write_big_data_dir
from french_errors import assert_french_error
from store_rows import store_rows
from synthetic import write_data_dir
from typer.testing import CliRunner

from monoreg.cli import app
from monoreg.ingest.datafiles.data_folder import load_data_dir
from monoreg.model import Dataset
from monoreg.store.db import alembic_config, make_engine, throwaway_database, transaction
from monoreg.store.repository import Store

VERSIONS = {"Version A": (100, 0), "Version B": (150, 1_000_000)}  # figures, first value
POSTGRES_URL = os.environ.get("MONOREG_TEST_POSTGRES_URL")


@pytest.fixture
def other_url(store_url: str, tmp_path: Path) -> Iterator[str]:
    """A second, new store of the same kind as `store_url`."""
    if store_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'autre.sqlite'}"
        return
    assert POSTGRES_URL
    with throwaway_database(POSTGRES_URL, "monoreg_restore") as url:
        yield url


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store loaded with the SYNTHETIC data folder, copied by each refusal case."""
    root = tmp_path_factory.mktemp("loaded")
    store = Store.open(f"sqlite:///{root / 'store.sqlite'}")
    store.load_dataset(load_data_dir(write_data_dir(root)))
    store.close()
    return root / "store.sqlite"


@pytest.fixture
def loaded_url(loaded: Path, tmp_path: Path) -> str:
    shutil.copy(loaded, tmp_path / "store.sqlite")
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


@pytest.fixture
def versions(tmp_path: Path) -> dict[str, Dataset]:
    return {title: load_data_dir(write_big_data_dir(tmp_path / title[-1], n, offset=offset,
                                                    title=title))
            for title, (n, offset) in VERSIONS.items()}


def _run(url: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"MONOREG_DATABASE_URL": url,
                                                      "COLUMNS": "200"})
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"uncaught {result.exception!r}"
    return result.exit_code, result.stdout, result.stderr


def _whole_version(url: str) -> str:
    """The title of the edition the store holds, checked to be one whole version."""
    store = Store.open(url)
    try:
        edition = store.edition("28", 2030)
    finally:
        store.close()
    n, offset = VERSIONS[edition.title]
    values = sorted(int(o.value) for o in edition.observations
                    if o.indicator == "demandeurs_emploi")
    assert values == list(range(offset, offset + n)), f"{edition.title}: a mix of versions"
    return edition.title


def test_a_backup_taken_while_the_store_is_in_use_restores_exactly(
        store_url: str, other_url: str, versions: dict[str, Dataset], tmp_path: Path) -> None:
    store = Store.open(store_url)
    store.load_dataset(versions["Version A"])
    stop = threading.Event()
    errors: list[BaseException] = []

    def reload_and_read() -> None:
        try:
            i = 0
            while not stop.is_set():
                store.load_dataset(versions[list(VERSIONS)[i % 2]])
                store.edition("28", 2030)
                i += 1
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    thread = threading.Thread(target=reload_and_read)
    thread.start()
    try:
        code, stdout, stderr = _run(store_url, "backup", str(tmp_path / "sauvegarde"))
    finally:
        stop.set()
        thread.join()
    assert not errors, errors
    assert code == 0, stderr
    assert "Sauvegarde écrite" in stdout

    # What the backup holds: one whole version, as a new store restored from it shows.
    code, _, stderr = _run(other_url, "restore", str(tmp_path / "sauvegarde"))
    assert code == 0, stderr
    saved = _whole_version(other_url)

    # Over the other version, while a reader holds the store open: the backup's rows.
    other = next(title for title in VERSIONS if title != saved)
    store.load_dataset(versions[other])
    reader = Store.open(store_url)
    try:
        assert reader.edition("28", 2030).title == other
        code, stdout, stderr = _run(store_url, "restore", str(tmp_path / "sauvegarde"))
        assert code == 0, stderr
        assert "Base restaurée" in stdout
        assert reader.edition("28", 2030).title == saved
    finally:
        reader.close()
        store.close()
    assert _whole_version(store_url) == saved
    # Both stores now hold the backup's rows, load times included.
    assert store_rows(store_url) == store_rows(other_url)


FIRST = "0001"  # the first schema revision: older than this monoreg's


def _sqlite_backup(tmp_path: Path, revision: str | None = None) -> Path:
    """A SQLite backup, by `monoreg backup`, of a store at the first schema revision; with
    `revision`, its alembic_version then says that revision."""
    url = f"sqlite:///{tmp_path / 'source.sqlite'}"
    engine = make_engine(url)
    with transaction(engine) as conn:
        command.upgrade(alembic_config(conn), FIRST)
    engine.dispose()
    assert _run(url, "backup", str(tmp_path / "sauvegarde.sqlite"))[0] == 0
    if revision is not None:
        with sqlite3.connect(tmp_path / "sauvegarde.sqlite") as conn:
            conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    return tmp_path / "sauvegarde.sqlite"


@pytest.mark.parametrize(("revision", "expected"), [
    ("9999", "que ce monoreg ne connaît pas"),          # made by a newer monoreg
    (None, "plus récent que celui de la sauvegarde"),   # the store's schema is newer
])
def test_restore_refuses_a_newer_schema_and_changes_nothing(
        loaded_url: str, tmp_path: Path, revision: str | None, expected: str) -> None:
    sqlite_url = loaded_url
    before = store_rows(sqlite_url)
    backup = _sqlite_backup(tmp_path, revision)
    code, _, stderr = _run(sqlite_url, "restore", str(backup))
    assert code == 1, stderr
    assert expected in stderr and "sauvegarde.sqlite" in stderr
    assert_french_error(stderr)
    assert store_rows(sqlite_url) == before


def test_an_older_backup_restores_into_a_new_store_and_is_brought_up_to_date(
        tmp_path: Path) -> None:
    """The way out the refusal above gives: a new store takes the older schema, then
    migrates it to this monoreg's."""
    backup = _sqlite_backup(tmp_path)
    url = f"sqlite:///{tmp_path / 'neuve.sqlite'}"
    code, stdout, stderr = _run(url, "restore", str(backup))
    assert code == 0, stderr
    assert f"schéma {FIRST}" in stdout
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == \
                ScriptDirectory.from_config(alembic_config(conn)).get_current_head()
    finally:
        engine.dispose()


@pytest.mark.parametrize("content", [b"", b"pas une sauvegarde\n", b"SQLite format 3\x00" +
                                     b"\x00" * 200, b"PK\x03\x04zip"])
def test_restore_refuses_what_is_not_a_backup(loaded_url: str, tmp_path: Path,
                                              content: bytes) -> None:
    sqlite_url = loaded_url
    before = store_rows(sqlite_url)
    path = tmp_path / "sauvegarde.bin"
    path.write_bytes(content)
    code, _, stderr = _run(sqlite_url, "restore", str(path))
    assert code == 1, stderr
    assert "sauvegarde.bin" in stderr
    assert_french_error(stderr)
    assert store_rows(sqlite_url) == before


def test_backup_names_a_missing_folder(sqlite_url: str, tmp_path: Path) -> None:
    code, _, stderr = _run(sqlite_url, "backup", str(tmp_path / "absent" / "s.sqlite"))
    assert code == 2 and "n'existe pas" in stderr
    assert_french_error(stderr)


@pytest.mark.postgres
def test_a_sqlite_backup_is_not_restored_into_postgresql(postgres_url: str,
                                                         tmp_path: Path) -> None:
    store = Store.open(postgres_url)
    store.close()
    before = store_rows(postgres_url)
    code, _, stderr = _run(postgres_url, "restore", str(_sqlite_backup(tmp_path)))
    assert code == 1 and "SQLite" in stderr, stderr
    assert_french_error(stderr)
    assert store_rows(postgres_url) == before
