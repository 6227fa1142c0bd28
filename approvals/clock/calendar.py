"""Working days (開庁日) of the authority: not Saturdays or Sundays, not national holidays
(国民の祝日に関する法律, from the `holidays` package: 振替休日, 国民の休日 and the special days of
2019–2021 included), not 12/29–1/3 (the prefecture's holiday ordinance, 県の休日条例), and not the
closure days the administrator adds. Pure: the closure days are passed in.
"""

from collections.abc import Collection
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

TOKYO = ZoneInfo("Asia/Tokyo")


@lru_cache(maxsize=64)
def _national_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("JP", language="ja", years=year))


def holiday_name(day: date) -> str | None:
    """The national holiday's name on `day` (e.g. 元日, 振替休日, 国民の休日), or None."""
    return _national_holidays(day.year).get(day)


def year_end_closure(day: date) -> bool:
    """12/29–1/3: the prefecture's offices are closed (県の休日)."""
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def is_working_day(day: date, closed_days: Collection[date] = ()) -> bool:
    return not (
        day.weekday() >= 5
        or holiday_name(day) is not None
        or year_end_closure(day)
        or day in closed_days
    )


def next_working_day(day: date, closed_days: Collection[date] = ()) -> date:
    """The first working day after `day`."""
    day += timedelta(days=1)
    while not is_working_day(day, closed_days):
        day += timedelta(days=1)
    return day


def arrival_date(submitted_at: datetime) -> date:
    """The day an electronic filing arrives: its timestamp's date in Asia/Tokyo, whatever day
    it is (a Saturday 23:59 filing arrives that Saturday)."""
    if submitted_at.tzinfo is None:
        raise ValueError("submitted_at must be timezone-aware")
    return submitted_at.astimezone(TOKYO).date()
