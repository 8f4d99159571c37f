"""The XLSX download (openpyxl): see workbook_bytes."""

from __future__ import annotations

import io
from typing import Any

from monoreg.publish.exports import CSV_COLUMNS, FRENCH, ExportData, _flat


def workbook_bytes(data: ExportData) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "observations"
    sheet.append(list(CSV_COLUMNS))
    value_index = CSV_COLUMNS.index("value")
    for row in data.observations:
        values: list[Any] = _flat(row, FRENCH)
        values[value_index] = row["value"]
        sheet.append(values)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
