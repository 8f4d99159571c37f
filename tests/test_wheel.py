"""monoreg works from a wheel, from any folder, with no data directory given.

The wheel is built from this checkout without network (no build isolation: setuptools and
wheel come with the test extra) and installed without dependencies into a fresh venv that
sees the test environment's packages through a plain .pth line — plain, so that the editable
install of this checkout found there is not processed and the wheel's monoreg is the one run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
         ok: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=600)
    if ok:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The venv's bin/ folder, monoreg installed in it from a wheel of this checkout."""
    base = tmp_path_factory.mktemp("wheel")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", base / "dist", ROOT, cwd=base)
    (wheel,) = (base / "dist").glob("monoreg-*.whl")
    venv = base / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    site = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    Path(site.stdout.strip(), "test-env.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", wheel)
    return venv / "bin"


def _user_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONOREG_")}
    return {**env, "HOME": str(home), "XDG_DATA_HOME": str(home / "share")}


def test_the_wheel_runs_from_an_empty_folder(installed: Path, tmp_path: Path) -> None:
    here = tmp_path / "empty"
    here.mkdir()
    env = _user_env(tmp_path / "home")
    monoreg = installed / "monoreg"
    where = _run(installed / "python", "-c", "import monoreg; print(monoreg.__file__)",
                 cwd=here, env=env)
    assert str(installed.parent) in where.stdout   # the wheel's monoreg, not the checkout's

    assert "1 édition(s)" in _run(monoreg, "load", cwd=here, env=env).stdout
    shown = _run(monoreg, "show", "normandie", "--format", "json", cwd=here, env=env)
    assert '"indicator"' in shown.stdout
    _run(monoreg, "validate", "normandie", "--format", "json", cwd=here, env=env)
    _run(monoreg, "build", "normandie", "--proof", cwd=here, env=env)
    store = tmp_path / "home" / "share" / "monoreg"
    assert (store / "monoreg.sqlite").is_file()
    pdfs = list((store / "build").rglob("*.pdf"))
    assert pdfs and pdfs[0].read_bytes().startswith(b"%PDF")
    assert list(here.iterdir()) == []              # nothing written where the user stands


def test_the_packaged_sample_is_read_only(installed: Path, tmp_path: Path) -> None:
    env = _user_env(tmp_path / "home")
    monoreg = installed / "monoreg"
    refused = _run(monoreg, "edition", "new", "normandie", "2021", cwd=tmp_path, env=env,
                   ok=False)
    assert refused.returncode == 2
    assert "monoreg init" in refused.stderr and "Traceback" not in refused.stderr

    _run(monoreg, "init", tmp_path / "travail", cwd=tmp_path, env=env)
    assert (tmp_path / "travail" / "reference" / "indicators.yaml").is_file()
    work = {**env, "MONOREG_DATA_DIR": str(tmp_path / "travail")}
    _run(monoreg, "edition", "new", "normandie", "2021", cwd=tmp_path, env=work)
    assert (tmp_path / "travail" / "editions" / "normandie" / "2021").is_dir()


def test_version(installed: Path) -> None:
    import monoreg

    assert _run(installed / "monoreg", "--version").stdout.strip() == \
        f"monoreg {monoreg.__version__}"
