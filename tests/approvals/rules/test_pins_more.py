"""What the mutation run found unpinned after the messages became translatable: error texts a
caller shows, default arguments, the final year the check hands on, rounding to any place."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from approvals.era import era_of
from approvals.errors import NoRuleSet
from approvals.identifiers import corporate_number_check_digit
from approvals.rules import Plan, check_plan, rule_set_by_code
from approvals.rules.figures import _half_up
from approvals.rules.growth import _exact, required_pct
from approvals.rules.rulesets import legal_basis_for
from tests.approvals.rules.builders import KANAGAWA, company, row


def test_error_texts():
    with pytest.raises(NoRuleSet, match="^承認基準「1999」はありません。$"):
        rule_set_by_code("1999")
    with pytest.raises(ValueError, match="^rule set 2020 has no indicator 'sales'$"):
        required_pct(rule_set_by_code("2020"), "sales", 3)
    with pytest.raises(TypeError, match="^exact number expected, got float$"):
        _exact(1.5)
    with pytest.raises(ValueError, match="^1926-12-24 is before the eras this system knows$"):
        era_of(date(1926, 12, 24))
    with pytest.raises(ValueError, match="^法人番号の基礎番号は半角数字12桁です。$"):
        corporate_number_check_digit("12345")


def test_the_legal_basis_is_the_approvals_by_default():
    basis = legal_basis_for(date(2024, 4, 1))
    assert basis.article() == basis.approval_article == "第14条第1項"
    assert basis.data() == {"law": basis.law, "article": "第14条第1項"}


@pytest.mark.parametrize(
    ("value", "places", "rounded"),
    [
        (Fraction(1, 8), 2, Decimal("0.13")),
        (Fraction(-1, 8), 2, Decimal("-0.13")),
        (Fraction(1, 3), 3, Decimal("0.333")),
        (Fraction(5, 2), 0, Decimal("3")),
    ],
)
def test_half_up_to_any_place(value, places, rounded):
    assert _half_up(value, places) == rounded


def test_the_check_counts_the_rnd_years_into_the_final_year_it_hands_on():
    """An R&D plan of 2 + 3 years: year 5 is the final year for the warnings and the funding."""
    plan = Plan(
        period_years=3,
        rd_years=2,
        activity_types=("rnd",),
        figures=(
            row(0),
            replace(row(5, 11_000), sales=12_000_000, capex=3_000),
            replace(row(6), capex=9_000),
        ),
        funding=(3_000,),
    )
    result = check_plan(plan, company(), on=date(2024, 4, 1), prefecture=KANAGAWA)
    assert result.warnings[0].message.startswith("5年目（最終年度）の売上高")
    assert (result.funding.required, result.funding.state) == (3_000, "balanced")
