"""Growth arithmetic: the exact growth of an indicator, its display value and the threshold.

Growth is computed as an exact fraction (floats are refused), shown to 0.01 % rounded down, and
compared with the rule set's per-year percentage times the 事業期間.
"""

import math
from decimal import Decimal
from fractions import Fraction
from numbers import Rational

from .rulesets import RuleSet

INDICATOR1 = ("value_added", "value_added_per_employee")


def _exact(value) -> Fraction:
    # Fraction(float) would carry the float's binary error into the comparison; refuse it.
    if not isinstance(value, Rational | Decimal):
        raise TypeError(f"exact number expected, got {type(value).__name__}")
    return Fraction(value)


def growth_exact(base, final) -> Fraction | None:
    """(B − A) ÷ |A| × 100 as an exact fraction; None when A = 0 or a value is missing."""
    if base is None or final is None or base == 0:
        return None
    base, final = _exact(base), _exact(final)
    return (final - base) / abs(base) * 100


def _display_pct(exact: Fraction) -> Decimal:
    # Rounded toward −∞: a failing 8.999 % shows as 8.99 %, never as the 9 % it missed, and as
    # every threshold is a multiple of 0.01 the shown value still compares like the exact one.
    return Decimal(math.floor(exact * 100)).scaleb(-2)


def growth_pct(base, final) -> Decimal | None:
    """Growth in %, to 0.01 rounded down, for display; None when A = 0 or a value is missing."""
    exact = growth_exact(base, final)
    return None if exact is None else _display_pct(exact)


def required_pct(rule_set: RuleSet, indicator: str, period_years: int) -> Decimal:
    """The threshold for a criterion code; R&D years do not count (DOMAIN.md §5)."""
    if indicator in INDICATOR1:
        return rule_set.indicator1_pct_per_year * period_years
    if indicator == rule_set.indicator2:
        return rule_set.indicator2_pct_per_year * period_years
    raise ValueError(f"rule set {rule_set.code} has no indicator {indicator!r}")
