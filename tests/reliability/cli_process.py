"""Running the real `monoreg` command in a subprocess: real exit codes, real stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from french_errors import assert_french_error

MONOREG = Path(sys.executable).with_name("monoreg")
# A guard against a hang (a parser stuck on hostile input), not a speed target.
HANG_GUARD_SECONDS = 120


def monoreg_env(database_url: str, data_dir: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONOREG_")}
    env["MONOREG_DATABASE_URL"] = database_url
    if data_dir is not None:
        env["MONOREG_DATA_DIR"] = str(data_dir)
    env["COLUMNS"] = "200"  # Rich wraps messages at the terminal width; keep them on one line
    return env


def run_monoreg(args: Sequence[str], env: dict[str, str],
                cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(MONOREG), *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=HANG_GUARD_SECONDS, check=False)


def spawn_monoreg(args: Sequence[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([str(MONOREG), *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def assert_input_error(result: subprocess.CompletedProcess[str], *where: str) -> None:
    """Exit 1, one message on stderr naming each of `where`, and no Python traceback."""
    output = result.stdout + result.stderr
    assert result.returncode == 1, f"exit {result.returncode}\n{output}"
    assert "Traceback" not in output, output
    for fragment in where:
        assert fragment in result.stderr, f"{fragment!r} not in stderr:\n{result.stderr}"
    assert_french_error(result.stderr)
