"""Target series as a spreadsheet file: CSV in UTF-8 with a BOM, so Excel opens it as such,
or XLSX (numbers stored as numbers).

A cell that starts with = + - @ or a tab (or a carriage return) could run as a formula in a
spreadsheet (CSV injection), so it is prefixed with an apostrophe. Titles come from the
admin, so they are not trusted either.
"""

import csv
import io
from decimal import Decimal

from openpyxl import Workbook

from approvals.targets.counting import YearRow

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = (
    "年度",
    "年度（表示）",
    "目標",
    "実績（累計）",
    "年度内の承認件数",
    "達成率（%）",
    "見込み",
)


def neutralise(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cells(row: YearRow) -> tuple:
    return (
        row.fiscal_year,
        row.label,
        row.target,
        row.actual,
        row.approvals_in_year,
        row.achievement_rate,
        row.projection,
    )


def series_csv(*, title: str, unit: str, rows: list[YearRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(title), neutralise(f"単位: {unit}")])
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in _cells(row)])
    return buffer.getvalue().encode("utf-8-sig")


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_cell(value):
    """Numbers stay numbers (the rate as a decimal); text is neutralised like the CSV."""
    if value is None or isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return neutralise(value)


def series_xlsx(*, title: str, unit: str, rows: list[YearRow]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "目標②"
    sheet.append([neutralise(title), neutralise(f"単位: {unit}")])
    sheet.append(list(HEADER))
    for row in rows:
        values = list(_cells(row))
        if values[5] is not None:  # the achievement rate comes as a string: "83.5"
            values[5] = Decimal(values[5])
        sheet.append([_xlsx_cell(value) for value in values])
    for cell in sheet[2]:  # header cells: text, never anything else
        cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
