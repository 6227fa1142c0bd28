"""Growth of an indicator and the thresholds it is compared with (DOMAIN.md §5)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from approvals.rules import growth_pct, required_pct, rule_set_by_code


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
