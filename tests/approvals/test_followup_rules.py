"""The follow-up schedule and the achievement, as plain functions (no database)."""

from datetime import date
from decimal import Decimal

import pytest

from approvals import rules
from approvals.rules.followup import (
    achievement,
    add_months,
    closed_years,
    follow_up_schedule,
    plan_year_end,
)

R2020 = rules.rule_set_by_code("2020")


@pytest.mark.parametrize(
    ("approved_on", "plan_start", "interim"),
    [
        # Plan year 1 ends 2027-03-31: asked the next day, exactly one year after approval.
        (date(2026, 4, 1), date(2026, 4, 1), date(2027, 4, 1)),
        # Year 1 closes before a year has passed since the approval: not earlier than a year.
        (date(2026, 6, 15), date(2026, 4, 1), date(2027, 6, 15)),
        (date(2026, 4, 2), date(2026, 4, 1), date(2027, 4, 2)),
        # The plan starts later: the day after year 1 ends, within two years.
        (date(2026, 4, 1), date(2026, 10, 1), date(2027, 10, 1)),
        (date(2026, 4, 1), date(2027, 4, 1), date(2028, 4, 1)),
        # Year 1 ends later than two years after the approval: at most two years.
        (date(2026, 4, 1), date(2027, 5, 1), date(2028, 4, 1)),
        # A leap day approval: one year later is the 28th of February.
        (date(2028, 2, 29), date(2028, 1, 1), date(2029, 2, 28)),
    ],
)
def test_the_interim_survey_follows_the_first_plan_year_within_one_to_two_years(
    approved_on, plan_start, interim
):
    proposal = follow_up_schedule(approved_on=approved_on, plan_start=plan_start, final_year=3)[0]
    assert (proposal.kind, proposal.request_on) == ("interim", interim)
    assert proposal.due_on == add_months(interim, 1)


@pytest.mark.parametrize(
    ("plan_start", "final_year", "final"),
    [
        (date(2026, 4, 1), 3, date(2029, 6, 30)),  # year 3 ends 2029-03-31
        (date(2026, 12, 1), 5, date(2032, 2, 29)),  # year 5 ends 2031-11-30; a leap February
        (date(2026, 1, 1), 4, date(2030, 3, 31)),
    ],
)
def test_the_final_survey_is_three_months_after_the_last_plan_year(plan_start, final_year, final):
    proposal = follow_up_schedule(
        approved_on=date(2025, 12, 1), plan_start=plan_start, final_year=final_year
    )[1]
    assert (proposal.kind, proposal.request_on) == ("final", final)
    assert proposal.due_on == add_months(final, 1)


def test_a_plan_year_is_closed_the_day_after_its_last_day():
    assert plan_year_end(date(2026, 4, 1), 1) == date(2027, 3, 31)
    assert closed_years(date(2026, 4, 1), 3, date(2027, 3, 31)) == []
    assert closed_years(date(2026, 4, 1), 3, date(2027, 4, 1)) == [1]
    assert closed_years(date(2026, 4, 1), 3, date(2035, 1, 1)) == [1, 2, 3]


def _row(year, value_added, total_salary=1000):
    # value added = operating profit (sales − cost − sga) + personnel + depreciation
    return rules.Figures(
        year,
        sales=value_added,
        cost_of_sales=0,
        sga=0,
        non_operating_expenses=0,
        personnel_cost=0,
        depreciation=0,
        employees=10,
        total_salary=total_salary,
    )


@pytest.mark.parametrize(
    ("actual", "achieved"),
    [(10_600, True), (10_599, False)],  # year 2: 3 % × 2 = 6.00 % ; 5.99 % is 0.01 pt below
)
def test_value_added_is_achieved_at_exactly_the_required_growth(actual, achieved):
    result = {
        r.code: r for r in achievement(_row(0, 10_000), _row(2, actual), rule_set=R2020, year=2)
    }
    assert result["value_added"].required_pct == Decimal("6")
    assert result["value_added"].achieved is achieved
    assert result["value_added"].growth_pct == (Decimal("6.00") if achieved else Decimal("5.99"))
    # 給与支給総額 is the 2020 rule set's second indicator: 1.5 % × 2 = 3 %.
    assert result["total_salary"].required_pct == Decimal("3.0")
    assert result["total_salary"].achieved is False


def test_the_2005_rule_set_judges_ordinary_profit_and_rd_years_do_not_count():
    codes = [
        r.code
        for r in achievement(
            _row(0, 10_000), _row(3, 10_300), rule_set=rules.rule_set_by_code("2005"), year=3
        )
    ]
    assert codes == ["value_added", "value_added_per_employee", "ordinary_profit"]
    [value_added, *_] = achievement(
        _row(0, 10_000), _row(3, 10_300), rule_set=R2020, year=3, rd_years=2
    )
    assert (value_added.required_pct, value_added.achieved) == (Decimal("3"), True)


def test_without_a_base_value_nothing_is_judged():
    [value_added, *_] = achievement(_row(0, 0), _row(1, 10_000), rule_set=R2020, year=1)
    assert value_added.achieved is None


def test_within_the_rd_years_nothing_is_required_yet():
    [value_added, *_] = achievement(
        _row(0, 10_000), _row(2, 10_000), rule_set=R2020, year=2, rd_years=2
    )
    assert (value_added.required_pct, value_added.achieved) == (Decimal("0"), True)


def test_the_values_compared_are_shown_and_a_missing_year_is_not_judged():
    [value_added, per_employee, *_] = achievement(
        _row(0, 10_000), _row(1, 10_500), rule_set=R2020, year=1
    )
    assert (value_added.base, value_added.actual) == (10_000, 10_500)
    # 10 employees: 1,000 and 1,050 per person.
    assert (per_employee.base, per_employee.actual) == (1_000, 1_050)
    for base, actual in ((None, _row(1, 10_500)), (_row(0, 10_000), None)):
        [missing, *_] = achievement(base, actual, rule_set=R2020, year=1)
        assert missing.achieved is None
        assert (missing.base is None, missing.actual is None) == (base is None, actual is None)


@pytest.mark.parametrize(
    ("actual", "achieved"),
    [(0, False), (1, True)],  # from a loss of 100: break-even is not enough, +1 is
)
def test_the_latest_value_must_be_positive(actual, achieved):
    [value_added, *_] = achievement(_row(0, -100), _row(1, actual), rule_set=R2020, year=1)
    assert value_added.achieved is achieved
