"""An edition's validation report and the status shown on its page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from monoreg.web import models as m
from monoreg.web.portal import Portal
from monoreg.web.services.shared import (
    edition_model,
    edition_summary,
    find_region,
    region_ref,
    region_url,
)


def validation_status(findings: Sequence[Any], url: str) -> m.ValidationStatus:
    open_ = [f for f in findings if not f.resolved]
    return m.ValidationStatus(
        errors=sum(f.severity.value == "error" for f in open_),
        warnings=sum(f.severity.value == "warning" for f in open_),
        infos=sum(f.severity.value == "info" for f in open_),
        accepted=len(findings) - len(open_), url=url)



def validation_report(portal: Portal, slug: str, year: int) -> m.ValidationReport:
    snapshot = portal.snapshot()
    territory = find_region(snapshot, slug)
    summary = edition_summary(snapshot, territory, year)
    assert summary is not None
    findings = snapshot.findings(summary)
    url = f"{region_url(territory)}/{year}/validation"
    return m.ValidationReport(
        region=region_ref(territory), edition=edition_model(snapshot, summary),
        status=validation_status(findings, url),
        findings=[m.Finding(rule=f.rule, severity=f.severity.value, message=f.message,
                            section=f.section, indicator=f.indicator, territory=f.territory,
                            period=f.period, printed=f.printed, expected=f.expected,
                            location=f.location, accepted=f.accepted) for f in findings])
