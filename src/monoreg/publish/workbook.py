"""The XLSX download (openpyxl): see workbook_bytes."""

from __future__ import annotations

import io
from typing import Any

from monoreg.publish.exports import CSV_COLUMNS, FRENCH, NUMBER_COLUMNS, ExportData, _flat


def workbook_bytes(data: ExportData) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "observations"
    sheet.append(list(CSV_COLUMNS))
    for row in data.observations:
        values: list[Any] = _flat(row, FRENCH)
        for column in NUMBER_COLUMNS:  # real numbers in the spreadsheet
            values[CSV_COLUMNS.index(column)] = row.get(column)
        sheet.append(values)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
