"""The self-check as a panel: live for the applicant, or frozen with a submitted version.

One presenter over the check as ``selectors.check_result_data`` writes it, which is both what
the live check computes now and what each version keeps of the check at its submission: the
applicant's panel and the staff's criteria read alike. Only wording and order live here; every
verdict comes from ``approvals.rules`` (which failures fail the plan: ``rules.failing_codes``).
Failures come first, then what a reviewer must judge, then what passed (DOMAIN.md §5: the
reviewer — and the applicant — see the failure first).
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from approvals import rules, selectors, terms
from approvals.errors import NoRuleSet

PASSED, FAILED, OPEN, MISSING = "passed", "failed", "open", "missing"
# MISSING is a criterion not judged yet because a figure it needs is empty: a neutral 未入力,
# not the 要判断 that asks a reviewer (the API keeps ``passed: null`` and says ``missing``).
VERDICT_LABELS = {PASSED: _("達成"), FAILED: _("未達"), OPEN: _("要判断"), MISSING: _("未入力")}
MISSING_MESSAGE = _("数値を入力すると判定します。")
LIVE_OVERALL = {
    True: _("自己チェックでは、承認基準を満たしています。"),
    False: _("自己チェックで、承認基準を満たさない項目があります。"),
    None: _("数値が不足しているか、審査担当者の判断が必要な項目があります。"),
    MISSING: _("まだ判定に必要な数値が入力されていません。数値を入力すると判定します。"),
}
FROZEN_OVERALL = {
    True: _("提出時の計算では、承認基準を満たしています。"),
    False: _("提出時の計算で、承認基準を満たさない項目があります。"),
    None: _("数値が不足しているか、審査担当者の判断が必要な項目があります。"),
    MISSING: _("提出時には、判定に必要な数値が入力されていませんでした。"),
}


def verdict_of(passed: bool | None) -> str:
    return OPEN if passed is None else PASSED if passed else FAILED


def _is_missing(criterion: dict) -> bool:
    """Not judged for want of a figure; a version frozen before the flag existed says so by
    an empty base or final value."""
    if criterion.get("passed") is not None:
        return False
    if "missing" in criterion:
        return bool(criterion["missing"])
    return criterion.get("base") is None or criterion.get("final") is None


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
    acknowledged: bool | None = None  # frozen: the applicant acknowledged the failures
    warnings: list = ()  # messages that never fail the plan (approvals.rules.money)
    funding: dict | None = None  # 必要資金 vs 調達計, as check_result_data writes it


def _display(value, suffix: str = "") -> str:
    if value in (None, ""):
        return terms.EMPTY_CELL
    try:
        return f"{Decimal(str(value)):,}{suffix}"
    except InvalidOperation:
        return f"{value}{suffix}"


def _rate(value) -> str:
    """A rate with two decimals, like every rate on the page: 9.00%, 4.50%, 22.72%.

    The growth comes rounded down to 0.01 from the rules, so a failing 8.999% shows as 8.99%
    next to the required 9.00%, never as a passing-looking 9.0%."""
    if value in (None, ""):
        return terms.EMPTY_CELL
    try:
        return f"{Decimal(str(value)):.2f}%"
    except (InvalidOperation, TypeError, ValueError):
        return terms.EMPTY_CELL


def _row(criterion: dict, failing) -> CriterionRow:
    code = criterion.get("code")
    figure = terms.FIGURE.get(code)
    missing = _is_missing(criterion)
    return CriterionRow(
        code=code,
        label=figure.label if figure else code,
        unit=figure.unit_label if figure else terms.label(terms.THOUSAND_YEN),
        base=_display(criterion.get("base")),
        final=_display(criterion.get("final")),
        growth=_rate(criterion.get("growth_pct")),
        required=_rate(criterion.get("required_pct")),
        verdict=MISSING if missing else verdict_of(criterion.get("passed")),
        message=str(MISSING_MESSAGE) if missing else criterion.get("message", ""),
        is_failure=code in failing,
    )


def _order(row: CriterionRow) -> int:
    return 0 if row.is_failure else {FAILED: 1, OPEN: 2, MISSING: 3, PASSED: 4}[row.verdict]


def rule_set_label(code) -> str:
    """「2020年10月1日以降の申請に適用される審査基準」 for a rule set's code (empty if unknown)."""
    try:
        valid_from = rules.rule_set_by_code(code).valid_from
    except NoRuleSet:
        return ""
    return _("%(date)s以降の申請に適用される審査基準") % {
        "date": date_format(valid_from, "DATE_FORMAT")
    }


def panel_of(data: dict, *, overall_labels=LIVE_OVERALL, acknowledged=None) -> CheckPanel:
    """The panel of a check as ``selectors.check_result_data`` writes it."""
    criteria = data.get("criteria") or []
    failing = rules.failing_codes({c.get("code"): c.get("passed") for c in criteria})
    rows = sorted((_row(c, failing) for c in criteria), key=_order)
    passed = data.get("passed")
    overall = verdict_of(passed)
    if passed is None and rows and all(r.verdict in (MISSING, PASSED, FAILED) for r in rows):
        overall = MISSING  # nothing for a reviewer to judge: only figures still to be typed
    return CheckPanel(
        rule_set=rule_set_label(data.get("rule_set")),
        law=f"{data.get('law', '')} {data.get('article', '')}".strip(),
        overall=str(overall_labels[MISSING if overall == MISSING else passed]),
        overall_verdict=overall,
        criteria=rows,
        eligibility_problems=[
            e.get("message", "") for e in data.get("eligibility") or () if not e.get("passed")
        ],
        # Without criteria the errors only repeat the plan-period problem shown as eligibility.
        errors=list(data.get("errors") or ()) if criteria else [],
        has_failures=bool(failing),
        acknowledged=acknowledged,
        warnings=[w.get("message", "") for w in data.get("warnings") or ()],
        funding=data.get("funding"),
    )


def check_panel(result: rules.CheckResult) -> CheckPanel:
    """The applicant's live panel of a check just computed."""
    return panel_of(selectors.check_result_data(result, localized=True))


def frozen_check(data: dict, *, acknowledged: bool) -> CheckPanel:
    """The check as frozen into a version, for the staff who judge that version."""
    return panel_of(data, overall_labels=FROZEN_OVERALL, acknowledged=acknowledged)
