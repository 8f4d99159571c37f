"""What an import of a monograph recognised, could not place, and had to cut, for the editor
who checks it: every entry names its line (and page, for a PDF)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ImportReport:
    sections: list[dict[str, Any]] = field(default_factory=list)   # recognised, with lines
    missing: list[str] = field(default_factory=list)               # layout sections not found
    unplaced: list[dict[str, Any]] = field(default_factory=list)   # figures with no place
    cuts: list[dict[str, Any]] = field(default_factory=list)       # runs read as several cells
    not_imported: list[dict[str, Any]] = field(default_factory=list)  # parts no section reads
    warnings: list[dict[str, Any]] = field(default_factory=list)

    def unplace(self, section: str, line: int, page: int | None, text: str,
                reason: str) -> None:
        self.unplaced.append({"section": section, "line": line, "page": page, "text": text,
                              "reason": reason})

    def cut(self, section: str, line: int, page: int | None, piece: str,
            cells: tuple[str, ...], alternatives: int) -> None:
        self.cuts.append({"section": section, "line": line, "page": page, "printed": piece,
                          "cells": list(cells), "alternatives": alternatives})

    def warn(self, section: str, line: int | None, message: str) -> None:
        self.warnings.append({"section": section, "line": line, "message": message})

    def as_json(self) -> dict[str, Any]:
        return {"sections": self.sections, "missing_sections": self.missing,
                "unplaced": self.unplaced, "cut_cells": self.cuts,
                "not_imported": self.not_imported, "warnings": self.warnings}
