"""Broken and hostile data files: `monoreg load` refuses each one cleanly.

Every case: exit 1, a message naming the file (and the line and field where there is one),
no traceback, and a store left exactly as it was, row for row. The data folder is the
SYNTHETIC one of tests/synthetic.py with one file replaced.

The whole matrix runs in-process (CliRunner: an uncaught exception would show as
`result.exception`, which is what prints a traceback from the real command); one case of
each kind also runs through the real `monoreg` executable in a subprocess.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from cli_process import assert_input_error, monoreg_env, run_monoreg
from corruptions import CORRUPTIONS, Corruption
from french_errors import assert_french_error
from store_rows import StoreRows, store_rows
from synthetic import write_data_dir
from typer.testing import CliRunner

from monoreg.cli import app

CORPUS = Path(__file__).parent / "corpus" / "datafiles"
EDITION = "editions/normandie/2030"
# Every file of the synthetic data folder (tests/synthetic.py).
DATA_FILES = (
    "reference/regions.csv", "reference/perimeters.csv", "reference/units.csv",
    "reference/sections.yaml", "reference/indicators.yaml", "reference/sources.yaml",
    f"{EDITION}/edition.yaml", f"{EDITION}/observations.csv", f"{EDITION}/evolutions.csv",
    f"{EDITION}/lists.yaml", f"{EDITION}/contacts.yaml", f"{EDITION}/texts.yaml",
    f"{EDITION}/directory.yaml", f"{EDITION}/guide.yaml",
    "series/series.yaml", "series/population.csv",
)
# The pure-Python YAML scanner takes over a second on a 5 MB line: one YAML file is enough
# to show the refusal, every CSV file is cheap.
LONG_LINE_FILES = (*(f for f in DATA_FILES if f.endswith(".csv")), f"{EDITION}/edition.yaml")


@dataclass(frozen=True)
class BrokenFile:
    path: Path
    replaces: str
    expect: tuple[str, ...]


def _corpus() -> list[BrokenFile]:
    cases = []
    for path in sorted(CORPUS.iterdir()):
        text = path.read_text(encoding="utf-8")
        replaces = re.search(r"^# replaces: (.*)$", text, re.MULTILINE)
        expect = tuple(re.findall(r"^# expect: (.*)$", text, re.MULTILINE))
        assert replaces and expect, f"{path.name}: no '# replaces:' or '# expect:' line"
        cases.append(BrokenFile(path, replaces.group(1), expect))
    return cases


CORPUS_CASES = _corpus()


@dataclass(frozen=True)
class Baseline:
    store: Path
    rows: StoreRows


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Baseline:
    """A store loaded from the good synthetic folder by the real command."""
    root = tmp_path_factory.mktemp("baseline")
    url = f"sqlite:///{root / 'store.sqlite'}"
    result = run_monoreg(["load"], monoreg_env(url, write_data_dir(root)))
    assert result.returncode == 0, result.stderr
    return Baseline(root / "store.sqlite", store_rows(url))


@pytest.fixture
def workspace(tmp_path: Path, baseline: Baseline) -> tuple[Path, str]:
    """A fresh synthetic data folder and a copy of the loaded store."""
    shutil.copy(baseline.store, tmp_path / "store.sqlite")
    return write_data_dir(tmp_path), f"sqlite:///{tmp_path / 'store.sqlite'}"


def _load_in_process(monkeypatch: pytest.MonkeyPatch, data_dir: Path, url: str) -> tuple[
        int, str, BaseException | None]:
    monkeypatch.setenv("MONOREG_DATA_DIR", str(data_dir))
    monkeypatch.setenv("MONOREG_DATABASE_URL", url)
    result = CliRunner().invoke(app, ["load"], env={"COLUMNS": "200"})
    return result.exit_code, result.stderr, result.exception


def _assert_refused_in_process(monkeypatch: pytest.MonkeyPatch, data_dir: Path, url: str,
                               baseline: Baseline, *where: str) -> None:
    code, stderr, exception = _load_in_process(monkeypatch, data_dir, url)
    assert isinstance(exception, SystemExit), f"uncaught {exception!r}"
    assert code == 1, stderr
    for fragment in where:
        assert fragment in stderr, f"{fragment!r} not in: {stderr}"
    assert_french_error(stderr)
    assert store_rows(url) == baseline.rows


@pytest.mark.parametrize("case", CORPUS_CASES, ids=[c.path.name for c in CORPUS_CASES])
def test_corpus_file_is_refused(case: BrokenFile, workspace: tuple[Path, str],
                                baseline: Baseline, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir, url = workspace
    shutil.copy(case.path, data_dir / case.replaces)
    _assert_refused_in_process(monkeypatch, data_dir, url, baseline, *case.expect)


def _corruption_cases() -> list[tuple[str, Corruption]]:
    return [(target, corruption) for corruption in CORRUPTIONS for target in DATA_FILES
            if corruption.name != "5-mb-line" or target in LONG_LINE_FILES]


@pytest.mark.parametrize(("target", "corruption"), _corruption_cases(),
                         ids=[f"{c.name}:{t}" for t, c in _corruption_cases()])
def test_corrupted_file_is_refused(target: str, corruption: Corruption,
                                   workspace: tuple[Path, str], baseline: Baseline,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir, url = workspace
    path = data_dir / target
    broken = corruption.apply(path.read_bytes(), path.name)
    if broken is None:  # e.g. Latin-1 on a pure-ASCII file: nothing to break
        return
    path.write_bytes(broken)
    line = corruption.line(broken)
    where = target + (f", ligne {line}" if line else "")
    if corruption.always_an_error:
        _assert_refused_in_process(monkeypatch, data_dir, url, baseline, where)
        return
    # A truncated file may still be a valid, shorter file; it must never crash the load.
    code, stderr, exception = _load_in_process(monkeypatch, data_dir, url)
    assert isinstance(exception, SystemExit | None), f"uncaught {exception!r}"
    if code != 0:
        assert code == 1 and target in stderr, stderr
        assert store_rows(url) == baseline.rows


# One case of each kind through the real executable: real exit code, real stderr.
REAL_PROCESS_CASES = (
    ("corpus", "observations-unbalanced-quote.csv"),
    ("corpus", "lists-alias-bomb.yaml"),
    ("binary", f"{EDITION}/observations.csv"),
    ("latin-1", f"{EDITION}/texts.yaml"),
    ("5-mb-line", f"{EDITION}/observations.csv"),
)


@dataclass(frozen=True)
class RealRun:
    result: subprocess.CompletedProcess[str]
    where: tuple[str, ...]
    store_url: str


def _real_run(kind: str, name: str, root: Path, baseline: Baseline) -> RealRun:
    root.mkdir()
    data_dir = write_data_dir(root)
    shutil.copy(baseline.store, root / "store.sqlite")
    url = f"sqlite:///{root / 'store.sqlite'}"
    if kind == "corpus":
        case = next(c for c in CORPUS_CASES if c.path.name == name)
        shutil.copy(case.path, data_dir / case.replaces)
        where = case.expect
    else:
        corruption = next(c for c in CORRUPTIONS if c.name == kind)
        path = data_dir / name
        broken = corruption.apply(path.read_bytes(), path.name)
        assert broken is not None
        path.write_bytes(broken)
        line = corruption.line(broken)
        where = (name + (f", ligne {line}" if line else ""),)
    return RealRun(run_monoreg(["load"], monoreg_env(url, data_dir)), where, url)


@pytest.fixture(scope="module")
def real_runs(tmp_path_factory: pytest.TempPathFactory,
              baseline: Baseline) -> dict[tuple[str, str], RealRun]:
    """All real-process cases at once: each is a separate process on its own copies."""
    root = tmp_path_factory.mktemp("real")
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {case: pool.submit(_real_run, *case, root / f"case{i}", baseline)
                   for i, case in enumerate(REAL_PROCESS_CASES)}
        return {case: future.result() for case, future in futures.items()}


@pytest.mark.parametrize("case", REAL_PROCESS_CASES,
                         ids=[f"{k}:{n}" for k, n in REAL_PROCESS_CASES])
def test_real_command_refuses(case: tuple[str, str], real_runs: dict[tuple[str, str], RealRun],
                              baseline: Baseline) -> None:
    run = real_runs[case]
    assert_input_error(run.result, *run.where)
    assert store_rows(run.store_url) == baseline.rows
