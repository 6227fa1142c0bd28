"""Target series as a spreadsheet file: CSV in UTF-8 with a BOM, so Excel opens it as such.

A cell that starts with = + - @ or a tab (or a carriage return) could run as a formula in a
spreadsheet (CSV injection), so it is prefixed with an apostrophe. Titles come from the
admin, so they are not trusted either.
"""

import csv
import io

from approvals.targets import YearRow

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


def series_csv(*, title: str, unit: str, rows: list[YearRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(title), neutralise(f"単位: {unit}")])
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(
            [
                neutralise(cell)
                for cell in (
                    row.fiscal_year,
                    row.label,
                    row.target,
                    row.actual,
                    row.approvals_in_year,
                    row.achievement_rate,
                    row.projection,
                )
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")
