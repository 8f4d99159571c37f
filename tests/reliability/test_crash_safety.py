"""Crash safety: a load or an import killed midway leaves the store as it was; readers never
see half a load; two loads at once run one after the other.

On SQLite and on PostgreSQL. The kill lands at a known step: the command is run with the
test-only setting MONOREG_FAULT_PAUSE_AT (settings.fault_point), stops there, says so on
stderr and waits; the test reads that line, checks that the writer is inside its transaction
(SQLite: the write lock is held; PostgreSQL: the writer's session has a transaction open),
then kills it. No timer and no polling window. The edition and offers are SYNTHETIC
(tests/reliability/big_inputs.py).
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import psutil
from big_inputs import write_big_data_dir, write_big_lheo, write_big_of_list
from cli_process import monoreg_env, spawn_monoreg
from import_runs import IMPORT_CORPUS, ImportStore
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool
from store_rows import store_rows
from synthetic import write_data_dir

from monoreg.importing import store_batch
from monoreg.ingest.datafiles.data_folder import load_data_dir
from monoreg.ingest.lheo import read_lheo
from monoreg.ingest.of_list import PARALLEL_BYTES
from monoreg.loading import load
from monoreg.settings import FAULT_STEPS, PROJECT_ROOT
from monoreg.store.db import pooled_engine
from monoreg.store.repository import Store

FIGURES = 3_000       # figures of the edition the killed load writes
OFFER = 500           # formations of the offer the killed import writes
WAIT = 120.0          # a guard against a hang, not a speed target


def _sqlite_file(url: str) -> Path:
    return Path(make_url(url).database or "")


def _sqlite_writer_inside(url: str) -> bool:
    """Another connection holds the write lock (BEGIN IMMEDIATE cannot take it)."""
    probe = sqlite3.connect(_sqlite_file(url), timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as error:
        assert "locked" in str(error), error
        return True
    finally:
        probe.close()


def _postgres_writer_inside(url: str) -> bool:
    """Another session of this database has a transaction open and has written in it."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return bool(conn.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL")).scalar())
    finally:
        engine.dispose()


def _writer_inside(url: str) -> bool:
    return (_sqlite_writer_inside if url.startswith("sqlite") else _postgres_writer_inside)(url)


def test_sqlite_store_uses_write_ahead_logging(sqlite_url: str, data_dir: Path) -> None:
    Store.open(sqlite_url).close()
    with sqlite3.connect(_sqlite_file(sqlite_url)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _paused_at(step: str, args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    """Run the command until it stops at `step` (its line on stderr), and return it."""
    assert step in FAULT_STEPS
    process = spawn_monoreg(args, {**env, "MONOREG_FAULT_PAUSE_AT": step})
    assert process.stderr is not None
    said = ""
    while (line := process.stderr.readline()) and step not in line:
        said += line
    if not line:  # the command ended without reaching the step
        process.wait(WAIT)
        raise AssertionError(f"{args[0]} ended (exit {process.returncode}) before {step}: "
                             f"{said}")
    return process


def _kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=WAIT)
    assert process.returncode == -signal.SIGKILL


def test_load_killed_inside_its_transaction_leaves_the_store_as_it_was(
        store_url: str, tmp_path: Path) -> None:
    small = load_data_dir(write_data_dir(tmp_path / "small"))
    store = Store.open(store_url)
    store.load_dataset(small)
    edition = store.edition("28", 2030)
    before = store_rows(store_url)
    big = write_big_data_dir(tmp_path / "big", FIGURES)

    process = _paused_at("load-written", ["load"], monoreg_env(store_url, big))
    assert _writer_inside(store_url)  # every figure written, nothing committed
    _kill(process)
    try:
        assert store_rows(store_url) == before
        # Still usable: it reads back, and takes the next load.
        assert store.edition("28", 2030) == edition
        store.load_dataset(small)
        assert store.edition("28", 2030) == edition
    finally:
        store.close()


def test_import_killed_inside_its_transaction_leaves_the_store_as_it_was(
        store_url: str, tmp_path: Path) -> None:
    store = Store.open(store_url)
    load(store, PROJECT_ROOT / "data")   # the importers' catalogue, as users have it
    before = store_rows(store_url)
    offer = write_big_lheo(tmp_path / "offre.xml", OFFER)

    process = _paused_at("import-written", ["import", "lheo", str(offer), "--date",
                                            "2024-01-01"], monoreg_env(store_url))
    assert _writer_inside(store_url)
    _kill(process)
    try:
        assert store_rows(store_url) == before
        # Still usable: the next import goes through.
        store_batch(store, read_lheo(IMPORT_CORPUS / "valid" / "lheo.synthetic.xml",
                                     store.catalog(), "2024-01-01"))
        assert store.observations(indicators=["nombre_actions_lheo"])
    finally:
        store.close()


def test_an_import_killed_midway_leaves_no_process_behind(import_store: ImportStore,
                                                         tmp_path: Path) -> None:
    """The OF list is counted by several processes: none may outlive a killed import."""
    megabytes = PARALLEL_BYTES // (1 << 20) + 1  # just big enough to be counted in parallel
    big = write_big_of_list(tmp_path / "liste.csv",
                            IMPORT_CORPUS / "valid" / "of-list.synthetic.csv", megabytes)
    shutil.copy(import_store.file, tmp_path / "store.sqlite")
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    process = _paused_at("of-list-counting", ["import", "of-list", str(big), "--date",
                                              "2024-01-01"], monoreg_env(url))
    workers = psutil.Process(process.pid).children(recursive=True)
    assert workers, "the import counts with worker processes (more than one core here?)"
    process.send_signal(signal.SIGKILL)
    process.wait()  # not communicate(): a worker left running would hold the pipes open
    try:
        _, alive = psutil.wait_procs(workers, timeout=WAIT)
        assert not alive, f"workers left running: {[w.pid for w in alive]}"
    finally:
        for worker in workers:  # started by this test: never leave them behind
            with contextlib.suppress(psutil.NoSuchProcess):
                worker.kill()
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()
    assert store_rows(url) == import_store.rows


# Two versions of the edition, told apart by their title, their number of figures and their
# values. Small, so that many loads commit while the reader reads: a read that straddles a
# commit is what would mix them.
VERSIONS = {"Version A": (100, 0), "Version B": (150, 1_000_000)}  # figures, first value
RELOADS = 60


def _check_whole(edition_title: str, values: list[int]) -> None:
    n, offset = VERSIONS[edition_title]
    assert values == list(range(offset, offset + n)), \
        f"{edition_title} read with {len(values)} figures, some of another version"


def test_readers_see_the_old_or_the_new_edition_never_a_mix(store_url: str,
                                                           tmp_path: Path) -> None:
    """A connection per query, as the commands read."""
    _reader_sees_whole_editions(store_url, tmp_path, pooled=False)


def test_the_portals_pooled_readers_see_whole_editions_too(sqlite_url: str,
                                                          tmp_path: Path) -> None:
    """The portal's pool of connections (store.db.pooled_engine: SQLite only, other
    databases pool already)."""
    _reader_sees_whole_editions(sqlite_url, tmp_path, pooled=True)


def _reader_sees_whole_editions(store_url: str, tmp_path: Path, *, pooled: bool) -> None:
    datasets = [load_data_dir(write_big_data_dir(tmp_path / title[-1], n, offset=offset,
                                                 title=title))
                for title, (n, offset) in VERSIONS.items()]
    writer_store, reader_store = Store.open(store_url), Store.open(store_url)
    if pooled:
        reader_store = Store(pooled_engine(reader_store.engine))
    writer_store.load_dataset(datasets[0])
    done = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            for i in range(1, RELOADS + 1):
                writer_store.load_dataset(datasets[i % 2])
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            done.set()

    seen: dict[str, int] = {}
    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while not done.is_set():
            edition = reader_store.edition("28", 2030)
            _check_whole(edition.title, sorted(int(o.value) for o in edition.observations
                                               if o.indicator == "demandeurs_emploi"))
            seen[edition.title] = seen.get(edition.title, 0) + 1
            time.sleep(0.001)  # let the writer thread run: the reads hold the GIL otherwise
    finally:
        thread.join()
        writer_store.close()
        reader_store.close()
    assert not errors, errors
    # Both versions were read while the loads ran, so reads did overlap the commits.
    assert set(seen) == set(VERSIONS), seen


def test_two_loads_at_once_both_succeed_one_after_the_other(store_url: str,
                                                           tmp_path: Path) -> None:
    datasets = [load_data_dir(write_big_data_dir(tmp_path / title[-1], n, offset=offset,
                                                 title=title))
                for title, (n, offset) in VERSIONS.items()]
    stores = [Store.open(store_url) for _ in datasets]
    errors: list[BaseException] = []

    def writer(store: Store, first: int) -> None:
        try:
            for i in range(RELOADS // 4):
                store.load_dataset(datasets[(first + i) % 2])
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(store, i)) for i, store in enumerate(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert not errors, errors
        edition = stores[0].edition("28", 2030)
        _check_whole(edition.title, sorted(int(o.value) for o in edition.observations
                                           if o.indicator == "demandeurs_emploi"))
        assert len(stores[0].editions()) == 1
    finally:
        for store in stores:
            store.close()
