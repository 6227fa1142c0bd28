"""The whole check of a plan: the three-valued combination, the rule set and law by date."""

from datetime import date
from decimal import Decimal

import pytest

from approvals.rules import (
    CheckResult,
    CriterionResult,
    Plan,
    check_plan,
    legal_basis_for,
    rule_set_by_code,
)
from tests.approvals.rules.builders import KANAGAWA, company, row


def _combined(value_added, per_employee, indicator2):
    rule_set = rule_set_by_code("2020")
    criteria = tuple(
        CriterionResult(code, None, None, None, Decimal("9"), passed, "")
        for code, passed in (
            ("value_added", value_added),
            ("value_added_per_employee", per_employee),
            ("total_salary", indicator2),
        )
    )
    return CheckResult(rule_set, legal_basis_for(date(2024, 4, 1)), (), criteria, ())


@pytest.mark.parametrize(
    ("value_added", "per_employee", "indicator2", "passed", "failures"),
    [
        (True, True, True, True, ()),
        (True, False, True, True, ()),  # indicator 1: either suffices
        (False, True, True, True, ()),
        (True, None, True, True, ()),
        (None, True, True, True, ()),
        (False, False, True, False, ("value_added", "value_added_per_employee")),
        (False, None, True, None, ()),  # the open one could still carry indicator 1
        (None, None, True, None, ()),
        (True, True, None, None, ()),
        (True, True, False, False, ("total_salary",)),
        (None, None, False, False, ("total_salary",)),  # a failure outweighs unknowns
        (False, None, False, False, ("total_salary",)),
        (False, False, None, False, ("value_added", "value_added_per_employee")),
    ],
)
def test_combination(value_added, per_employee, indicator2, passed, failures):
    """Indicator 1 is an OR, the plan an AND, both three-valued; failures are what sinks it."""
    result = _combined(value_added, per_employee, indicator2)
    assert result.passed is passed
    assert tuple(c.code for c in result.failures) == failures


def test_either_indicator1_criterion_suffices_end_to_end():
    """Value added grows 5 %, but per employee 16.7 % (fewer staff): the plan passes."""
    plan = Plan(
        3,
        figures=(
            row(0, 1_000, employees=10, total_salary=1_000),
            row(3, 1_050, employees=9, total_salary=1_045),
        ),
    )
    result = check_plan(plan, company(), on=date(2024, 4, 1), prefecture=KANAGAWA)
    assert [c.passed for c in result.criteria] == [False, True, True]
    assert result.passed is True
    assert result.failures == ()


def test_check_plan_uses_the_rule_set_and_law_of_the_submission_date():
    plan = Plan(3, figures=(row(0), row(3)))
    before = check_plan(plan, company(), on=date(2020, 9, 30), prefecture=KANAGAWA)
    after = check_plan(plan, company(), on=date(2020, 10, 1), prefecture=KANAGAWA)
    assert (before.rule_set.code, before.criteria[-1].code) == ("2005", "ordinary_profit")
    assert (after.rule_set.code, after.criteria[-1].code) == ("2020", "total_salary")
    assert before.legal_basis.law == after.legal_basis.law == "中小企業等経営強化法"


def test_check_plan_with_an_explicit_rule_set():
    plan = Plan(3, activity_types=("rnd",), figures=(row(0), row(3)))
    result = check_plan(
        plan, company(), on=date(2024, 4, 1), prefecture=KANAGAWA, rule_set=rule_set_by_code("2005")
    )
    assert result.rule_set.code == "2005"
    assert result.criteria[-1].code == "ordinary_profit"
    assert not result.eligible  # R&D type under the 2005 rule set


def test_eligible_needs_every_check():
    plan = Plan(3, figures=(row(0), row(3)))
    assert check_plan(plan, company(), on=date(2024, 4, 1), prefecture=KANAGAWA).eligible is True
    outside = check_plan(
        plan, company(prefecture="東京都"), on=date(2024, 4, 1), prefecture=KANAGAWA
    )
    assert outside.eligible is False
