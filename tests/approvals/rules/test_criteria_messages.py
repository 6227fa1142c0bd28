# ruff: noqa: E501 - the messages are compared whole
"""Every criteria message and data error, word for word: the Japanese the record keeps, the
English of the live self-check, and the Japanese again through ``localized``."""

from dataclasses import replace

import pytest
from django.utils import translation

from approvals import terms
from approvals.rules import Plan, check_criteria, rule_set_by_code
from tests.approvals.rules.builders import row

R2020 = rule_set_by_code("2020")
CASES = {
    "no_period": Plan(period_years=None),
    "period_6": Plan(period_years=6),
    "rd_6": Plan(period_years=3, rd_years=6),
    "no_rows": Plan(period_years=3),
    "pass": Plan(period_years=3, figures=(row(0), row(3, 11_000, total_salary=1_100))),
    "fail": Plan(period_years=3, figures=(row(0), row(3, 10_500, total_salary=1_010))),
    "zero_employees": Plan(
        period_years=3, figures=(row(0, employees=0), row(3, 11_000, total_salary=1_100))
    ),
    "loss": Plan(period_years=3, figures=(row(0), row(3, 0, total_salary=0))),
    "base_zero": Plan(
        period_years=3, figures=(row(0, 0, total_salary=0), row(3, 11_000, total_salary=1_100))
    ),
    "missing_sales": Plan(
        period_years=3,
        figures=(replace(row(0), sales=None, sga=None), row(3, 11_000, total_salary=1_100)),
    ),
    "rd_2_one_person": Plan(
        period_years=3,
        rd_years=2,
        figures=(row(0, employees=1), row(5, 11_000, employees=1, total_salary=1_100)),
    ),
}
EXPECTED = [
    (
        "no_period",
        "error",
        0,
        None,
        "事業期間は3～5年で入力してください（入力: 未入力）。",
        "Enter a plan period of 3 to 5 years (entered: Not entered).",
    ),
    (
        "period_6",
        "error",
        0,
        None,
        "事業期間は3～5年で入力してください（入力: 6年）。",
        "Enter a plan period of 3 to 5 years (entered: 6 years).",
    ),
    (
        "rd_6",
        "error",
        0,
        None,
        "研究開発期間は0～5年で入力してください（入力: 6年）。",
        "Enter an R&D period of 0 to 5 years (entered: 6 years).",
    ),
    (
        "no_rows",
        "error",
        0,
        None,
        "基準年度（直近期末）の数値が入力されていません。",
        "No figures have been entered for Base year (most recent year end).",
    ),
    (
        "no_rows",
        "error",
        1,
        None,
        "3年目（最終年度）の数値が入力されていません。",
        "No figures have been entered for Year 3 (final year).",
    ),
    (
        "no_rows",
        "value_added",
        None,
        None,
        "基準年度又は最終年度の数値が不足しているため、付加価値額を判定できません。",
        "Value added cannot be judged because figures of the base year or the final year are missing.",
    ),
    (
        "no_rows",
        "value_added_per_employee",
        None,
        None,
        "基準年度又は最終年度の数値が不足しているため、一人当たり付加価値額を判定できません。",
        "Value added per employee cannot be judged because figures of the base year or the final year are missing.",
    ),
    (
        "no_rows",
        "total_salary",
        None,
        None,
        "基準年度又は最終年度の数値が不足しているため、給与支給総額を判定できません。",
        "Total salaries paid cannot be judged because figures of the base year or the final year are missing.",
    ),
    (
        "pass",
        "value_added",
        None,
        True,
        "付加価値額の伸び率 10.00% は基準 9.00% 以上です（基準年度 10,000千円 → 最終年度 11,000千円）。",
        "Growth of Value added, 10.00%, meets the required 9.00% (base year 10,000 thousand yen → final year 11,000 thousand yen).",
    ),
    (
        "pass",
        "value_added_per_employee",
        None,
        True,
        "一人当たり付加価値額の伸び率 10.00% は基準 9.00% 以上です（基準年度 1,000.0千円/人 → 最終年度 1,100.0千円/人）。",
        "Growth of Value added per employee, 10.00%, meets the required 9.00% (base year 1,000.0 thousand yen per person → final year 1,100.0 thousand yen per person).",
    ),
    (
        "pass",
        "total_salary",
        None,
        True,
        "給与支給総額の伸び率 10.00% は基準 4.50% 以上です（基準年度 1,000千円 → 最終年度 1,100千円）。",
        "Growth of Total salaries paid, 10.00%, meets the required 4.50% (base year 1,000 thousand yen → final year 1,100 thousand yen).",
    ),
    (
        "fail",
        "value_added",
        None,
        False,
        "付加価値額の伸び率 5.00% は基準 9.00% に達していません（基準年度 10,000千円 → 最終年度 10,500千円）。",
        "Growth of Value added, 5.00%, is below the required 9.00% (base year 10,000 thousand yen → final year 10,500 thousand yen).",
    ),
    (
        "fail",
        "value_added_per_employee",
        None,
        False,
        "一人当たり付加価値額の伸び率 5.00% は基準 9.00% に達していません（基準年度 1,000.0千円/人 → 最終年度 1,050.0千円/人）。",
        "Growth of Value added per employee, 5.00%, is below the required 9.00% (base year 1,000.0 thousand yen per person → final year 1,050.0 thousand yen per person).",
    ),
    (
        "fail",
        "total_salary",
        None,
        False,
        "給与支給総額の伸び率 1.00% は基準 4.50% に達していません（基準年度 1,000千円 → 最終年度 1,010千円）。",
        "Growth of Total salaries paid, 1.00%, is below the required 4.50% (base year 1,000 thousand yen → final year 1,010 thousand yen).",
    ),
    (
        "zero_employees",
        "value_added",
        None,
        True,
        "付加価値額の伸び率 10.00% は基準 9.00% 以上です（基準年度 10,000千円 → 最終年度 11,000千円）。",
        "Growth of Value added, 10.00%, meets the required 9.00% (base year 10,000 thousand yen → final year 11,000 thousand yen).",
    ),
    (
        "zero_employees",
        "value_added_per_employee",
        None,
        None,
        "従業員数が0人の年度があるため一人当たり付加価値額を計算できません。審査担当者の判断が必要です。",
        "Value added per employee cannot be calculated because a year has 0 employees. A reviewer must judge it.",
    ),
    (
        "zero_employees",
        "total_salary",
        None,
        True,
        "給与支給総額の伸び率 10.00% は基準 4.50% 以上です（基準年度 1,000千円 → 最終年度 1,100千円）。",
        "Growth of Total salaries paid, 10.00%, meets the required 4.50% (base year 1,000 thousand yen → final year 1,100 thousand yen).",
    ),
    (
        "loss",
        "value_added",
        None,
        False,
        "3年目（最終年度）の付加価値額が0千円です。正の値である必要があります。",
        "Value added in Year 3 (final year) is 0 thousand yen. It must be positive.",
    ),
    (
        "loss",
        "value_added_per_employee",
        None,
        False,
        "3年目（最終年度）の一人当たり付加価値額が0.0千円/人です。正の値である必要があります。",
        "Value added per employee in Year 3 (final year) is 0.0 thousand yen per person. It must be positive.",
    ),
    (
        "loss",
        "total_salary",
        None,
        False,
        "3年目（最終年度）の給与支給総額が0千円です。正の値である必要があります。",
        "Total salaries paid in Year 3 (final year) is 0 thousand yen. It must be positive.",
    ),
    (
        "base_zero",
        "value_added",
        None,
        None,
        "基準年度の付加価値額が0のため伸び率を計算できません。審査担当者の判断が必要です。",
        "The growth rate cannot be calculated because Value added in the base year is 0. A reviewer must judge it.",
    ),
    (
        "base_zero",
        "value_added_per_employee",
        None,
        None,
        "基準年度の一人当たり付加価値額が0のため伸び率を計算できません。審査担当者の判断が必要です。",
        "The growth rate cannot be calculated because Value added per employee in the base year is 0. A reviewer must judge it.",
    ),
    (
        "base_zero",
        "total_salary",
        None,
        None,
        "基準年度の給与支給総額が0のため伸び率を計算できません。審査担当者の判断が必要です。",
        "The growth rate cannot be calculated because Total salaries paid in the base year is 0. A reviewer must judge it.",
    ),
    (
        "missing_sales",
        "error",
        0,
        None,
        "基準年度（直近期末）の売上高・販売費及び一般管理費が入力されていません。",
        "Base year (most recent year end): Sales, Selling, general and administrative expenses not entered.",
    ),
    (
        "missing_sales",
        "value_added",
        None,
        None,
        "基準年度又は最終年度の数値が不足しているため、付加価値額を判定できません。",
        "Value added cannot be judged because figures of the base year or the final year are missing.",
    ),
    (
        "missing_sales",
        "value_added_per_employee",
        None,
        None,
        "基準年度又は最終年度の数値が不足しているため、一人当たり付加価値額を判定できません。",
        "Value added per employee cannot be judged because figures of the base year or the final year are missing.",
    ),
    (
        "missing_sales",
        "total_salary",
        None,
        True,
        "給与支給総額の伸び率 10.00% は基準 4.50% 以上です（基準年度 1,000千円 → 最終年度 1,100千円）。",
        "Growth of Total salaries paid, 10.00%, meets the required 4.50% (base year 1,000 thousand yen → final year 1,100 thousand yen).",
    ),
    (
        "rd_2_one_person",
        "value_added",
        None,
        True,
        "付加価値額の伸び率 10.00% は基準 9.00% 以上です（基準年度 10,000千円 → 最終年度 11,000千円）。",
        "Growth of Value added, 10.00%, meets the required 9.00% (base year 10,000 thousand yen → final year 11,000 thousand yen).",
    ),
    (
        "rd_2_one_person",
        "value_added_per_employee",
        None,
        True,
        "一人当たり付加価値額の伸び率 10.00% は基準 9.00% 以上です（基準年度 10,000.0千円/人 → 最終年度 11,000.0千円/人）。",
        "Growth of Value added per employee, 10.00%, meets the required 9.00% (base year 10,000.0 thousand yen per person → final year 11,000.0 thousand yen per person).",
    ),
    (
        "rd_2_one_person",
        "total_salary",
        None,
        True,
        "給与支給総額の伸び率 10.00% は基準 4.50% 以上です（基準年度 1,000千円 → 最終年度 1,100千円）。",
        "Growth of Total salaries paid, 10.00%, meets the required 4.50% (base year 1,000 thousand yen → final year 1,100 thousand yen).",
    ),
]


@pytest.mark.parametrize(("case", "code", "index", "passed", "japanese", "english"), EXPECTED)
def test_each_criteria_message_word_for_word(case, code, index, passed, japanese, english):
    criteria, errors = check_criteria(CASES[case], rule_set=R2020)
    if code == "error":
        message = errors[index]
    else:
        result = {c.code: c for c in criteria}[code]
        assert result.passed is passed
        message = result.message
    assert str(message) == japanese
    with translation.override("en"):
        assert terms.localized(message) == english
    with translation.override("ja"):
        assert terms.localized(message) == japanese


@pytest.mark.parametrize(
    ("case", "missing"),
    [
        ("no_rows", {"value_added": True, "value_added_per_employee": True, "total_salary": True}),
        ("pass", {"value_added": False, "value_added_per_employee": False, "total_salary": False}),
        (
            "missing_sales",
            {"value_added": True, "value_added_per_employee": True, "total_salary": False},
        ),
        (
            "zero_employees",
            {"value_added": False, "value_added_per_employee": False, "total_salary": False},
        ),
    ],
)
def test_a_criterion_is_missing_exactly_when_an_input_it_needs_is_empty(case, missing):
    criteria, _errors = check_criteria(CASES[case], rule_set=R2020)
    assert {c.code: c.missing for c in criteria} == missing


def test_an_ordinary_loss_in_the_final_year_fails_in_its_own_words():
    plan = Plan(period_years=3, figures=(row(0), row(3, 11_000, ordinary_profit=-100)))
    criteria, _errors = check_criteria(plan, rule_set=rule_set_by_code("2005"))
    result = {c.code: c for c in criteria}["ordinary_profit"]
    assert result.passed is False
    assert (
        str(result.message)
        == "3年目（最終年度）の経常利益が-100千円です。黒字である必要があります。"
    )
    with translation.override("en"):
        assert terms.localized(result.message) == (
            "Ordinary profit in Year 3 (final year) is -100 thousand yen. It must be a profit."
        )
