"""The store the importer tests start from: the bundled data loaded into SQLite."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from store_rows import StoreRows

IMPORT_CORPUS = Path(__file__).parent / "corpus" / "importers"


@dataclass(frozen=True)
class ImportStore:
    file: Path          # copied for every case
    rows: StoreRows     # what a refused import must leave

    @property
    def url(self) -> str:
        return f"sqlite:///{self.file}"
