"""A working copy of the bundled data folder, loaded into the test's store, for the tests that
import a monograph as an edition (it writes data files: never into the project's data/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from import_catalog import PROJECT_DATA
from typer.testing import CliRunner

from monoreg.cli import app


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, store_url: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(PROJECT_DATA, data)
    monkeypatch.setenv("MONOREG_DATA_DIR", str(data))
    monkeypatch.setenv("MONOREG_DATABASE_URL", store_url)
    assert CliRunner().invoke(app, ["load"]).exit_code == 0
    return data
