"""Sections of a monograph, in print order (data/reference/sections.yaml)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    id: str
    title: str        # French title as printed in the monograph
    order: int
