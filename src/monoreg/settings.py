"""One settings object; nothing else in monoreg reads the environment."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

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
    import_drop_limit: float = 0.5

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        self.var_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{self.var_dir / 'monoreg.sqlite'}"


def get_settings() -> Settings:
    return Settings()
