"""The legal rules of a 経営革新計画, at their boundaries (DOMAIN.md §1, §3–§5; no database)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from types import SimpleNamespace

import pytest

from approvals.rules import (
    RULE_SETS,
    CheckResult,
    CompanyFacts,
    CriterionResult,
    Figures,
    NoRuleSet,
    Plan,
    check_criteria,
    check_eligibility,
    check_plan,
    derived,
    growth_pct,
    legal_basis_for,
    required_pct,
    rule_set_by_code,
    rule_set_for,
)

KANAGAWA = "神奈川県"
PERSONNEL, DEPRECIATION, COST, SGA = 400, 100, 2_000, 500


def row(year, value_added=10_000, *, ordinary_profit=None, employees=10, total_salary=1_000):
    """A 別表3 row built backwards from the indicators a test is about."""
    operating_profit = value_added - PERSONNEL - DEPRECIATION
    if ordinary_profit is None:
        ordinary_profit = operating_profit
    return Figures(
        year,
        sales=operating_profit + COST + SGA,
        cost_of_sales=COST,
        sga=SGA,
        non_operating_expenses=operating_profit - ordinary_profit,
        personnel_cost=PERSONNEL,
        depreciation=DEPRECIATION,
        employees=employees,
        total_salary=total_salary,
    )


def criterion(plan, code, rule_set="2020"):
    criteria, _ = check_criteria(plan, rule_set=rule_set_by_code(rule_set))
    return next(c for c in criteria if c.code == code)


def company(**overrides):
    facts = {
        "prefecture": KANAGAWA,
        "legal_form": "kabushiki",
        "industry": "manufacturing",
        "capital": 10_000_000,
        "employees": 20,
        "closed_fiscal_years": 2,
    }
    return CompanyFacts(**(facts | overrides))


def eligibility(facts, *, on=date(2024, 4, 1), plan=None, prefecture=KANAGAWA):
    results = check_eligibility(facts, on=on, prefecture=prefecture, plan=plan)
    return {result.code: result for result in results}


# --- Figures (別表3) ---------------------------------------------------------------------------


def test_derived_rows():
    """Derived rows follow §4; 経常利益 leaves non-operating income out."""
    figures = Figures(
        0,
        sales=10_000,
        cost_of_sales=6_000,
        sga=2_500,
        non_operating_expenses=300,
        personnel_cost=1_800,
        depreciation=400,
        employees=7,
    )
    assert derived(figures) == {
        "gross_profit": 4_000,
        "operating_profit": 1_500,
        "ordinary_profit": 1_200,
        "value_added": 3_700,
        "value_added_per_employee": Decimal("528.6"),  # 3700 / 7 = 528.571…
    }
    assert figures.value_added == 3_700
    assert figures.ordinary_profit == 1_200


ALL_FROM_SALES = {"gross_profit", "operating_profit", "ordinary_profit", "value_added"}
PER_EMPLOYEE = "value_added_per_employee"


@pytest.mark.parametrize(
    ("missing", "none_rows"),
    [
        ("sales", ALL_FROM_SALES | {PER_EMPLOYEE}),
        ("cost_of_sales", ALL_FROM_SALES | {PER_EMPLOYEE}),
        ("sga", {"operating_profit", "ordinary_profit", "value_added", PER_EMPLOYEE}),
        ("non_operating_expenses", {"ordinary_profit"}),
        ("personnel_cost", {"value_added", PER_EMPLOYEE}),
        ("depreciation", {"value_added", PER_EMPLOYEE}),
        ("employees", {PER_EMPLOYEE}),
    ],
)
def test_derived_rows_are_none_when_an_input_is_missing(missing, none_rows):
    """A derived row is None when one of its inputs is not entered, never a guess."""
    figures = Figures(
        0,
        **{
            "sales": 10_000,
            "cost_of_sales": 6_000,
            "sga": 2_500,
            "non_operating_expenses": 300,
            "personnel_cost": 1_800,
            "depreciation": 400,
            "employees": 7,
        }
        | {missing: None},
    )
    assert {name for name, value in derived(figures).items() if value is None} == none_rows


@pytest.mark.parametrize(
    ("value_added", "employees", "per_employee"),
    [
        (1_001, 20, Decimal("50.1")),  # 50.05 rounds half up
        (-1_001, 20, Decimal("-50.1")),
        (1_000, 3, Decimal("333.3")),
        (2_000, 3, Decimal("666.7")),
        (1_000, 0, None),  # no employees: no ratio
        (1_000, None, None),
    ],
)
def test_value_added_per_employee_display(value_added, employees, per_employee):
    """Per employee is shown to 0.1 千円, half up; any object with the attributes will do."""
    duck = SimpleNamespace(
        sales=value_added,
        cost_of_sales=0,
        sga=0,
        non_operating_expenses=0,
        personnel_cost=0,
        depreciation=0,
        employees=employees,
    )
    assert derived(duck)["value_added_per_employee"] == per_employee


# --- Rule sets and legal bases (§1) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "code"),
    [
        (date(2005, 4, 13), "2005"),
        (date(2020, 9, 30), "2005"),
        (date(2020, 10, 1), "2020"),
        (date(2026, 11, 24), "2020"),
    ],
)
def test_rule_set_for(on, code):
    """Applications are judged by the rule set in force on the day they are submitted."""
    assert rule_set_for(on).code == code
    assert rule_set_by_code(code) == rule_set_for(on)


@pytest.mark.parametrize(
    ("on", "law", "approval_article", "change_article"),
    [
        (
            date(2005, 4, 13),
            "中小企業の新たな事業活動の促進に関する法律",
            "第9条第1項",
            "第10条第1項",
        ),
        (
            date(2016, 6, 30),
            "中小企業の新たな事業活動の促進に関する法律",
            "第9条第1項",
            "第10条第1項",
        ),
        (date(2016, 7, 1), "中小企業等経営強化法", "第14条第1項", "第15条第1項"),
        (date(2020, 10, 1), "中小企業等経営強化法", "第14条第1項", "第15条第1項"),
    ],
)
def test_legal_basis_for(on, law, approval_article, change_article):
    """The law printed on documents changed on 2016-07-01."""
    basis = legal_basis_for(on)
    assert (basis.law, basis.approval_article, basis.change_article) == (
        law,
        approval_article,
        change_article,
    )


def test_legal_basis_short_name_of_the_2005_law():
    assert legal_basis_for(date(2010, 1, 1)).short_name == "中小企業新事業活動促進法"


@pytest.mark.parametrize("lookup", [rule_set_for, legal_basis_for])
def test_no_rule_set_before_2005_04_13(lookup):
    """Plans under 中小企業経営革新支援法 are history only; nothing judges them."""
    with pytest.raises(NoRuleSet, match="2005年4月13日"):
        lookup(date(2005, 4, 12))
    assert issubclass(NoRuleSet, ValueError)


def test_rule_set_by_unknown_code():
    with pytest.raises(NoRuleSet):
        rule_set_by_code("1999")


def test_rule_sets_are_contiguous():
    """Every day from 2005-04-13 on has exactly one rule set."""
    first, second = RULE_SETS
    assert (first.valid_to - second.valid_from).days == -1
    assert second.valid_to is None


# --- Growth (§5) -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "final", "pct"),
    [
        (100, 109, Decimal("9.00")),
        (1_000, 1_089, Decimal("8.90")),
        (100, 50, Decimal("-50.00")),
        (-100, -50, Decimal("50.00")),  # divided by |A|: a smaller loss is growth
        (-100, 50, Decimal("150.00")),
        (-100, -150, Decimal("-50.00")),
        (3, 4, Decimal("33.33")),
        (3, 5, Decimal("66.66")),  # 66.666… is shown rounded down, not up
        (100_000, 108_999, Decimal("8.99")),  # 8.999 % never shows as the 9 % it missed
        (100_000, 99_999, Decimal("-0.01")),  # rounded toward −∞: no "-0.00"
        (Fraction(1_000, 3), Fraction(1_090, 3), Decimal("9.00")),
        (Decimal("333.3"), Decimal("363.297"), Decimal("9.00")),
        (0, 100, None),  # growth from nothing has no percentage
        (0, 0, None),
        (None, 100, None),
        (100, None, None),
    ],
)
def test_growth_pct(base, final, pct):
    """Growth = (B − A) ÷ |A| × 100, shown to 0.01 rounded down."""
    result = growth_pct(base, final)
    assert result == pct
    if pct is not None:
        assert result.as_tuple().exponent == -2


def test_growth_pct_refuses_floats():
    """Binary floats would blur the boundary; amounts are int, Decimal or Fraction."""
    with pytest.raises(TypeError):
        growth_pct(100.0, 109.0)


@pytest.mark.parametrize(
    ("rule_set", "indicator", "years", "pct"),
    [
        ("2005", "value_added", 3, Decimal("9")),
        ("2005", "value_added_per_employee", 4, Decimal("12")),
        ("2020", "value_added", 5, Decimal("15")),
        ("2005", "ordinary_profit", 3, Decimal("3")),
        ("2005", "ordinary_profit", 4, Decimal("4")),
        ("2005", "ordinary_profit", 5, Decimal("5")),
        ("2020", "total_salary", 3, Decimal("4.5")),
        ("2020", "total_salary", 4, Decimal("6")),
        ("2020", "total_salary", 5, Decimal("7.5")),
    ],
)
def test_required_pct(rule_set, indicator, years, pct):
    """3 % a year for indicator 1; 1 % (2005) or 1.5 % (2020) a year for indicator 2."""
    assert required_pct(rule_set_by_code(rule_set), indicator, years) == pct


@pytest.mark.parametrize(
    ("rule_set", "indicator"), [("2005", "total_salary"), ("2020", "ordinary_profit")]
)
def test_required_pct_of_the_other_rule_sets_indicator(rule_set, indicator):
    with pytest.raises(ValueError):
        required_pct(rule_set_by_code(rule_set), indicator, 3)


# --- Criteria at their thresholds (§5) ---------------------------------------------------------


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
    ("years", "final", "passed"),
    [
        (3, 1_030, True),
        (3, 1_029, False),
        (4, 1_040, True),
        (4, 1_039, False),
        (5, 1_050, True),
        (5, 1_049, False),
    ],
)
def test_ordinary_profit_threshold_2005(years, final, passed):
    """Under the 2005 rule set 経常利益 must grow by 1 % × years."""
    plan = Plan(years, figures=(row(0, ordinary_profit=1_000), row(years, ordinary_profit=final)))
    assert criterion(plan, "ordinary_profit", "2005").passed is passed


@pytest.mark.parametrize(
    ("years", "final", "passed"),
    [
        (3, 1_045, True),
        (3, 1_044, False),
        (4, 1_060, True),
        (4, 1_059, False),
        (5, 1_075, True),
        (5, 1_074, False),
    ],
)
def test_total_salary_threshold_2020(years, final, passed):
    """Since 2020-10-01 給与支給総額 must grow by 1.5 % × years (4.5 / 6 / 7.5 %)."""
    plan = Plan(years, figures=(row(0, total_salary=1_000), row(years, total_salary=final)))
    assert criterion(plan, "total_salary", "2020").passed is passed


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
    assert "付加価値額の伸び率 8.99% は基準 9% に達していません" in result.message


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


# --- Combining the criteria (three-valued) -----------------------------------------------------


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


# --- Eligibility (§3) --------------------------------------------------------------------------


def test_jurisdiction_inside_the_prefecture():
    assert eligibility(company())["jurisdiction"].passed is True


def test_jurisdiction_elsewhere_goes_to_the_regional_bureau():
    """A head office outside the prefecture is refused with a pointer to 経済産業局."""
    result = eligibility(company(prefecture="東京都"))["jurisdiction"]
    assert result.passed is False
    assert result.message == (
        "本店所在地が神奈川県外のため、神奈川県では受け付けできません。"
        "本店所在地を管轄する経済産業局へ申請してください。"
    )
    other = eligibility(company(), prefecture="埼玉県")["jurisdiction"]
    assert other.passed is False
    assert "埼玉県では受け付けできません" in other.message


@pytest.mark.parametrize(("years", "passed"), [(None, False), (0, False), (1, True), (5, True)])
def test_closed_fiscal_year(years, passed):
    """At least one closed fiscal year (one 決算) is needed."""
    assert eligibility(company(closed_fiscal_years=years))["closed_fiscal_year"].passed is passed


@pytest.mark.parametrize(
    "legal_form", ["kabushiki", "godo", "yugen", "goshi", "gomei", "sole", "other"]
)
def test_legal_form_eligible(legal_form):
    assert eligibility(company(legal_form=legal_form))["legal_form"].passed is True


@pytest.mark.parametrize(
    ("legal_form", "message"),
    [
        ("npo", "非営利法人は経営革新計画の対象外です。"),
        ("medical", "医療法人は経営革新計画の対象外です。"),
        ("school", "学校法人は経営革新計画の対象外です。"),
        ("", "組織形態が選択されていません。"),
    ],
)
def test_legal_form_not_eligible(legal_form, message):
    """Non-profit, medical and school corporations are not eligible, and are told why."""
    result = eligibility(company(legal_form=legal_form))["legal_form"]
    assert (result.passed, result.message) == (False, message)


# 中小企業者: capital (yen) or employees at or below; 特定事業者: employees at or below.
SME = {
    "manufacturing": (300_000_000, 300),
    "other": (300_000_000, 300),
    "wholesale": (100_000_000, 100),
    "services": (50_000_000, 100),
    "retail": (50_000_000, 50),
    "rubber": (300_000_000, 900),
    "software": (300_000_000, 300),
    "inn": (50_000_000, 200),
}
SPECIFIED = {
    "manufacturing": 500,
    "other": 500,
    "rubber": 500,
    "wholesale": 400,
    "retail": 300,
    "services": 300,
    "software": 500,
    "inn": 500,
}
SME_ONLY = date(2021, 8, 1)
TRANSITION = (date(2021, 8, 2), date(2023, 3, 31))
SPECIFIED_ONLY = date(2023, 4, 1)
MANY = 10_000


def _sme_only_cases():
    for industry, (capital, employees) in SME.items():
        yield industry, capital, MANY, True
        yield industry, capital + 1, employees, True
        yield industry, capital + 1, employees + 1, False
        if SPECIFIED[industry] > employees:  # 特定事業者 does not exist yet
            yield industry, capital + 1, SPECIFIED[industry], False


def _transition_cases():
    for industry, (capital, employees) in SME.items():
        specified = SPECIFIED[industry]
        yield industry, capital, MANY, True
        yield industry, capital + 1, employees, True
        yield industry, capital + 1, specified, True
        yield industry, capital + 1, max(employees, specified) + 1, False


def _specified_only_cases():
    for industry, specified in SPECIFIED.items():
        yield industry, 1, specified, True
        yield industry, 1, specified + 1, False  # a small capital no longer helps


@pytest.mark.parametrize(("industry", "capital", "employees", "passed"), list(_sme_only_cases()))
def test_sme_size_before_2021_08_02(industry, capital, employees, passed):
    """Until 2021-08-01 only 中小企業者: capital or employees at or below the industry's limits."""
    facts = company(industry=industry, capital=capital, employees=employees)
    assert eligibility(facts, on=SME_ONLY)["sme_size"].passed is passed


@pytest.mark.parametrize("on", TRANSITION)
@pytest.mark.parametrize(("industry", "capital", "employees", "passed"), list(_transition_cases()))
def test_sme_size_2021_08_02_to_2023_03_31(on, industry, capital, employees, passed):
    """From 2021-08-02 to 2023-03-31 either 中小企業者 or 特定事業者 suffices."""
    facts = company(industry=industry, capital=capital, employees=employees)
    assert eligibility(facts, on=on)["sme_size"].passed is passed


@pytest.mark.parametrize(
    ("industry", "capital", "employees", "passed"), list(_specified_only_cases())
)
def test_sme_size_from_2023_04_01(industry, capital, employees, passed):
    """From 2023-04-01 only 特定事業者: employees at or below, capital does not count."""
    facts = company(industry=industry, capital=capital, employees=employees)
    assert eligibility(facts, on=SPECIFIED_ONLY)["sme_size"].passed is passed


def test_rubber_with_900_employees_until_2023_03_31_only():
    """Rubber's 900-employee 中小企業者 limit outlived 2021-08-02, but not 2023-04-01."""
    facts = company(industry="rubber", capital=300_000_001, employees=900)
    assert eligibility(facts, on=date(2023, 3, 31))["sme_size"].passed is True
    assert eligibility(facts, on=date(2023, 4, 1))["sme_size"].passed is False


@pytest.mark.parametrize(("employees", "passed"), [(50, True), (51, False)])
def test_sole_proprietor_is_judged_on_employees_only(employees, passed):
    """A sole proprietor has no capital: a 'capital' value must not make it a 中小企業者."""
    facts = company(legal_form="sole", industry="retail", capital=1, employees=employees)
    assert eligibility(facts, on=SME_ONLY)["sme_size"].passed is passed


@pytest.mark.parametrize(
    ("on", "capital", "employees", "passed", "named"),
    [
        (SME_ONLY, None, None, False, "資本金・従業員数が入力されていない"),
        (SME_ONLY, None, 301, False, "資本金が入力されていない"),
        (SME_ONLY, None, 300, True, ""),
        (SME_ONLY, 300_000_000, None, True, ""),
        (SPECIFIED_ONLY, 1, None, False, "従業員数が入力されていない"),
    ],
)
def test_sme_size_with_missing_facts(on, capital, employees, passed, named):
    """Missing facts fail only when they are needed, and the message names them."""
    result = eligibility(company(capital=capital, employees=employees), on=on)["sme_size"]
    assert result.passed is passed
    assert named in result.message


def test_sme_size_unknown_industry():
    assert eligibility(company(industry=""))["sme_size"].passed is False


@pytest.mark.parametrize(
    ("years", "passed"), [(None, False), (2, False), (3, True), (4, True), (5, True), (6, False)]
)
def test_period(years, passed):
    """The plan period (事業期間) is 3, 4 or 5 years."""
    result = eligibility(company(), plan=Plan(years))["period"]
    assert result.passed is passed


@pytest.mark.parametrize(
    ("on", "rd_years", "activity_types", "passed"),
    [
        (date(2020, 9, 30), 0, ("new_product",), True),
        (date(2020, 9, 30), 0, ("rnd",), False),  # the R&D type did not exist yet
        (date(2020, 9, 30), 1, ("rnd",), False),
        (date(2020, 10, 1), 0, ("rnd",), True),
        (date(2020, 10, 1), 2, ("rnd", "new_product"), True),
        (date(2020, 10, 1), 5, ("rnd",), True),
        (date(2020, 10, 1), 6, ("rnd",), False),
        (date(2020, 10, 1), 2, ("new_product",), False),  # R&D years need the R&D type
    ],
)
def test_rnd(on, rd_years, activity_types, passed):
    """R&D-type plans and 0–5 R&D years only from 2020-10-01, and only with the R&D type."""
    plan = Plan(3, rd_years=rd_years, activity_types=activity_types)
    assert eligibility(company(), on=on, plan=plan)["rnd"].passed is passed


def test_plan_checks_only_with_a_plan():
    assert tuple(eligibility(company())) == (
        "jurisdiction",
        "closed_fiscal_year",
        "legal_form",
        "sme_size",
    )
    assert tuple(eligibility(company(), plan=Plan(3))) == (
        "jurisdiction",
        "closed_fiscal_year",
        "legal_form",
        "sme_size",
        "period",
        "rnd",
    )


def test_eligible_needs_every_check():
    plan = Plan(3, figures=(row(0), row(3)))
    assert check_plan(plan, company(), on=date(2024, 4, 1), prefecture=KANAGAWA).eligible is True
    outside = check_plan(
        plan, company(prefecture="東京都"), on=date(2024, 4, 1), prefecture=KANAGAWA
    )
    assert outside.eligible is False
