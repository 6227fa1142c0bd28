"""Working days (開庁日): weekends, national holidays with their special cases, 12/29–1/3 and the
authority's own closure days; arrival is the Tokyo date of the filing. No database."""

import time
from datetime import UTC, date, datetime

import pytest

from approvals.clock import arrival_date, holiday_name, is_working_day, next_working_day
from approvals.clock.calendar import year_end_closure


@pytest.mark.parametrize(
    ("day", "name"),
    [
        # 2019: the days around the enthronement are holidays, the gaps 国民の休日.
        (date(2019, 4, 30), "国民の休日"),
        (date(2019, 5, 1), "天皇の即位の日"),
        (date(2019, 5, 2), "国民の休日"),
        (date(2019, 10, 22), "即位礼正殿の儀が行われる日"),
        # 2020 and 2021: the Olympic moves of 海の日, スポーツの日, 山の日.
        (date(2020, 7, 24), "スポーツの日"),
        (date(2021, 7, 23), "スポーツの日"),
        (date(2021, 8, 9), "振替休日"),
        # 振替休日 after a Sunday holiday; 国民の休日 between two holidays.
        (date(2026, 5, 6), "振替休日"),
        (date(2026, 9, 22), "国民の休日"),
        (date(2027, 1, 1), "元日"),
        (date(2027, 1, 11), "成人の日"),
    ],
)
def test_national_holidays_are_not_working_days(day, name):
    assert holiday_name(day) == name
    assert not is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2020, 10, 12),  # second Monday of October: スポーツの日 moved to 7/24 that year
        date(2021, 10, 11),  # likewise in 2021 (moved to 7/23)
        date(2021, 7, 19),  # the third Monday of July: 海の日 moved to 7/22 in 2021
        date(2026, 12, 28),  # the last working day of the year
        date(2027, 1, 4),  # the first working day of the year
    ],
)
def test_moved_holidays_leave_working_days(day):
    assert holiday_name(day) is None
    assert is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [date(2026, 12, 29), date(2026, 12, 31), date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 3)],
)
def test_year_end_closure_is_not_working(day):
    assert not is_working_day(day)


def test_weekends_and_closure_days_are_not_working():
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 11, 29))  # Sunday
    assert is_working_day(date(2026, 11, 30))
    assert not is_working_day(date(2026, 11, 30), closed_days={date(2026, 11, 30)})
    assert next_working_day(date(2026, 11, 27), closed_days={date(2026, 11, 30)}) == date(
        2026, 12, 1
    )


@pytest.mark.parametrize(
    ("submitted_at", "arrived_on"),
    [
        # Saturday 23:59 in Tokyo arrives that Saturday.
        (datetime(2026, 11, 28, 14, 59, tzinfo=UTC), date(2026, 11, 28)),
        # Friday 15:30 UTC is already Saturday 00:30 in Tokyo.
        (datetime(2026, 11, 27, 15, 30, tzinfo=UTC), date(2026, 11, 28)),
        (datetime(2026, 11, 27, 14, 59, tzinfo=UTC), date(2026, 11, 27)),
    ],
)
def test_arrival_is_the_tokyo_date(submitted_at, arrived_on):
    assert arrival_date(submitted_at) == arrived_on


def test_arrival_needs_an_aware_timestamp():
    with pytest.raises(ValueError, match=r"^submitted_at must be timezone-aware$"):
        arrival_date(datetime(2026, 11, 28, 23, 59))  # noqa: DTZ001


@pytest.mark.parametrize(
    ("day", "closed"),
    [
        (date(2028, 12, 28), False),
        (date(2028, 12, 29), True),
        (date(2029, 1, 3), True),
        (date(2029, 1, 4), False),
    ],
)
def test_the_year_end_closure_runs_from_12_29_to_1_3(day, closed):
    # 2029-01-03 is a Wednesday: only the closure keeps it from being a working day.
    assert year_end_closure(day) is closed
    assert is_working_day(day) is not closed


def test_the_next_working_day_after_a_monday_is_the_tuesday():
    assert next_working_day(date(2026, 11, 30)) == date(2026, 12, 1)
    assert next_working_day(date(2028, 12, 28)) == date(2029, 1, 4)


def test_arrival_is_the_tokyo_date_whatever_the_process_time_zone(monkeypatch):
    # A worker started outside Django's TIME_ZONE (TZ=UTC) still dates a filing in Tokyo.
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        assert arrival_date(datetime(2026, 11, 27, 15, 30, tzinfo=UTC)) == date(2026, 11, 28)
    finally:
        monkeypatch.undo()
        time.tzset()
