"""One settings object; nothing else in monoreg reads the environment.

Where the data files and the store are, in order:
- data: MONOREG_DATA_DIR; else, running from a checkout, its data/; else the sample data
  packaged with monoreg (the Normandie edition), read-only — `monoreg init DIR` copies it to
  a working folder.
- store: MONOREG_DATABASE_URL; else a SQLite file in MONOREG_VAR_DIR, which defaults to the
  checkout's var/, or from an installed package to the user's data directory (platformdirs:
  ~/.local/share/monoreg on Linux).
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import platformdirs
from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from monoreg.errors import UsageError

PACKAGE_ROOT = Path(__file__).resolve().parent
# The checkout, when running from one (tests and benches use its data/); see checkout_root().
PROJECT_ROOT = PACKAGE_ROOT.parent.parent
# The wheel carries data/ as monoreg/sample_data (setup.py); a checkout has it at its root.
SAMPLE_DATA_DIR = PACKAGE_ROOT / "sample_data"


def checkout_root() -> Path | None:
    """The source checkout monoreg runs from (src/monoreg/ under a pyproject.toml), if any."""
    if PACKAGE_ROOT.parent.name == "src" and (PROJECT_ROOT / "pyproject.toml").is_file():
        return PROJECT_ROOT
    return None


def _default_data_dir() -> Path:
    root = checkout_root()
    return root / "data" if root is not None else SAMPLE_DATA_DIR


def _default_var_dir() -> Path:
    root = checkout_root()
    return root / "var" if root is not None else Path(platformdirs.user_data_dir("monoreg"))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MONOREG_", extra="ignore")

    database_url: str | None = None
    data_dir: Path = Field(default_factory=_default_data_dir)
    var_dir: Path = Field(default_factory=_default_var_dir)
    admin_token: str | None = None
    # The portal's response cache (entries) and its worker processes (None: one per CPU,
    # see web/server.py).
    cache_size: int = 512
    workers: int | None = None
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


def sample_data_dir() -> Path:
    """The sample data: packaged with an installed monoreg, the checkout's data/ otherwise."""
    root = checkout_root()
    return SAMPLE_DATA_DIR if root is None or SAMPLE_DATA_DIR.is_dir() else root / "data"


def is_packaged_sample(data_dir: Path) -> bool:
    return data_dir.resolve() == SAMPLE_DATA_DIR.resolve()


def writable_data_dir(data_dir: Path) -> Path:
    """The data folder a command is about to write into; never the packaged sample."""
    if is_packaged_sample(data_dir):
        raise UsageError(
            "les données d'exemple livrées avec monoreg sont en lecture seule : créez un "
            "dossier de travail avec « monoreg init DOSSIER », puis donnez-le par "
            "MONOREG_DATA_DIR=DOSSIER ou --data DOSSIER")
    return data_dir
