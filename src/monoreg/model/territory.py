"""Territories: France, the perimeters sources use, and the 18 regions."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from monoreg.model.names import slugify


class TerritoryKind(StrEnum):
    COUNTRY = "country"
    PERIMETER = "perimeter"
    REGION = "region"


@dataclass(frozen=True)
class Territory:
    """A territory a figure is about. Regions use their INSEE code ('28')."""

    code: str
    name: str
    kind: TerritoryKind
    slug: str = ""
    aliases: tuple[str, ...] = ()
    chief_town: str | None = None
    metropolitan: bool = True
    description: str | None = None

    def __post_init__(self) -> None:
        if not self.slug:
            object.__setattr__(self, "slug", slugify(self.name))

    @property
    def is_region(self) -> bool:
        return self.kind is TerritoryKind.REGION

    @property
    def is_national(self) -> bool:
        return self.kind is not TerritoryKind.REGION


@dataclass(frozen=True)
class TerritoryIndex:
    """Finds a territory from what a user or a document writes: code, name, slug or alias."""

    territories: tuple[Territory, ...]
    _by_key: Annotated[dict[str, Territory], Field(exclude=True)] = field(
        default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for territory in self.territories:
            for key in (territory.code, territory.name, territory.slug, *territory.aliases):
                self._by_key.setdefault(slugify(key), territory)

    def find(self, text: str) -> Territory | None:
        return self._by_key.get(slugify(text))

    def get(self, code: str) -> Territory:
        for territory in self.territories:
            if territory.code == code:
                return territory
        raise KeyError(code)

    @property
    def regions(self) -> tuple[Territory, ...]:
        return tuple(t for t in self.territories if t.is_region)
