"""One settings object; nothing else in monoreg reads the environment."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from monoreg.errors import UsageError

PACKAGE_ROOT = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_ROOT.parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MONOREG_", extra="ignore")

    database_url: str | None = None
    data_dir: Path = PROJECT_ROOT / "data"
    var_dir: Path = PROJECT_ROOT / "var"
    admin_token: str | None = None
    # An import whose count of records falls below this share of the previous import of the
    # same source is refused unless confirmed (--accept-drop): a cut download, not a change.
    import_drop_limit: float = Field(0.5, gt=0, le=1)
    # TEST ONLY (MONOREG_FAULT_PAUSE_AT): the name of a step (FAULT_STEPS) at which a load or
    # an import stops, says so on stderr and waits to be killed, so that the crash-safety
    # tests kill it at a known point instead of watching for a window. Never set it in use.
    fault_pause_at: str | None = None

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        self.var_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{self.var_dir / 'monoreg.sqlite'}"


def get_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as error:  # a setting mistyped in the environment
        first = error.errors()[0]
        name = "MONOREG_" + str(first["loc"][0]).upper() if first["loc"] else "MONOREG_…"
        hint = ("un nombre écrit avec un point, au plus 1 et plus que 0, par exemple 0.5"
                if first["type"].startswith(("float", "greater", "less")) else
                "une valeur de la forme que décrit docs/cli-contract.md")
        raise UsageError(f"{name} vaut « {first.get('input')} » : attendu {hint}") from None


FAULT_STEPS = {
    "load-written": "a load has written every figure, inside its transaction",
    "import-written": "an import has written its batch, inside its transaction",
    "of-list-counting": "an OF-list import has started the processes that count it",
}


def fault_point(step: str) -> None:
    """Stop here when the test-only setting `fault_pause_at` names this step: print a line
    on stderr and wait for a signal (the test kills the process)."""
    assert step in FAULT_STEPS, step
    if get_settings().fault_pause_at != step:
        return
    sys.stderr.write(f"monoreg: pause de test à l'étape {step}\n")
    sys.stderr.flush()
    while True:
        signal.pause()
