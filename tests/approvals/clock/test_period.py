"""The period: counted from the working day after arrival, due on its last working day, 補正
intervals not counted. Table-driven, no database."""

from datetime import date

import pytest

from approvals.clock import (
    Pause,
    correction_pause,
    due_date,
    elapsed_working_days,
    overdue,
    paused_working_days,
    working_days_left,
)

TWO_ROUNDS = (
    # Returned on day 3 (6/4), corrected version arrives Wed 6/9: 6/7–6/9 not counted.
    correction_pause(date(2027, 6, 4), date(2027, 6, 9), "補正1"),
    # Returned on day 7 (6/15), back on 6/17: 6/16–6/17 not counted.
    correction_pause(date(2027, 6, 15), date(2027, 6, 17), "補正2"),
)


@pytest.mark.parametrize(
    ("case", "arrived_on", "period", "pauses", "closed", "due"),
    [
        # Fri 12/25: day 1 is Mon 12/28; 12/29–1/3 closed; 1/4 is day 2.
        ("year end, short", date(2026, 12, 25), 2, (), (), date(2027, 1, 4)),
        # …成人の日 1/11 and 建国記念の日 2/11 skipped too: day 30 is Mon 2/15.
        ("year end, 30 days", date(2026, 12, 25), 30, (), (), date(2027, 2, 15)),
        # Saturday-night filing: arrives Saturday, day 1 is Monday.
        ("Saturday night", date(2026, 11, 28), 1, (), (), date(2026, 11, 30)),
        ("Monday filing", date(2026, 11, 30), 1, (), (), date(2026, 12, 1)),
        # Golden Week 2027: 4/30 is day 1, then 5/1–5/5 off, 5/6 day 2.
        ("Golden Week 2027", date(2027, 4, 28), 2, (), (), date(2027, 5, 6)),
        # Golden Week 2026: 5/6 is 振替休日, so day 1 is Thu 5/7.
        ("Golden Week 2026", date(2026, 5, 1), 1, (), (), date(2026, 5, 7)),
        ("two correction rounds", date(2027, 6, 1), 10, TWO_ROUNDS, (), date(2027, 6, 22)),
        ("no pause", date(2027, 6, 1), 10, (), (), date(2027, 6, 15)),
        # The authority closed on 6/15: the due date moves to the next working day.
        ("closure day", date(2027, 6, 1), 10, (), {date(2027, 6, 15)}, date(2027, 6, 16)),
        # A change application: its own (shorter) period from the same arrival.
        ("change application", date(2026, 12, 25), 20, (), (), date(2027, 1, 29)),
    ],
)
def test_due_date(case, arrived_on, period, pauses, closed, due):
    assert due_date(arrived_on, period, pauses, closed) == due


def test_two_correction_rounds_elapsed_and_paused():
    """On the due date ten days have counted and five working days were paused (3 + 2)."""
    arrived = date(2027, 6, 1)
    assert elapsed_working_days(arrived, date(2027, 6, 22), TWO_ROUNDS) == 10
    assert paused_working_days(arrived, date(2027, 6, 22), TWO_ROUNDS) == 5
    # During the second round the count stands still at 7.
    assert elapsed_working_days(arrived, date(2027, 6, 16), TWO_ROUNDS) == 7
    assert elapsed_working_days(arrived, date(2027, 6, 17), TWO_ROUNDS) == 7
    assert elapsed_working_days(arrived, date(2027, 6, 18), TWO_ROUNDS) == 8
    # Only the paused working days so far.
    assert paused_working_days(arrived, date(2027, 6, 8), TWO_ROUNDS) == 2


def test_the_return_day_itself_counts():
    pauses = (correction_pause(date(2027, 6, 4), date(2027, 6, 9)),)
    assert elapsed_working_days(date(2027, 6, 1), date(2027, 6, 4), pauses) == 3


def test_an_open_correction_stops_the_clock():
    """While the applicant has not sent the corrected version, no due date and no count."""
    pauses = (correction_pause(date(2027, 6, 4), None, "補正"),)
    assert due_date(date(2027, 6, 1), 10, pauses) is None
    assert elapsed_working_days(date(2027, 6, 1), date(2027, 7, 30), pauses) == 3
    assert paused_working_days(date(2027, 6, 1), date(2027, 6, 11), pauses) == 5
    assert not overdue(date(2027, 6, 1), date(2027, 7, 30), 10, pauses)


def test_the_pause_keeps_its_reason():
    assert correction_pause(date(2027, 6, 4), date(2027, 6, 9), "補正依頼") == Pause(
        date(2027, 6, 5), date(2027, 6, 9), "補正依頼"
    )


def test_overdue_from_the_day_after_the_due_date():
    arrived = date(2027, 6, 1)
    assert not overdue(arrived, date(2027, 6, 15), 10)
    assert overdue(arrived, date(2027, 6, 16), 10)


@pytest.mark.parametrize(
    ("today", "left"),
    [
        (date(2027, 6, 14), 0),
        (date(2027, 6, 11), 1),  # Friday: the weekend does not count
        (date(2027, 6, 10), 2),
        (date(2027, 6, 15), -1),
    ],
)
def test_working_days_left(today, left):
    assert working_days_left(today, date(2027, 6, 14)) == left


def test_a_period_needs_a_day():
    with pytest.raises(ValueError, match=r"^period must be at least one working day$"):
        due_date(date(2027, 6, 1), 0)


def test_a_correction_pause_has_no_reason_unless_given():
    assert correction_pause(date(2026, 12, 1), None).reason == ""
    assert correction_pause(date(2026, 12, 1), None, "補正").reason == "補正"


def test_a_pause_from_the_day_after_arrival_counts_from_that_day():
    # Arrived Monday 11/30, returned the same day: 12/1 … 12/3 are paused (3 working days).
    pauses = [correction_pause(date(2026, 11, 30), date(2026, 12, 3))]
    assert paused_working_days(date(2026, 11, 30), date(2026, 12, 10), pauses) == 3


def test_the_arrival_day_is_never_a_paused_day():
    pauses = [Pause(date(2026, 11, 30), date(2026, 12, 1))]
    assert paused_working_days(date(2026, 11, 30), date(2026, 12, 10), pauses) == 1


def test_closure_days_are_neither_paused_nor_counted_nor_left():
    closed = {date(2026, 12, 2)}
    pauses = [correction_pause(date(2026, 11, 30), date(2026, 12, 3))]
    assert paused_working_days(date(2026, 11, 30), date(2026, 12, 10), pauses, closed) == 2
    # Arrived Friday 11/27, period 3: 11/30, 12/1, (12/2 closed) 12/3.
    assert due_date(date(2026, 11, 27), 3, closed_days=closed) == date(2026, 12, 3)
    assert not overdue(date(2026, 11, 27), date(2026, 12, 3), 3, closed_days=closed)
    assert overdue(date(2026, 11, 27), date(2026, 12, 3), 3)
    assert working_days_left(date(2026, 12, 1), date(2026, 12, 3), closed) == 1
    assert working_days_left(date(2026, 12, 1), date(2026, 12, 3)) == 2
