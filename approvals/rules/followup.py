"""Follow-up surveys as plain functions (DOMAIN.md §10): when to ask, and what was achieved.

Plan year n runs from plan_start + 12(n−1) months to plan_start + 12n months − 1 day. The
interim survey is asked the day after plan year 1 ends, but not before one year after the
approval nor later than two years after it; the final survey 3 months after the last plan
year's end. A survey is due one month after it is asked.

Achievement compares the latest reported year with the approved plan's base year (0) using
the criteria's exact values; the requirement grows with the years of the 事業期間 reached
(R&D years do not count, as in the criteria): per-year rate × n.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from .criteria import _EXACT, _SHOWN
from .growth import INDICATOR1, _display_pct, growth_exact
from .rulesets import RuleSet


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def plan_year_end(plan_start: date, year: int) -> date:
    """The last day of plan year `year` (1 …)."""
    return add_months(plan_start.replace(day=1), 12 * year) - timedelta(days=1)


def default_due_on(requested_on: date) -> date:
    return add_months(requested_on, 1)


@dataclass(frozen=True)
class Proposal:
    kind: str  # "interim" | "final"
    request_on: date
    due_on: date


def follow_up_schedule(*, approved_on: date, plan_start: date, final_year: int) -> list[Proposal]:
    """The interim and the final survey proposed for a plan approved on `approved_on`."""
    after_year_one = plan_year_end(plan_start, 1) + timedelta(days=1)
    earliest, latest = add_months(approved_on, 12), add_months(approved_on, 24)
    interim = min(max(after_year_one, earliest), latest)
    final = add_months(plan_year_end(plan_start, final_year) + timedelta(days=1), 3)
    final -= timedelta(days=1)
    return [
        Proposal("interim", interim, default_due_on(interim)),
        Proposal("final", final, default_due_on(final)),
    ]


def closed_years(plan_start: date, final_year: int, today: date) -> list[int]:
    """The plan years (1 … final) whose last day is before `today`."""
    return [y for y in range(1, final_year + 1) if plan_year_end(plan_start, y) < today]


@dataclass(frozen=True)
class Achievement:
    code: str
    base: Decimal | int | None
    actual: Decimal | int | None
    growth_pct: Decimal | None
    required_pct: Decimal
    achieved: bool | None  # None: not computable (a value missing, or a base of 0)


def achievement(
    base, actual, *, rule_set: RuleSet, year: int, rd_years: int = 0
) -> tuple[Achievement, ...]:
    """Per indicator, the growth from the base year `base` to plan year `year`'s `actual`."""
    years = max(year - rd_years, 0)
    results = []
    for code in (*INDICATOR1, rule_set.indicator2):
        if code in INDICATOR1:
            required = rule_set.indicator1_pct_per_year * years
        else:
            required = rule_set.indicator2_pct_per_year * years
        exact = [None if f is None else _EXACT[code](f) for f in (base, actual)]
        shown = [None if f is None else _SHOWN[code](f) for f in (base, actual)]
        growth = growth_exact(*exact)
        if growth is None or exact[1] is None:
            achieved = None
        else:
            achieved = exact[1] > 0 and growth >= Fraction(required)
        results.append(
            Achievement(
                code,
                shown[0],
                shown[1],
                None if growth is None else _display_pct(growth),
                required,
                achieved,
            )
        )
    return tuple(results)
