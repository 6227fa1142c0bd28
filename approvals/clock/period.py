"""The standard processing period (標準処理期間, 行政手続法第6条): N working days counted from
the working day after arrival; the due date is the last working day of the period. Each 補正
interval is not counted, from the day after the return to the day the corrected version
arrives (both included). Pure: dates in, dates out; `today` is always passed in.
"""

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from approvals.clock.calendar import is_working_day

DEFAULT_PERIOD = 30


@dataclass(frozen=True)
class Pause:
    """An excluded interval: `start` … `end` (both included); `end` None while still open
    (the corrected version has not arrived yet). `reason` says why, for people to read."""

    start: date
    end: date | None
    reason: str = ""

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def correction_pause(returned_on: date, resubmitted_on: date | None, reason: str = "") -> Pause:
    """The interval a 補正 round stops the clock: the day after the return to the day the
    corrected version arrives."""
    return Pause(returned_on + timedelta(days=1), resubmitted_on, reason)


def _counted_days(
    arrived_on: date, pauses: Iterable[Pause], closed_days: Collection[date]
) -> Iterator[date]:
    """The days that count, in order: working days after arrival outside every pause.
    Stops when an open pause begins (nothing counts until the corrected version arrives)."""
    pauses = tuple(pauses)
    open_from = min((p.start for p in pauses if p.end is None), default=None)
    day = arrived_on
    while True:
        day += timedelta(days=1)
        # `>` would be the same: the open pause covers its first day.
        if open_from is not None and day >= open_from:  # pragma: no mutate
            return
        if is_working_day(day, closed_days) and not any(p.covers(day) for p in pauses):
            yield day


def due_date(
    arrived_on: date,
    period: int = DEFAULT_PERIOD,
    pauses: Iterable[Pause] = (),
    closed_days: Collection[date] = (),
) -> date | None:
    """The last working day of the period; None while a pause is open (the date depends on
    when the corrected version arrives)."""
    if period < 1:
        raise ValueError("period must be at least one working day")
    for count, day in enumerate(_counted_days(arrived_on, pauses, closed_days), start=1):
        if count == period:
            return day
    return None


def elapsed_working_days(
    arrived_on: date, today: date, pauses: Iterable[Pause] = (), closed_days: Collection[date] = ()
) -> int:
    """Working days counted from the day after arrival up to `today` (included)."""
    count = 0
    for day in _counted_days(arrived_on, pauses, closed_days):
        if day > today:
            break
        count += 1
    return count


def paused_working_days(
    arrived_on: date, today: date, pauses: Iterable[Pause] = (), closed_days: Collection[date] = ()
) -> int:
    """Working days up to `today` (included) that a pause kept from counting."""
    count = 0
    for pause in pauses:
        day = max(pause.start, arrived_on + timedelta(days=1))
        last = today if pause.end is None else min(pause.end, today)
        while day <= last:
            count += is_working_day(day, closed_days)
            day += timedelta(days=1)
    return count


def overdue(
    arrived_on: date,
    today: date,
    period: int = DEFAULT_PERIOD,
    pauses: Iterable[Pause] = (),
    closed_days: Collection[date] = (),
) -> bool:
    """Past the due date on `today` (the day of the decision, for a decided case)."""
    due = due_date(arrived_on, period, pauses, closed_days)
    return due is not None and today > due


def working_days_left(today: date, due_on: date, closed_days: Collection[date] = ()) -> int:
    """Working days after `today` up to the due date (included); negative when overdue (the
    working days since it passed)."""
    if due_on >= today:  # pragma: no mutate (due today is 0 whichever branch takes it)
        sign, start, end = 1, today, due_on
    else:
        sign, start, end = -1, due_on, today
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day, closed_days)
    return sign * count
