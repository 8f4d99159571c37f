"""A store file that is not a database, or a damaged one: commands refuse it with one message
(exit 2: MONOREG_DATABASE_URL names a wrong store), no traceback, and write nothing over it.
In-process: an uncaught exception, what the real command prints as a traceback, shows as
`result.exception`."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from french_errors import assert_french_error
from synthetic import write_data_dir
from typer.testing import CliRunner

from monoreg.cli import app
from monoreg.loading import load
from monoreg.store.repository import Store


def _text(good: bytes) -> bytes:
    return b"not a database\n"


def _noise(good: bytes) -> bytes:
    return random.Random(0).randbytes(len(good))


def _truncated(good: bytes) -> bytes:
    return good[: len(good) // 2]


@pytest.mark.parametrize(("damage", "command"), [
    (_text, ["show", "normandie"]), (_noise, ["show", "normandie"]),
    (_truncated, ["show", "normandie"]), (_truncated, ["load"]),
], ids=["text-show", "random-bytes-show", "truncated-show", "truncated-load"])
def test_a_damaged_store_is_refused_and_left_alone(
        tmp_path: Path, damage: Callable[[bytes], bytes], command: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "store.sqlite"
    store = Store.open(f"sqlite:///{path}")
    data = write_data_dir(tmp_path)
    load(store, data)
    store.close()  # the last connection folds the write-ahead log into the file
    path.write_bytes(damage(path.read_bytes()))
    damaged = path.read_bytes()

    monkeypatch.setenv("MONOREG_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("MONOREG_DATA_DIR", str(data))
    result = CliRunner().invoke(app, command)
    assert isinstance(result.exception, SystemExit), f"uncaught {result.exception!r}"
    assert result.exit_code == 2, result.output
    assert "impossible d'ouvrir la base de données" in result.stderr
    assert_french_error(result.stderr)
    assert path.read_bytes() == damaged
