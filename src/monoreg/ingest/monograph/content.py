"""Lists, contacts, texts and facts of a monograph section (filled in next)."""

from __future__ import annotations

from typing import Any

from monoreg.ingest.monograph.layout import ContentFile
from monoreg.ingest.monograph.report import ImportReport
from monoreg.ingest.monograph.sections import SectionText
from monoreg.model import Territory


def read_content(section: SectionText, spec: ContentFile, region: Territory, file: str,
                 source: str | None, report: ImportReport) -> dict[str, list[Any]]:
    return {}
