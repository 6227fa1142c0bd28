"""The approval criteria at their thresholds, and missing or invalid data (DOMAIN.md §5)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from approvals.rules import Plan, check_criteria, check_plan, rule_set_by_code
from tests.approvals.rules.builders import KANAGAWA, company, row


def criterion(plan, code, rule_set="2020"):
    criteria, _ = check_criteria(plan, rule_set=rule_set_by_code(rule_set))
    return next(c for c in criteria if c.code == code)


@pytest.mark.parametrize("rule_set", ["2005", "2020"])
@pytest.mark.parametrize(
    ("years", "final", "passed"),
    [
        (3, 1_090, True),
        (3, 1_089, False),
        (4, 1_120, True),
        (4, 1_119, False),
        (5, 1_150, True),
        (5, 1_149, False),
    ],
)
def test_value_added_threshold(rule_set, years, final, passed):
    """付加価値額 must grow by 3 % × years: exactly the threshold passes, 1 千円 less fails."""
    plan = Plan(years, figures=(row(0, 1_000), row(years, final)))
    result = criterion(plan, "value_added", rule_set)
    assert result.passed is passed
    assert result.required_pct == 3 * years
    assert (result.base, result.final) == (1_000, final)


@pytest.mark.parametrize(
    ("years", "final_value_added", "passed"),
    [
        (3, 1_090, True),
        (3, 1_089, False),
        (4, 1_120, True),
        (4, 1_119, False),
        (5, 1_150, True),
        (5, 1_149, False),
    ],
)
def test_value_added_per_employee_threshold_is_exact(years, final_value_added, passed):
    """1000/3 → 1090/3 千円 per employee is exactly 9 %: no float or rounding error decides it."""
    plan = Plan(
        years, figures=(row(0, 1_000, employees=3), row(years, final_value_added, employees=3))
    )
    assert criterion(plan, "value_added_per_employee").passed is passed


@pytest.mark.parametrize(
    ("base", "final", "passed"),
    [
        # 333.33… → 363.25 is 8.975 %: fails, though the shown 333.3 → 363.3 would be 9.0009 %.
        ((1_000, 3), (1_453, 4), False),
        # 333.66… → 363.7 is 9.001 %: passes, though the shown 333.7 → 363.7 would be 8.99 %.
        ((1_001, 3), (3_637, 10), True),
    ],
)
def test_value_added_per_employee_is_judged_on_exact_not_shown_values(base, final, passed):
    """The criteria compare exact fractions; the 0.1 千円 display rounding never decides."""
    plan = Plan(
        3, figures=(row(0, base[0], employees=base[1]), row(3, final[0], employees=final[1]))
    )
    assert criterion(plan, "value_added_per_employee").passed is passed


@pytest.mark.parametrize(
    ("rule_set", "code", "years", "final", "passed"),
    [
        ("2005", "ordinary_profit", 3, 1_030, True),
        ("2005", "ordinary_profit", 3, 1_029, False),
        ("2005", "ordinary_profit", 4, 1_040, True),
        ("2005", "ordinary_profit", 4, 1_039, False),
        ("2005", "ordinary_profit", 5, 1_050, True),
        ("2005", "ordinary_profit", 5, 1_049, False),
        ("2020", "total_salary", 3, 1_045, True),
        ("2020", "total_salary", 3, 1_044, False),
        ("2020", "total_salary", 4, 1_060, True),
        ("2020", "total_salary", 4, 1_059, False),
        ("2020", "total_salary", 5, 1_075, True),
        ("2020", "total_salary", 5, 1_074, False),
    ],
)
def test_indicator2_threshold(rule_set, code, years, final, passed):
    """Indicator 2 must grow by 1 % × years under the 2005 rule set (経常利益, 3 / 4 / 5 %) and
    by 1.5 % × years since 2020-10-01 (給与支給総額, 4.5 / 6 / 7.5 %): exactly the threshold
    passes, 1 千円 less fails."""
    plan = Plan(years, figures=(row(0, **{code: 1_000}), row(years, **{code: final})))
    assert criterion(plan, code, rule_set).passed is passed


@pytest.mark.parametrize(
    ("rule_set", "codes"),
    [
        ("2005", ("value_added", "value_added_per_employee", "ordinary_profit")),
        ("2020", ("value_added", "value_added_per_employee", "total_salary")),
    ],
)
def test_each_rule_set_judges_its_own_indicator2(rule_set, codes):
    plan = Plan(3, figures=(row(0), row(3)))
    criteria, _ = check_criteria(plan, rule_set=rule_set_by_code(rule_set))
    assert tuple(c.code for c in criteria) == codes


def test_failing_message_is_concrete():
    plan = Plan(3, figures=(row(0, 100_000), row(3, 108_999)))
    result = criterion(plan, "value_added")
    assert result.growth_pct == Decimal("8.99")
    assert "付加価値額の伸び率 8.99% は基準 9.00% に達していません" in result.message


@pytest.mark.parametrize(
    ("rule_set", "code", "base", "final", "message"),
    [
        ("2020", "value_added", -1_000, 0, "付加価値額が0千円です。正の値である必要があります。"),
        ("2020", "value_added", -1_000, -100, "付加価値額が-100千円です。"),
        ("2020", "value_added", 0, 0, "付加価値額が0千円です。"),
        (
            "2020",
            "value_added_per_employee",
            -1_000,
            -10,
            "一人当たり付加価値額が-1.0千円/人です。",
        ),
        ("2005", "ordinary_profit", -1_000, 0, "経常利益が0千円です。黒字である必要があります。"),
        ("2005", "ordinary_profit", -1_000, -1, "経常利益が-1千円です。黒字である必要があります。"),
        ("2020", "total_salary", -1_000, 0, "給与支給総額が0千円です。"),
    ],
)
def test_final_year_must_be_positive(rule_set, code, base, final, message):
    """A final-year value of 0 or less fails, however large the growth from a loss."""
    field = "value_added" if code == "value_added_per_employee" else code
    plan = Plan(3, figures=(row(0, **{field: base}), row(3, **{field: final})))
    result = criterion(plan, code, rule_set)
    assert result.passed is False
    assert f"3年目（最終年度）の{message}" in result.message


@pytest.mark.parametrize(
    ("rule_set", "code", "base", "final"),
    [
        ("2020", "value_added", {"value_added": 0}, {"value_added": 100}),
        ("2020", "value_added_per_employee", {"value_added": 0}, {"value_added": 100}),
        ("2005", "ordinary_profit", {"ordinary_profit": 0}, {"ordinary_profit": 100}),
        ("2020", "total_salary", {"total_salary": 0}, {"total_salary": 100}),
        ("2020", "value_added_per_employee", {"employees": 0}, {}),
    ],
)
def test_base_zero_needs_a_reviewer(rule_set, code, base, final):
    """Growth from 0 cannot be computed: a reviewer judges it, it never passes by itself."""
    plan = Plan(3, figures=(row(0, **base), row(3, **final)))
    result = criterion(plan, code, rule_set)
    assert result.passed is None
    assert result.growth_pct is None
    assert "審査担当者の判断が必要" in result.message


def test_only_the_final_year_is_judged():
    """Intermediate years neither rescue nor sink a plan."""
    good_middle = Plan(3, figures=(row(0, 1_000), row(1, 5_000), row(2, 5_000), row(3, 1_089)))
    bad_middle = Plan(3, figures=(row(0, 1_000), row(1, 1), row(2, -500), row(3, 1_090)))
    assert criterion(good_middle, "value_added").passed is False
    assert criterion(bad_middle, "value_added").passed is True


@pytest.mark.parametrize(("final", "passed"), [(1_090, True), (1_089, False)])
def test_rnd_years_are_outside_the_thresholds(final, passed):
    """2 R&D years + 3 plan years: year 5 is judged against 9 % (3 years), not 15 %."""
    plan = Plan(
        3,
        rd_years=2,
        activity_types=("rnd",),
        figures=(row(0, 1_000), row(3, 2_000), row(5, final)),
    )
    result = criterion(plan, "value_added")
    assert (result.final, result.required_pct, result.passed) == (final, 9, passed)


# --- Missing and invalid data ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("figures", "error"),
    [
        ((row(3),), "基準年度（直近期末）の数値が入力されていません。"),
        ((row(0), row(2)), "3年目（最終年度）の数値が入力されていません。"),
    ],
)
def test_missing_year_is_an_error_and_nothing_is_judged(figures, error):
    criteria, errors = check_criteria(Plan(3, figures=figures), rule_set=rule_set_by_code("2020"))
    assert error in errors
    assert {c.passed for c in criteria} == {None}


@pytest.mark.parametrize(
    ("rule_set", "field", "label", "unjudged"),
    [
        ("2020", "sales", "売上高", {"value_added", "value_added_per_employee"}),
        ("2020", "personnel_cost", "人件費", {"value_added", "value_added_per_employee"}),
        ("2020", "depreciation", "減価償却費", {"value_added", "value_added_per_employee"}),
        ("2020", "employees", "従業員数", {"value_added_per_employee"}),
        ("2020", "total_salary", "給与支給総額", {"total_salary"}),
        ("2005", "non_operating_expenses", "営業外費用", {"ordinary_profit"}),
        (
            "2005",
            "sga",
            "販売費及び一般管理費",
            {"value_added", "value_added_per_employee", "ordinary_profit"},
        ),
    ],
)
def test_missing_figure_is_an_error(rule_set, field, label, unjudged):
    """A criterion that lacks an input is not judged (None) and the gap is named."""
    final = replace(row(3, 2_000, total_salary=2_000), **{field: None})
    criteria, errors = check_criteria(
        Plan(3, figures=(row(0), final)), rule_set=rule_set_by_code(rule_set)
    )
    assert errors == (f"3年目（最終年度）の{label}が入力されていません。",)
    assert {c.code for c in criteria if c.passed is None} == unjudged


@pytest.mark.parametrize(
    ("rule_set", "field"),
    [("2005", "total_salary"), ("2020", "non_operating_expenses"), ("2020", "capex")],
)
def test_figures_no_criterion_needs_are_not_errors(rule_set, field):
    final = replace(row(3, 2_000, total_salary=2_000), **{field: None})
    _, errors = check_criteria(
        Plan(3, figures=(row(0), final)), rule_set=rule_set_by_code(rule_set)
    )
    assert errors == ()


@pytest.mark.parametrize(("period", "rd_years"), [(None, 0), (2, 0), (6, 0), (3, 6), (3, -1)])
def test_invalid_period_leaves_nothing_to_judge(period, rd_years):
    """Without a 3–5 year period (and 0–5 R&D years) there is no final year and no threshold."""
    plan = Plan(period, rd_years=rd_years, figures=(row(0), row(3)))
    criteria, errors = check_criteria(plan, rule_set=rule_set_by_code("2020"))
    assert criteria == ()
    assert errors
    assert check_plan(plan, company(), on=date(2024, 4, 1), prefecture=KANAGAWA).passed is None
