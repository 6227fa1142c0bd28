"""How dates, periods and numbers are written on the documents the system issues.

Plain functions of their arguments (no database, no clock): the era (和暦) of a month, a plan
period from its first month to its last, item numbers, postal codes.
"""

from datetime import date

from approvals.era import era_year_label, format_era_date

__all__ = [
    "era_month",
    "format_era_date",
    "item_number",
    "joined",
    "plan_end",
    "plan_period",
    "postal",
]


def era_month(day: date) -> str:
    """令和9年4月; 令和元年5月."""
    return f"{era_year_label(day)}{day.month}月"


def plan_end(start: date, years: int) -> date:
    """The first day of the last month of a plan of `years` years starting in `start`'s month."""
    months = start.year * 12 + (start.month - 1) + years * 12 - 1
    return date(months // 12, months % 12 + 1, 1)


def plan_period(start: date, period_years: int, rd_years: int = 0) -> str:
    """令和9年4月から令和12年3月まで（3年間）; with research years before the business years:
    令和9年4月から令和14年3月まで（5年間。うち研究開発期間2年、事業期間3年）."""
    total = period_years + rd_years
    text = f"{era_month(start)}から{era_month(plan_end(start, total))}まで（{total}年間"
    if rd_years:
        text += f"。うち研究開発期間{rd_years}年、事業期間{period_years}年"
    return text + "）"


def item_number(n: int) -> str:
    """Half-width numbers for the items under 記: 1, 2, … 10 — Arabic numerals are written
    half-width (公用文作成の考え方, 2022), as in 第1号 on the same page."""
    return str(n)


def postal(code: str) -> str:
    """〒238-0008 from 2380008 (anything else is shown as given)."""
    if len(code) == 7 and code.isdigit():
        return f"〒{code[:3]}-{code[3:]}"
    return code


def joined(*parts) -> str:
    """Parts that are there, separated by a full-width space: 代表取締役　神奈川 太郎."""
    return "　".join(str(p) for p in parts if p)
