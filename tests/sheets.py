"""Spreadsheets for the question-import tests, saved the way Excel saves them."""

from __future__ import annotations

import io

from openpyxl import Workbook


def workbook(rows: list[list], title: str = "Sheet1", before: list[str] = ()) -> bytes:
    """An .xlsx as Excel saves it: the questions on a sheet named ``title``, after any
    other sheets named in ``before``."""
    book = Workbook()
    first = book.active
    first.title = before[0] if before else title
    sheet = first
    for name in list(before[1:]) + ([title] if before else []):
        sheet = book.create_sheet(name)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
