"""Japanese era dates (和暦) for documents: 平成 until 2019-04-30, 令和 from 2019-05-01.

The first year of an era is written 元年 (令和元年5月1日).
"""

from datetime import date

ERAS = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
)


def era_of(day: date) -> tuple[str, int]:
    """(era name, year of the era) for a date on or after 1926-12-25."""
    for start, name in ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    raise ValueError(f"{day.isoformat()} is before the eras this system knows")


def era_year_label(day: date) -> str:
    name, year = era_of(day)
    return f"{name}{'元' if year == 1 else year}年"


def format_era_date(day: date) -> str:
    """令和8年11月24日; 令和元年5月1日."""
    return f"{era_year_label(day)}{day.month}月{day.day}日"
