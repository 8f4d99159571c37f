"""Bodies renamed since a print: the monograph and the portal say so next to the old name,
which stays as printed (a directory is dated, not rewritten)."""

from __future__ import annotations

from collections.abc import Iterable

from monoreg.model.names import fold

# (name as printed, the sentence readers get). Sources: loi n° 2023-1196 du 18 décembre 2023
# pour le plein emploi (France Travail au 1er janvier 2024); décret n° 2020-1545 du
# 9 décembre 2020 (DREETS au 1er avril 2021, à la place des DIRECCTE).
RENAMED = (
    ("Pôle emploi", "Pôle emploi s’appelle France Travail depuis le 1er janvier 2024."),
    ("DIRECCTE", "Les DIRECCTE sont devenues les DREETS le 1er avril 2021."),
)


def renamings(texts: Iterable[str | None]) -> list[str]:
    """The notes for the renamed bodies these texts name."""
    haystack = fold(" ".join(t for t in texts if t))
    return [note for name, note in RENAMED if fold(name) in haystack]
