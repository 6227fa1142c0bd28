"""What a staff task page shows, so a clerk decides without opening anything else.

``task_panel`` gathers, for one application: the facts (reference, company, theme, status,
version), the criteria as computed when the version was submitted (failures first) with the
applicant's acknowledgement, the submitted plan, what changed since the previous version, the
reviews and the whole history with every comment. ``why_not`` says in words why a user may not
work on a task. Presenters only read; verdicts come from the frozen check and the services.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from viewflow.workflow.status import STATUS

from approvals.constants import Status
from approvals.diff import Change, version_diff
from approvals.duties import duty_conflict
from approvals.history import ACTION_LABELS, APPLICANT_VISIBLE_COMMENTS
from approvals.models import Review
from approvals.presenters.check import (
    CRITERION_LABELS,
    FAILED,
    OPEN,
    PASSED,
    CriterionRow,
    verdict_of,
)
from approvals.presenters.summary import snapshot_summary
from approvals.rules.growth import INDICATOR1
from workflow.decisions import STEP_OF_NODE

# The applicant's labels, except where staff see what the applicant must not (the review's
# recommendation) or need the precise step.
STAFF_ACTION_LABELS = {
    **ACTION_LABELS,
    "recommend_approval": gettext_lazy("承認が適当"),
    "recommend_refusal": gettext_lazy("不承認が適当"),
    "send_back": gettext_lazy("審査に差戻し"),
}
_UNITS = {"value_added_per_employee": gettext_lazy("千円/人")}
OVERALL_LABELS = {
    True: gettext_lazy("提出時の計算では、承認基準を満たしています。"),
    False: gettext_lazy("提出時の計算で、承認基準を満たさない項目があります。"),
    None: gettext_lazy("数値が不足しているか、審査担当者の判断が必要な項目があります。"),
}


@dataclass(frozen=True)
class FrozenCheck:
    law: str
    overall: str
    overall_verdict: str
    criteria: list
    eligibility_problems: list
    has_failures: bool
    acknowledged: bool


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    actor: str
    step: str
    action: str
    comment: str
    to_applicant: bool
    code: str = ""


@dataclass(frozen=True)
class ReviewRow:
    at: datetime
    reviewer: str
    version: int
    recommendation: str
    checklist: list  # (label, ticked)
    opinion: str


@dataclass(frozen=True)
class TaskPanel:
    application: object
    version: object
    check: FrozenCheck | None
    summary: list
    changes: list[Change]
    compared: tuple | None  # (previous version number, this version number)
    request: HistoryRow | None  # the correction asked for before this version
    reviews: list
    history: list

    @property
    def latest_review(self):
        return self.reviews[0] if self.reviews else None


def _display(value, suffix="") -> str:
    if value in (None, ""):
        return "—"
    try:
        return f"{Decimal(str(value)):,}{suffix}"
    except InvalidOperation:
        return f"{value}{suffix}"


def _any3(values) -> bool | None:
    values = tuple(values)
    return True if True in values else None if None in values else False


def _order(row: CriterionRow) -> int:
    return 0 if row.is_failure else {FAILED: 1, OPEN: 2, PASSED: 3}[row.verdict]


def frozen_check(result: dict, *, acknowledged: bool) -> FrozenCheck:
    """The self-check as frozen into the version (``selectors.check_result_data``)."""
    criteria = result.get("criteria") or []
    indicator1 = _any3(c.get("passed") for c in criteria if c.get("code") in INDICATOR1)
    rows = []
    for c in criteria:
        code = c.get("code")
        is_failure = c.get("passed") is False and (code not in INDICATOR1 or indicator1 is False)
        rows.append(
            CriterionRow(
                code=code,
                label=CRITERION_LABELS.get(code, code),
                unit=_UNITS.get(code, gettext_lazy("千円")),
                base=_display(c.get("base")),
                final=_display(c.get("final")),
                growth=_display(c.get("growth_pct"), "%"),
                required=_display(c.get("required_pct"), "%"),
                verdict=verdict_of(c.get("passed")),
                message=c.get("message", ""),
                is_failure=is_failure,
            )
        )
    rows.sort(key=_order)
    passed = result.get("passed")
    return FrozenCheck(
        law=f"{result.get('law', '')} {result.get('article', '')}".strip(),
        overall=str(OVERALL_LABELS[passed]),
        overall_verdict=verdict_of(passed),
        criteria=rows,
        eligibility_problems=[
            e.get("message", "") for e in result.get("eligibility") or () if not e.get("passed")
        ],
        has_failures=any(row.is_failure for row in rows),
        acknowledged=acknowledged,
    )


def _person(user) -> str:
    return str(user) if user is not None else _("システム")


def history_rows(application) -> list[HistoryRow]:
    members = set(application.company.members.values_list("pk", flat=True))
    return [
        HistoryRow(
            at=entry.at,
            actor=_person(entry.actor),
            step=entry.get_step_display(),
            action=str(STAFF_ACTION_LABELS.get(entry.action, entry.action)),
            comment=entry.comment,
            to_applicant=entry.action in APPLICANT_VISIBLE_COMMENTS
            and entry.actor_id not in members,
            code=entry.action,
        )
        for entry in application.history.select_related("actor")
    ]


def review_rows(application) -> list[ReviewRow]:
    rows = []
    for review in application.reviews.select_related("reviewer").order_by("-at", "-id"):
        checklist = [
            (Review._meta.get_field(item).verbose_name, getattr(review, item))
            for item in Review.CHECKLIST
        ]
        rows.append(
            ReviewRow(
                review.at,
                _person(review.reviewer),
                review.version,
                review.get_recommendation_display(),
                checklist,
                review.opinion,
            )
        )
    return rows


def task_panel(application) -> TaskPanel:
    versions = list(application.versions.order_by("-number")[:2])
    version = versions[0] if versions else None
    check = summary = None
    changes, compared = [], None
    if version is not None:
        acknowledged = bool(version.data.get("acknowledged_failures"))
        check = frozen_check(version.check_result, acknowledged=acknowledged)
        summary = snapshot_summary(version.data)
    history = history_rows(application)
    request = None
    if len(versions) == 2:
        previous = versions[1]
        changes = version_diff(previous.data, version.data)
        compared = (previous.number, version.number)
        returns = [row for row in history if row.code == "return"]
        request = returns[-1] if returns else None
    return TaskPanel(
        application=application,
        version=version,
        check=check,
        summary=summary or [],
        changes=changes,
        compared=compared,
        request=request,
        reviews=review_rows(application),
        history=history,
    )


def why_not(task, user) -> str | None:
    """Why ``user`` may not work on this staff task now, in words; None if they may."""
    node = task.flow_task
    application = task.process.applicationprocess.application
    if task.status == STATUS.CANCELED or application.status == Status.WITHDRAWN:
        return _("この手続は終了しています（申請の取下げなど）。")
    if task.status == STATUS.DONE:
        who = _person(task.owner)
        when = task.finished.astimezone().strftime("%Y-%m-%d %H:%M") if task.finished else ""
        return _("このタスクは%(who)sさんが%(when)sに処理済みです。") % {"who": who, "when": when}
    permission = getattr(node, "_owner_permission", None)
    if permission and not user.has_perm(permission):
        return _("「%(task)s」を行う権限がありません（担当の役割が違います）。") % {
            "task": node.task_title
        }
    step = STEP_OF_NODE.get(node.name)
    conflict = duty_conflict(application=application, user=user, step=step) if step else None
    if conflict:
        return conflict
    if task.owner_id and task.owner_id != user.pk:
        return _("このタスクは%(who)sさんが担当しています。") % {"who": _person(task.owner)}
    return None
