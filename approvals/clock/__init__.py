"""The processing-period clock (標準処理期間, DOMAIN.md §11): working days, holidays, 補正
pauses, due dates. Pure functions: no ORM, no `now()`, no settings; the ORM side that builds
the inputs is approvals.processing.
"""

from approvals.clock.calendar import (
    TOKYO,
    arrival_date,
    holiday_name,
    is_working_day,
    next_working_day,
    year_end_closure,
)
from approvals.clock.period import (
    DEFAULT_PERIOD,
    Pause,
    correction_pause,
    due_date,
    elapsed_working_days,
    overdue,
    paused_working_days,
    working_days_left,
)

__all__ = [
    "DEFAULT_PERIOD",
    "TOKYO",
    "Pause",
    "arrival_date",
    "correction_pause",
    "due_date",
    "elapsed_working_days",
    "holiday_name",
    "is_working_day",
    "next_working_day",
    "overdue",
    "paused_working_days",
    "working_days_left",
    "year_end_closure",
]
