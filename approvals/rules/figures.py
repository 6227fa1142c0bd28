"""The plan and its figures (別表3): one row per year, amounts in 千円.

Holds ``Figures`` (one year's inputs with the rows computed from them), ``derived`` for any
object with the same attributes, and ``Plan`` with the bounds of its 事業期間 and 研究開発期間.
"""

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction


def _minus(a, b):
    return None if a is None or b is None else a - b


def _gross_profit(f):
    return _minus(f.sales, f.cost_of_sales)


def _operating_profit(f):
    return _minus(_gross_profit(f), f.sga)


def _ordinary_profit(f):
    # This procedure's 経常利益 leaves non-operating *income* out on purpose (DOMAIN.md §4).
    return _minus(_operating_profit(f), f.non_operating_expenses)


def _value_added(f):
    parts = (_operating_profit(f), f.personnel_cost, f.depreciation)
    return None if None in parts else sum(parts)


def _value_added_per_employee_exact(f) -> Fraction | None:
    value_added = _value_added(f)
    if value_added is None or not f.employees:
        return None
    return Fraction(value_added, f.employees)


def _half_up(value: Fraction, places: int) -> Decimal:
    magnitude = math.floor(abs(value) * 10**places + Fraction(1, 2))
    # Equivalent mutant (`<= 0`): at 0 the magnitude is 0, and -0 is 0.
    return Decimal(-magnitude if value < 0 else magnitude).scaleb(-places)  # pragma: no mutate


def _value_added_per_employee(f) -> Decimal | None:
    exact = _value_added_per_employee_exact(f)
    # One decimal, as on the official form; the criteria use the exact fraction instead.
    return None if exact is None else _half_up(exact, 1)


@dataclass(frozen=True)
class Figures:
    """One year's row of 別表3: year -2, -1, 0 (base year) or 1…N; None = not entered."""

    year: int
    sales: int | None = None
    cost_of_sales: int | None = None
    sga: int | None = None
    non_operating_expenses: int | None = None
    personnel_cost: int | None = None
    depreciation: int | None = None
    employees: int | None = None
    total_salary: int | None = None
    capex: int | None = None
    working_capital: int | None = None

    gross_profit = property(_gross_profit)
    operating_profit = property(_operating_profit)
    ordinary_profit = property(_ordinary_profit)
    value_added = property(_value_added)
    value_added_per_employee = property(_value_added_per_employee)


def derived(f) -> dict:
    """The computed rows of any object with Figures' input attributes (e.g. a model row)."""
    return {
        "gross_profit": _gross_profit(f),
        "operating_profit": _operating_profit(f),
        "ordinary_profit": _ordinary_profit(f),
        "value_added": _value_added(f),
        "value_added_per_employee": _value_added_per_employee(f),
    }


@dataclass(frozen=True)
class Plan:
    period_years: int | None  # 事業期間, 3–5
    rd_years: int = 0  # 研究開発期間 before the 事業期間, 0–5, R&D-type plans from 2020-10-01
    activity_types: tuple[str, ...] = ()
    figures: tuple = ()  # Figures or anything with the same attributes
    funding: tuple = ()  # the amounts of 資金計画 (別表4), 千円


PERIOD_YEARS = (3, 4, 5)
MAX_RD_YEARS = 5
# The two closed years before the base year (0), which the applicant may give as well.
OPTIONAL_YEARS = (-2, -1)
FIRST_YEAR = OPTIONAL_YEARS[0]


def table_years(final_year: int | None) -> list[int]:
    """The years of 別表3: the optional years, the base year and plan years 1 … final."""
    return [] if final_year is None else [*OPTIONAL_YEARS, *range(final_year + 1)]


# A plan starts at most a year before the day it is written or submitted and at most two years
# after it (a prefectural officer's window: a plan is usually written for the coming year, and
# a start decades away is a typing error, not a plan).
PLAN_START_MONTHS_BEFORE = 12
PLAN_START_MONTHS_AFTER = 24


def _month(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def plan_start_window(on: date) -> tuple[date, date]:
    """The first and the last month a plan written or submitted on `on` may start in."""
    return _month(on, -PLAN_START_MONTHS_BEFORE), _month(on, PLAN_START_MONTHS_AFTER)


def plan_start_problem(start: date | None, *, on: date) -> str | None:
    """Why a plan may not start in `start`'s month (written or submitted on `on`), or None."""
    if start is None:
        return None
    first, last = plan_start_window(on)
    if first <= start.replace(day=1) <= last:
        return None
    return (
        f"計画開始年月は{first.year}年{first.month}月から{last.year}年{last.month}月までの"
        "間で入力してください（申請日の1年前から2年後まで）。"
    )
