"""The self-check as the applicant sees it: a presenter over ``rules.CheckResult``.

Only wording and order live here; every verdict comes from ``approvals.rules``. Failures come
first, then what a reviewer must judge, then what passed (DOMAIN.md §5: the reviewer — and the
applicant — see the failure first).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

PASSED, FAILED, OPEN = "passed", "failed", "open"
VERDICT_LABELS = {PASSED: _("達成"), FAILED: _("未達"), OPEN: _("要判断")}
CRITERION_LABELS = {
    "value_added": _("付加価値額"),
    "value_added_per_employee": _("一人当たり付加価値額"),
    "ordinary_profit": _("経常利益"),
    "total_salary": _("給与支給総額"),
}
_UNITS = {"value_added_per_employee": _("千円/人")}
OVERALL_LABELS = {
    True: _("自己チェックでは、承認基準を満たしています。"),
    False: _("自己チェックで、承認基準を満たさない項目があります。"),
    None: _("数値が不足しているか、審査担当者の判断が必要な項目があります。"),
}


def verdict_of(passed: bool | None) -> str:
    return OPEN if passed is None else PASSED if passed else FAILED


def _number(value) -> str:
    if value is None:
        return "—"
    return f"{value:,}"


def _pct(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{value}%"


@dataclass(frozen=True)
class CriterionRow:
    code: str
    label: str
    unit: str
    base: str
    final: str
    growth: str
    required: str
    verdict: str
    message: str
    is_failure: bool

    @property
    def verdict_label(self):
        return VERDICT_LABELS[self.verdict]


@dataclass(frozen=True)
class CheckPanel:
    rule_set: str
    law: str
    overall: str
    overall_verdict: str
    criteria: list
    eligibility_problems: list
    errors: list
    has_failures: bool


def _criterion_row(criterion, failure_codes) -> CriterionRow:
    required = format(criterion.required_pct.normalize(), "f") + "%"
    return CriterionRow(
        code=criterion.code,
        label=CRITERION_LABELS.get(criterion.code, criterion.code),
        unit=_UNITS.get(criterion.code, _("千円")),
        base=_number(criterion.base),
        final=_number(criterion.final),
        growth=_pct(criterion.growth_pct),
        required=required,
        verdict=verdict_of(criterion.passed),
        message=str(criterion.message),
        is_failure=criterion.code in failure_codes,
    )


def _order(row: CriterionRow) -> int:
    if row.is_failure:
        return 0
    return {FAILED: 1, OPEN: 2, PASSED: 3}[row.verdict]


def check_panel(result) -> CheckPanel:
    failure_codes = {c.code for c in result.failures}
    rows = sorted((_criterion_row(c, failure_codes) for c in result.criteria), key=_order)
    basis = result.legal_basis
    return CheckPanel(
        rule_set=_("%(date)s以降の申請に適用される審査基準")
        % {
            "date": date_format(result.rule_set.valid_from, "DATE_FORMAT"),
        },
        law=f"{basis.law} {basis.approval_article}",
        overall=OVERALL_LABELS[result.passed],
        overall_verdict=verdict_of(result.passed),
        criteria=rows,
        eligibility_problems=[str(e.message) for e in result.eligibility if not e.passed],
        # Without criteria the errors only repeat the plan-period problem shown as eligibility.
        errors=[str(e) for e in result.errors] if result.criteria else [],
        has_failures=bool(result.failures),
    )
