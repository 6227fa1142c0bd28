"""Behaviours the mutation run found unpinned (issue 19): each test here fails under a change of
the rule modules that would alter a verdict, a threshold, a date or an identifier."""

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from approvals.era import format_era_date
from approvals.fiscal import fiscal_year_of, local_date
from approvals.identifiers import normalize_number, normalize_postal_code
from approvals.regions import region_for
from approvals.rules import (
    Plan,
    check_criteria,
    check_eligibility,
    check_plan,
    derived,
    rule_set_by_code,
)
from tests.approvals.rules.builders import KANAGAWA, company, row


def _criterion(plan, code, rule_set="2020"):
    criteria, _errors = check_criteria(plan, rule_set=rule_set_by_code(rule_set))
    return next(c for c in criteria if c.code == code)


@pytest.mark.parametrize("legal_form", ["kabushiki", "sole"])
def test_a_company_without_a_prefecture_is_not_in_the_jurisdiction(legal_form):
    place = "住所" if legal_form == "sole" else "本店所在地"
    [jurisdiction, *_rest] = check_eligibility(
        company(prefecture="", legal_form=legal_form), on=date(2024, 4, 1), prefecture=KANAGAWA
    )
    assert (jurisdiction.code, jurisdiction.passed) == ("jurisdiction", False)
    assert jurisdiction.message == f"{place}の都道府県が入力されていません。"
    plan = Plan(3, figures=(row(0, 1_000), row(3, 2_000)))
    result = check_plan(plan, company(prefecture=""), on=date(2024, 4, 1), prefecture=KANAGAWA)
    assert result.eligible is False


@pytest.mark.parametrize(
    ("rule_set", "code", "field"),
    [
        ("2005", "ordinary_profit", "ordinary_profit"),
        ("2020", "value_added", "value_added"),
        ("2020", "total_salary", "total_salary"),
    ],
)
def test_the_smallest_positive_final_year_value_is_judged_on_its_growth(rule_set, code, field):
    """−100 → +1 千円 is a 101 % growth: positive in the final year, so it passes."""
    plan = Plan(3, figures=(row(0, **{field: -100}), row(3, **{field: 1})))
    result = _criterion(plan, code, rule_set)
    assert (result.final, result.growth_pct, result.passed) == (1, Decimal("101.00"), True)


@pytest.mark.parametrize(("final", "passed"), [(1_090, True), (1_089, False)])
def test_a_plan_with_the_most_rnd_years_is_judged_in_its_last_year(final, passed):
    """5 R&D years + 3 plan years: year 8 is judged, against 9 % (the 3 plan years)."""
    plan = Plan(
        3,
        rd_years=5,
        activity_types=("rnd",),
        figures=(row(0, 1_000), row(3, 5_000), row(8, final)),
    )
    result = _criterion(plan, "value_added")
    assert (result.final, result.required_pct, result.passed) == (final, 9, passed)
    checked = check_plan(plan, company(), on=date(2024, 4, 1), prefecture=KANAGAWA)
    rnd = next(e for e in checked.eligibility if e.code == "rnd")
    assert (rnd.passed, rnd.message) == (True, "研究開発期間は5年です。")


def test_the_first_day_of_showa():
    assert format_era_date(date(1926, 12, 25)) == "昭和元年12月25日"


@pytest.mark.parametrize(
    ("value_added", "employees", "shown"),
    [
        (1, 3, Decimal("0.3")),
        (1, 20, Decimal("0.1")),  # 0.05 rounds half up
        (1, 21, Decimal("0.0")),
        (-1, 3, Decimal("-0.3")),
        (2, 3, Decimal("0.7")),
    ],
)
def test_value_added_per_employee_below_one_keeps_its_sign(value_added, employees, shown):
    figures = row(1, value_added, employees=employees)
    assert derived(figures)["value_added_per_employee"] == shown


@pytest.mark.parametrize("value", ["123456", "12-3456", "１２３４５６", "12ー3456"])
def test_a_six_digit_postal_code_is_refused(value):
    assert normalize_postal_code(value) is None


def test_the_figure_dash_is_a_minus():
    assert normalize_number("\u20125") == "-5"  # U+2012 FIGURE DASH


@pytest.mark.parametrize(
    ("municipality", "region"),
    [
        ("茅が崎市", "湘南"),
        ("横浜市 中区", "横浜"),
        ("小田原市\u3000", "県西"),
        ("茅ヶ崎 市", "湘南"),
    ],
)
def test_municipalities_as_typed(municipality, region):
    assert region_for(municipality) == region


def test_check_plan_reports_the_data_errors_of_its_criteria():
    plan = Plan(3, figures=(row(0, 1_000),))
    result = check_plan(plan, company(), on=date(2024, 4, 1), prefecture=KANAGAWA)
    assert "3年目（最終年度）の数値が入力されていません。" in result.errors
    assert result.passed is None


@pytest.mark.parametrize(
    ("field", "label"), [("cost_of_sales", "売上原価"), ("sga", "販売費及び一般管理費")]
)
def test_a_missing_cost_row_is_named_and_leaves_value_added_unjudged(field, label):
    final = replace(row(3, 2_000, total_salary=2_000), **{field: None})
    criteria, errors = check_criteria(
        Plan(3, figures=(row(0), final)), rule_set=rule_set_by_code("2020")
    )
    assert errors == (f"3年目（最終年度）の{label}が入力されていません。",)
    unjudged = {c.code for c in criteria if c.passed is None}
    assert unjudged == {"value_added", "value_added_per_employee"}


def test_without_a_base_year_the_final_years_gaps_are_still_reported():
    final = replace(row(3, 2_000), sales=None)
    _criteria, errors = check_criteria(Plan(3, figures=(final,)), rule_set=rule_set_by_code("2020"))
    assert errors == (
        "基準年度（直近期末）の数値が入力されていません。",
        "3年目（最終年度）の売上高が入力されていません。",
    )


@pytest.mark.parametrize(
    ("day", "fiscal_year"),
    [
        (date(2027, 3, 31), 2026),
        (date(2027, 4, 1), 2027),
        (date(2026, 12, 31), 2026),
        (date(2027, 1, 1), 2026),
    ],
)
def test_the_fiscal_year_turns_on_april_first(day, fiscal_year):
    assert fiscal_year_of(day) == fiscal_year


def test_the_fiscal_year_of_a_moment_is_on_the_tokyo_date():
    """2027-03-31 15:00 UTC is already 4/1 in Tokyo: FY2027."""
    moment = datetime(2027, 3, 31, 15, 0, tzinfo=UTC)
    assert fiscal_year_of(local_date(moment)) == 2027
