"""The JSON document of one figure: what `monoreg export`, the downloads and the API give for
it. The store writes it once, when the figure is loaded (`observations.doc`), so that an API
answer joins stored documents instead of building each row again.

One definition: publish/exports.py writes its files from these documents too.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from monoreg.derive.published import published
from monoreg.model import Catalog, Observation, Source
from monoreg.model.codec import to_data


def json_number(value: Decimal | None) -> int | float | None:
    """An exact decimal as a JSON number: an integer when it is one."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def source_document(source_id: str | None, local: dict[str, Source], catalog: Catalog
                    ) -> dict[str, Any] | None:
    """A source as every answer gives it: its fields and its label as cited; an edition's
    own source first, then the reference one; only its id when neither declares it."""
    if not source_id:
        return None
    source = catalog.cited_source(source_id, local.values())
    if source is None:
        return {"id": source_id}
    return {**to_data(source), "label": source.label()}


def observation_document(o: Observation, catalog: Catalog, edition_id: str | None,
                         local_sources: dict[str, Source]) -> dict[str, Any]:
    territory = catalog.territories.find(o.territory)
    indicator = catalog.indicators.get(o.indicator)
    value, unit = published(o, catalog)
    return {
        "indicator": o.indicator, "label": indicator.label if indicator else o.indicator,
        "territory": o.territory, "territory_name": territory.name if territory else None,
        "dimension": o.dimension, "dimension_label": o.dimension_label,
        "to_check": o.to_check,
        "period": o.period.code, "period_label": o.period.label(),
        # One unit per indicator: the published value (derive/published.py); the printed
        # one beside it, with the figure's quality.
        "value": json_number(value), "unit": unit,
        "printed_value": json_number(o.value), "printed_unit": o.unit,
        "quality": o.quality.as_data(), "status": o.status.value,
        "printed": o.printed, "printed_period": o.printed_period, "place": o.place or None,
        "edition": edition_id,
        "source": source_document(o.source, local_sources, catalog),
        "provenance": to_data(o.provenance), "origin": to_data(o.origin),
        "perimeter": o.perimeter, "raw": o.raw, "note": o.note,
        "accepted": [{"rule": r, "justification": j} for r, j in o.accepted],
    }


def document_text(document: dict[str, Any]) -> str:
    """Compact JSON, UTF-8 characters kept: the bytes the API sends."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))
