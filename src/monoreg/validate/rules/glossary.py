"""Reference data: the orientation guide defines in its glossary every acronym it uses."""

from __future__ import annotations

import re
from collections.abc import Iterator

from monoreg.model import Finding, GuidePublic, Severity
from monoreg.model.names import fold
from monoreg.validate.context import Context
from monoreg.validate.registry import rule
from monoreg.validate.wording import quote

FAMILY = "reference"
PARTS = re.compile(r"\s+(?:&|et)\s+")   # 'CAD & FAFCEA', 'APCE et organisations …'


def _key(text: str) -> str:
    return fold(text).upper().strip()


def acronyms(structure: str) -> list[str]:
    """The acronyms a structure of the guide names: a one-word name ('AFPA', 'Agefiph',
    'Vivéa') or the words of two capitals or more in a longer one ('Services RH')."""
    found = []
    for part in PARTS.split(structure.strip()):
        words = part.split()
        if len(words) == 1 and words[0][:1].isupper():
            found.append(words[0])
        elif len(words) > 1:
            found.extend(w for w in words if sum(c.isupper() for c in fold(w)) >= 2)
    return found


@rule("guide-acronym-undefined", Severity.WARNING, FAMILY)
def guide_acronym_undefined(context: Context) -> Iterator[Finding]:
    """Chaque sigle employé dans le guide des structures d'accueil-information-orientation
    (AFPA, MDE, SCUIO, Agefiph…) est défini dans sa légende, sauf les sigles que tout
    lecteur connaît (`common_acronyms`)."""
    guide = context.edition.guide
    if guide is None:
        return
    defined = {_key(a) for g in guide.glossary for a in (g.acronym, *g.acronym.split("/"))}
    defined |= {_key(a) for a in context.settings.common_acronyms}
    used: dict[str, list[GuidePublic]] = {}
    for public in guide.publics:
        for structure in public.structures:
            if _key(structure) in defined:
                continue
            for acronym in acronyms(structure):
                if _key(acronym) not in defined:
                    users = used.setdefault(acronym, [])
                    if public not in users:
                        users.append(public)
    for acronym, publics in used.items():
        names = ", ".join(dict.fromkeys(p.label for p in publics))
        yield context.finding(
            publics[0], f"Sigle {quote(acronym)} employé dans le guide ({names}) mais absent "
                        "de sa légende.",
            printed=acronym, expected=f"une entrée de la légende pour {acronym}",
            related=publics[1:])
