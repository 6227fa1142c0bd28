"""Money warnings: figures that look typed in 円, and funding against the investment."""

import pytest

from approvals import rules
from approvals.rules import money
from approvals.rules.figures import Figures


def _warnings(**values):
    return money.looks_like_yen([Figures(year=0, **values)], final_year=3)


@pytest.mark.parametrize(
    ("amount", "warned"),
    [(9_999_999, False), (10_000_000, True), (-10_000_000, True), (-9_999_999, False)],
)
def test_an_amount_of_100_oku_yen_or_more_looks_like_yen(amount, warned):
    warnings = _warnings(sga=amount, employees=300)
    assert bool(warnings) is warned
    if warned:
        (warning,) = warnings
        assert (warning.code, warning.year, warning.figure) == ("looks_like_yen", 0, "sga")
        assert "基準年度（直近期末）の販売費及び一般管理費" in warning.message
        assert "千円単位で入力してください" in warning.message


@pytest.mark.parametrize(("sales", "warned"), [(4_999_999, False), (5_000_000, True)])
def test_sales_of_10_oku_yen_per_employee_or_more_look_like_yen(sales, warned):
    # 5 employees: 5 × 1,000,000千円 is the bound, below the absolute 10,000,000千円.
    warnings = _warnings(sales=sales, employees=5)
    assert bool(warnings) is warned
    if warned:
        (warning,) = warnings
        assert warning.figure == "sales"
        assert "従業員5人" in warning.message


def test_a_smaller_firm_typing_in_yen_is_caught_per_employee():
    # 2 employees, 800万円 of sales typed in 円: 8,000,000 (below the absolute bound).
    (warning,) = _warnings(sales=8_000_000, employees=2)
    assert warning.figure == "sales"


def test_ordinary_small_firm_figures_give_no_warning():
    assert not _warnings(sales=120_000, cost_of_sales=80_000, employees=25, capex=5_000)


def test_no_employees_gives_no_per_employee_warning():
    assert not _warnings(sales=5_000_000, employees=0)
    assert not _warnings(sales=5_000_000)


@pytest.mark.parametrize(
    ("thousands", "words"),
    [
        (120_000, "1億2,000万円"),
        (100_000, "1億円"),
        (5_000, "500万円"),
        (1, "1,000円"),
        (12_345, "1,234万5,000円"),
        (-500, "▲50万円"),
        (0, "0円"),
        (1_000_000_000, "1兆円"),
    ],
)
def test_yen_words(thousands, words):
    assert money.yen_words(thousands) == words


def _plan_figures(capex, working_capital):
    return [
        Figures(year=0, capex=99_999, working_capital=99_999),  # the base year is no plan year
        Figures(year=1, capex=capex, working_capital=working_capital),
        Figures(year=2, capex=0, working_capital=working_capital),
        Figures(year=4, capex=99_999),  # beyond the final year (3)
    ]


@pytest.mark.parametrize(
    ("raised", "state", "said"),
    [
        ((4_000, 2_999), "shortfall", "1千円不足しています"),
        ((4_000, 3_000), "balanced", "過不足はありません"),
        ((4_000, 3_001), "excess", "1千円超過しています"),
    ],
)
def test_funding_is_reconciled_with_the_investment_of_the_plan_years(raised, state, said):
    balance = money.funding_balance(_plan_figures(5_000, 1_000), raised, final_year=3)
    assert balance.required == 7_000  # 5,000 + 1,000 + 1,000: plan years 1 … 3 only
    assert balance.raised == sum(raised)
    assert balance.state == state
    assert said in balance.message
    assert "必要資金（設備投資額＋運転資金）7,000千円" in balance.message
    codes = [w.code for w in money.funding_warnings(balance)]
    expected = {"shortfall": ["funding_shortfall"], "excess": ["funding_excess"]}
    assert codes == expected.get(state, [])


def test_no_investment_and_no_funding_says_nothing():
    assert money.funding_balance([Figures(year=1)], (), final_year=3) is None


def test_an_investment_without_funding_is_a_shortfall():
    balance = money.funding_balance([Figures(year=1, capex=800)], (), final_year=3)
    assert (balance.state, balance.difference) == ("shortfall", -800)


def test_the_check_carries_the_warnings_without_failing_the_plan():
    from datetime import date

    from tests.factories import passing_figures

    rows = passing_figures(3)
    rows[0] = {**rows[0], "sales": rows[0]["sales"] * 1000}  # typed in 円
    plan = rules.Plan(
        period_years=3,
        figures=tuple(Figures(year=y, **v) for y, v in rows.items()),
        funding=(4_000,),
    )
    from approvals.rules.eligibility import CompanyFacts

    facts = CompanyFacts(
        prefecture="神奈川県",
        legal_form="kabushiki",
        industry="manufacturing",
        capital=10_000_000,
        employees=25,
        closed_fiscal_years=5,
    )
    result = rules.check_plan(plan, facts, on=date(2026, 12, 1), prefecture="神奈川県")
    codes = [w.code for w in result.warnings]
    assert codes == ["looks_like_yen", "funding_shortfall"]
    assert result.funding.required == 8_000
