"""The approval criteria (DOMAIN.md §5): "a considerable improvement of performance".

Value added, value added per employee and the rule set's second indicator are judged from the
base year (0) and the final plan year only; each ``CriterionResult`` is three-valued, with a
message for the applicant, and missing figures are reported as data errors.
"""

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from approvals.terms import (
    FIGURE,
    NOT_ENTERED,
    Joined,
    Message,
    amount_message,
    plural_message,
    year_message,
)
from approvals.terms import message as _  # a Japanese message, found by makemessages

from .figures import (
    MAX_RD_YEARS,
    PERIOD_YEARS,
    _ordinary_profit,
    _value_added,
    _value_added_per_employee,
    _value_added_per_employee_exact,
)
from .growth import INDICATOR1, _display_pct, growth_exact, required_pct
from .rulesets import RuleSet

_VALUE_ADDED_INPUTS = ("sales", "cost_of_sales", "sga", "personnel_cost", "depreciation")
_INPUTS = {
    "value_added": _VALUE_ADDED_INPUTS,
    "value_added_per_employee": (*_VALUE_ADDED_INPUTS, "employees"),
    "ordinary_profit": ("sales", "cost_of_sales", "sga", "non_operating_expenses"),
    "total_salary": ("total_salary",),
}
# Exact values for judging; per employee as a Fraction, so 1000/3 → 1090/3 is exactly 9 %.
_EXACT = {
    "value_added": _value_added,
    "value_added_per_employee": _value_added_per_employee_exact,
    "ordinary_profit": _ordinary_profit,
    "total_salary": lambda f: f.total_salary,
}
_SHOWN = {**_EXACT, "value_added_per_employee": _value_added_per_employee}


@dataclass(frozen=True)
class CriterionResult:
    code: str
    base: Decimal | int | None
    final: Decimal | int | None
    growth_pct: Decimal | None  # for display: 0.01, rounded down (see _display_pct)
    required_pct: Decimal
    passed: bool | None  # None: a reviewer must judge, or figures are missing
    message: str
    missing: bool = False  # not judged because an input of the base or final year is empty


def _name(key: str) -> Message:
    return Message(FIGURE[key].name)


def _amount(code: str, value) -> Message:
    return amount_message(f"{value:,}", FIGURE[code].unit)


def _year_label(year: int, final_year: int) -> Message:
    return year_message(year, final_year)


def _years(n) -> Message:
    return plural_message("%(n)d年", "%(n)d年", n, n=n)


def _plan_errors(plan) -> list[str]:
    errors = []
    if plan.period_years not in PERIOD_YEARS:
        shown = Message(NOT_ENTERED) if plan.period_years is None else _years(plan.period_years)
        errors.append(_("事業期間は3～5年で入力してください（入力: %(shown)s）。", shown=shown))
    if not 0 <= (plan.rd_years or 0) <= MAX_RD_YEARS:  # pragma: no mutate (None: 0 or 1 both pass)
        errors.append(
            _(
                "研究開発期間は0～5年で入力してください（入力: %(shown)s）。",
                shown=_years(plan.rd_years),
            )
        )
    return errors


def _missing_figures(rows: dict, final_year: int, codes) -> list[str]:
    fields = dict.fromkeys(field for code in codes for field in _INPUTS[code])
    errors = []
    for year in (0, final_year):
        label = _year_label(year, final_year)
        if rows.get(year) is None:
            errors.append(_("%(year)sの数値が入力されていません。", year=label))
            continue
        missing = [_name(f) for f in fields if getattr(rows[year], f) is None]
        if missing:
            errors.append(
                _(
                    "%(year)sの%(rows)sが入力されていません。",
                    year=label,
                    rows=Joined(missing, "・"),
                )
            )
    return errors


def _not_computable(code: str, rows) -> str:
    name = _name(code)
    if code == "value_added_per_employee" and any(r and r.employees == 0 for r in rows):
        return _(
            "従業員数が0人の年度があるため%(name)sを計算できません。審査担当者の判断が必要です。",
            name=name,
        )
    return _("基準年度又は最終年度の数値が不足しているため、%(name)sを判定できません。", name=name)


def _verdict(draft: CriterionResult, exact, growth, rows, final_year: int):
    """(passed, message) for a criterion whose shown values are already in ``draft``."""
    code, name = draft.code, _name(draft.code)
    base, final = exact
    if base is None or final is None:
        return None, _not_computable(code, rows)
    # A final-year value of 0 or less fails whatever the growth (a smaller loss is no success).
    if final <= 0:
        shown = _amount(code, draft.final)
        final_label = _year_label(final_year, final_year)
        if code == "ordinary_profit":
            return False, _(
                "%(year)sの経常利益が%(value)sです。黒字である必要があります。",
                year=final_label,
                value=shown,
            )
        return False, _(
            "%(year)sの%(name)sが%(value)sです。正の値である必要があります。",
            year=final_label,
            name=name,
            value=shown,
        )
    # Growth from 0 has no percentage; approving or refusing it is the reviewer's call.
    if growth is None:
        return (
            None,
            _(
                "基準年度の%(name)sが0のため伸び率を計算できません。審査担当者の判断が必要です。",
                name=name,
            ),
        )
    passed = growth >= Fraction(draft.required_pct)
    values = {
        "name": name,
        "growth": f"{draft.growth_pct:.2f}",
        "required": f"{draft.required_pct:.2f}",
        "base": _amount(code, draft.base),
        "final": _amount(code, draft.final),
    }
    if passed:
        return passed, _(
            "%(name)sの伸び率 %(growth)s%% は基準 %(required)s%% 以上です"
            "（基準年度 %(base)s → 最終年度 %(final)s）。",
            **values,
        )
    return passed, _(
        "%(name)sの伸び率 %(growth)s%% は基準 %(required)s%% に達していません"
        "（基準年度 %(base)s → 最終年度 %(final)s）。",
        **values,
    )


def _judge(code: str, rows, required: Decimal, final_year: int) -> CriterionResult:
    exact = [None if r is None else _EXACT[code](r) for r in rows]
    shown = [None if r is None else _SHOWN[code](r) for r in rows]
    growth = growth_exact(*exact)
    shown_growth = None if growth is None else _display_pct(growth)
    # Equivalent mutants of the draft's message: _verdict's message always replaces it.
    draft = CriterionResult(
        code,
        *shown,
        shown_growth,
        required,
        passed=None,
        message="",  # pragma: no mutate
    )
    passed, message = _verdict(draft, exact, growth, rows, final_year)
    missing = any(r is None or any(getattr(r, f) is None for f in _INPUTS[code]) for r in rows)
    return replace(draft, passed=passed, message=message, missing=missing)


def _final_year(plan) -> int:
    # The R&D years come first; the thresholds count the 事業期間 only.
    return (plan.rd_years or 0) + plan.period_years


def check_criteria(
    plan, *, rule_set: RuleSet
) -> tuple[tuple[CriterionResult, ...], tuple[str, ...]]:
    """The criteria (value added, per employee, the rule set's indicator 2) and data errors.

    Without a valid period there is no final year to judge, so no criteria are returned at all.
    """
    errors = _plan_errors(plan)
    if errors:
        return (), tuple(errors)
    final_year = _final_year(plan)
    rows = {f.year: f for f in plan.figures}
    codes = (*INDICATOR1, rule_set.indicator2)
    judged_rows = (rows.get(0), rows.get(final_year))
    criteria = tuple(
        _judge(code, judged_rows, required_pct(rule_set, code, plan.period_years), final_year)
        for code in codes
    )
    return criteria, tuple(_missing_figures(rows, final_year, codes))
