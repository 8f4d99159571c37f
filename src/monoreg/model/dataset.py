"""Everything the data files hold, checked and typed: what `monoreg load` stores."""

from __future__ import annotations

from dataclasses import dataclass

from monoreg.model.catalog import Catalog
from monoreg.model.edition import Edition
from monoreg.model.observation import Observation


@dataclass(frozen=True)
class SeriesBatch:
    """Official series read from one file (INSEE), each figure with its source."""

    name: str
    file: str
    sha256: str
    observations: tuple[Observation, ...]


@dataclass(frozen=True)
class Dataset:
    catalog: Catalog
    editions: tuple[Edition, ...]
    series: tuple[SeriesBatch, ...]
