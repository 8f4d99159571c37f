"""Reference data: the guide's acronyms, on SYNTHETIC guides."""

from __future__ import annotations

from validation_builders import edition, guide, run

from monoreg.model import Severity


def test_acronyms_the_glossary_does_not_define() -> None:
    ed = edition(guide=guide(structures=("CIO", "AFPA", "chambres d'agriculture & Vivéa",
                                         "Services RH et formation de l'entreprise", "CE"),
                             glossary=("CIO",)))
    findings = run(ed, "guide-acronym-undefined")
    assert [(f.printed, f.severity) for f in findings] == [
        ("AFPA", Severity.WARNING), ("Vivéa", Severity.WARNING), ("CE", Severity.WARNING)]
    assert findings[0].section == "guide-orientation"


def test_acronyms_defined_in_any_spelling() -> None:
    ed = edition(guide=guide(structures=("Apec", "MEF", "ME", "Pôle emploi", "Cap emploi",
                                         "CAD & FAFCEA", "Cité des métiers"),
                             glossary=("APEC", "ME/MEF", "Cap emploi", "CAD", "FAFCEA")))
    assert run(ed, "guide-acronym-undefined") == []
    assert run(edition(), "guide-acronym-undefined") == []     # no guide
