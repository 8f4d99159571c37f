"""Writers of the validation report: JSON (the shape of docs/cli-contract.md, with more
fields) and HTML (a Jinja2 template). The terminal table is written by the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from monoreg.model.codec import to_data
from monoreg.validate.report import Entry, Report

_ENV = Environment(loader=PackageLoader("monoreg.validate", "templates"),
                   autoescape=select_autoescape(["html", "j2"]), trim_blocks=True,
                   lstrip_blocks=True)


def entry_data(entry: Entry) -> dict[str, Any]:
    f = entry.finding
    return {
        "rule": f.rule, "severity": f.severity.value, "message": f.message,
        "section": f.section, "indicator": f.indicator, "territory": f.territory,
        "period": f.period, "printed": f.printed, "expected": f.expected,
        "location": f.location, "accepted": f.accepted, "origin": f.origin,
        "related": list(f.related), "resolved": f.resolved,
        "resolution": None if f.resolution is None else to_data(f.resolution),
        "section_title": entry.section_title,
        "family": entry.family, "rule_doc": entry.rule_doc,
    }


def report_data(report: Report) -> dict[str, Any]:
    counts = report.counts
    return {
        "edition": {"region": report.region, "region_name": report.region_name,
                    "year": report.year, "title": report.title, "cutoff": report.cutoff,
                    "synthetic": report.synthetic},
        # errors, warnings and infos count the findings nobody resolved; `accepted` counts
        # the resolved ones (a resolution or an `accept`), whatever the decision.
        "summary": {"errors": counts.errors, "warnings": counts.warnings,
                    "infos": counts.infos, "accepted": counts.accepted},
        "findings": [entry_data(e) for e in report.entries],
    }


def report_json(report: Report) -> str:
    return json.dumps(report_data(report), ensure_ascii=False, indent=2)


def report_html(report: Report) -> str:
    return _ENV.get_template("report.html.j2").render(report=report)


WRITERS: dict[str, Callable[[Report], str]] = {"json": report_json, "html": report_html}
