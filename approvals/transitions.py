"""The staff steps of the procedure as services: intake, review and the decision.

Each service locks the application row, checks that the application is at the step, checks
the separation of duties, changes the status, writes the history row and queues the
applicant's e-mail for after the commit. The flow (workflow/) calls these through
``decision_apply``, the one way from a step's decision to its service, for the task pages and
the API alike; nothing else changes an application's status after submission.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals import notifications, processing
from approvals.constants import (
    STEP_DECISIONS,
    Action,
    ApplicationKind,
    Decision,
    PlanSection,
    Recommendation,
    Status,
    Step,
)
from approvals.duties import duty_conflict
from approvals.errors import CommentRequired, InvalidTransition, NotPermitted
from approvals.models import (
    Application,
    Approval,
    Authority,
    ChangeApproval,
    Refusal,
    Review,
)
from approvals.numbering import approval_grant
from approvals.services import application_lock, application_submit, history_add
from approvals.targets.memo import bump_target_revision
from approvals.targets.processing_times import count_decision

# Decisions that need a comment, and what to say when there is none: the correction request
# goes to the applicant, and a refusal must give its reasons (行政手続法第8条).
_COMMENT_REQUIRED = {
    (Step.INTAKE, Decision.RETURN): gettext_lazy("補正を依頼する内容を書いてください。"),
    (Step.REVIEW, Decision.RETURN): gettext_lazy("補正を依頼する内容を書いてください。"),
    (Step.DECISION, Decision.REFUSE): gettext_lazy(
        "不承認の理由を書いてください（行政手続法第8条）。"
    ),
}


def comment_required(step: str, decision: str) -> str | None:
    """The message when this decision at this step has no comment, or None if it needs none.

    The staff form, the API's serializer and the services below all ask this one rule.
    """
    message = _COMMENT_REQUIRED.get((step, decision))
    return None if message is None else str(message)


def _require_comment(step: str, decision: str, comment: str) -> str:
    comment = (comment or "").strip()
    message = comment_required(step, decision)
    if message and not comment:
        raise CommentRequired(message)
    return comment


def correction_due_default(on=None):
    """The 補正期限 a correction request gets unless staff set another: the authority's number
    of days from today."""
    on = on or timezone.localdate()
    return on + timedelta(days=Authority.current().correction_days)


def correction_problems(sections, due_on) -> dict[str, str]:
    """Why the sections or the deadline of a correction request cannot be used (field → message);
    the staff form, the API's serializer and the services below all ask this one rule."""
    problems = {}
    unknown = [s for s in sections or () if s not in PlanSection.values]
    if unknown:
        problems["sections"] = _("補正の対象に使えない項目があります: %(keys)s") % {
            "keys": ", ".join(map(str, unknown))
        }
    if due_on is not None and due_on < timezone.localdate():
        problems["due_on"] = _("補正期限には今日以降の日付を指定してください。")
    return problems


def _correction(sections, due_on) -> tuple[list[str], object]:
    problems = correction_problems(sections, due_on)
    if problems:
        raise InvalidTransition(" ".join(problems.values()))
    ordered = [s for s in PlanSection.values if s in set(sections or ())]
    return ordered, due_on or correction_due_default()


def _lock_at(application, *, status: str, actor, step: str) -> Application:
    locked = application_lock(application)
    if locked.status != status:
        raise InvalidTransition(
            _("この申請は「%(status)s」のため、この操作はできません。")
            % {"status": locked.get_status_display()}
        )
    conflict = duty_conflict(application=locked, user=actor, step=step)
    if conflict:
        raise NotPermitted(conflict)
    return locked


def _set_status(application: Application, status: str, *extra: str) -> None:
    application.status = status
    application.save(update_fields=["status", "updated_at", *extra])


@transaction.atomic
def intake_accept(*, application, actor, comment: str = "", memo: str = "") -> Application:
    locked = _lock_at(application, status=Status.SUBMITTED, actor=actor, step=Step.INTAKE)
    _set_status(locked, Status.UNDER_REVIEW)
    history_add(
        application=locked,
        actor=actor,
        step=Step.INTAKE,
        action=Action.ACCEPT,
        comment=(comment or "").strip(),
        memo=(memo or "").strip(),
    )
    return locked


@transaction.atomic
def intake_return(
    *, application, actor, comment: str, memo: str = "", sections=(), due_on=None
) -> Application:
    comment = _require_comment(Step.INTAKE, Decision.RETURN, comment)
    sections, due_on = _correction(sections, due_on)
    locked = _lock_at(application, status=Status.SUBMITTED, actor=actor, step=Step.INTAKE)
    return _return_for_correction(locked, actor, Step.INTAKE, comment, memo, sections, due_on)


def _return_for_correction(locked, actor, step, comment, memo, sections, due_on) -> Application:
    """補正依頼: the request (`comment`), its sections and deadline go to the applicant, by
    e-mail and on their pages; the memo stays with the staff. The clock stops: no due date
    until the corrected version arrives."""
    locked.processing_due_on = None
    _set_status(locked, Status.RETURNED, "processing_due_on")
    history_add(
        application=locked,
        actor=actor,
        step=step,
        action=Action.RETURN,
        comment=comment,
        memo=(memo or "").strip(),
        sections=sections,
        due_on=due_on,
    )
    notifications.queue_returned(locked, comment, sections=sections, due_on=due_on)
    return locked


_RECOMMENDED = {
    Recommendation.APPROVAL: Action.RECOMMEND_APPROVAL,
    Recommendation.REFUSAL: Action.RECOMMEND_REFUSAL,
}


@transaction.atomic
def review_recommend(
    *,
    application,
    actor,
    recommendation: str,
    checklist: dict | None = None,
    opinion: str = "",
    comment: str = "",
) -> Application:
    """The reviewer's recommendation: the opinion (内部メモ) is internal and goes with the
    review to the decider; `comment` is a message the applicant may read."""
    if recommendation not in _RECOMMENDED:
        raise InvalidTransition(_("審査結果が正しくありません。"))
    locked = _lock_at(application, status=Status.UNDER_REVIEW, actor=actor, step=Step.REVIEW)
    _record_review(locked, actor, recommendation, checklist, opinion)
    _set_status(locked, Status.AWAITING_DECISION)
    history_add(
        application=locked,
        actor=actor,
        step=Step.REVIEW,
        action=_RECOMMENDED[recommendation],
        comment=(comment or "").strip(),
        memo=(opinion or "").strip(),
    )
    return locked


@transaction.atomic
def review_return(
    *,
    application,
    actor,
    comment: str,
    checklist: dict | None = None,
    memo: str = "",
    sections=(),
    due_on=None,
):
    comment = _require_comment(Step.REVIEW, Decision.RETURN, comment)
    sections, due_on = _correction(sections, due_on)
    locked = _lock_at(application, status=Status.UNDER_REVIEW, actor=actor, step=Step.REVIEW)
    _record_review(locked, actor, Recommendation.RETURN, checklist, (memo or "").strip())
    return _return_for_correction(locked, actor, Step.REVIEW, comment, memo, sections, due_on)


def _record_review(application, actor, recommendation, checklist, opinion) -> Review:
    checklist = checklist or {}
    return Review.objects.create(
        application=application,
        version=application.version,
        reviewer=actor,
        recommendation=recommendation,
        opinion=opinion,
        **{item: bool(checklist.get(item)) for item in Review.CHECKLIST},
    )


@transaction.atomic
def decision_approve(*, application, actor, comment: str = "", memo: str = "") -> Application:
    locked = _lock_at(application, status=Status.AWAITING_DECISION, actor=actor, step=Step.DECISION)
    now = timezone.now()
    if locked.kind == ApplicationKind.CHANGE:
        # A change keeps the approval number and never counts toward target ②: no new
        # Approval, a ChangeApproval (第n回変更) of the original's (DOMAIN.md §10).
        number = _change_approve(locked, actor, timezone.localdate(now)).document_number
    else:
        number = approval_grant(
            application=locked, actor=actor, approved_on=timezone.localdate(now)
        ).number
    locked.decided_at = now
    processing.record_decision_clock(locked)
    _set_status(locked, Status.APPROVED, "decided_at", *processing.DECISION_CLOCK_FIELDS)
    # approval_grant replaced the token for a new plan; a change's replaces it here.
    _count_processing_time(locked, bump=locked.kind == ApplicationKind.CHANGE)
    history_add(
        application=locked,
        actor=actor,
        step=Step.DECISION,
        action=Action.APPROVE,
        comment=(comment or "").strip() or number,
        memo=(memo or "").strip(),
    )
    notifications.queue_decided(locked)
    return locked


def _count_processing_time(application: Application, *, bump: bool) -> None:
    """The decision in the public processing times (approvals.targets.processing_times): the
    revision token replaced (unless approval_grant did), then the tally row, in that order
    in every decision."""
    if bump:
        bump_target_revision()
    count_decision(application)


def _change_approve(change: Application, actor, approved_on) -> ChangeApproval:
    """Record the approval of a change, 第n回変更 of the original approval, with a history row
    on the original; the original stays approved under its number."""
    original = application_lock(change.changes)
    if original.status != Status.APPROVED:
        raise InvalidTransition(
            _("変更する計画は「%(status)s」のため、変更を承認できません。")
            % {"status": original.get_status_display()}
        )
    approval = Approval.objects.select_for_update().get(application=original)
    seq = approval.changes.count() + 1
    change_approval = ChangeApproval.objects.create(
        application=change,
        approval=approval,
        seq=seq,
        approved_on=approved_on,
        approved_by=actor,
        **ChangeApproval.issuer_now(),
    )
    history_add(
        application=original,
        actor=actor,
        step=Step.CHANGE,
        action=Action.CHANGE_APPROVE,
        comment=_("第%(seq)d回変更を承認（%(ref)s）") % {"seq": seq, "ref": change.reference},
    )
    return change_approval


@transaction.atomic
def decision_refuse(*, application, actor, reasons: str, memo: str = "") -> Application:
    reasons = _require_comment(Step.DECISION, Decision.REFUSE, reasons)
    locked = _lock_at(application, status=Status.AWAITING_DECISION, actor=actor, step=Step.DECISION)
    now = timezone.now()
    Refusal.objects.create(
        application=locked,
        reasons=reasons,
        refused_on=timezone.localdate(now),
        refused_by=actor,
        **Refusal.issuer_now(),
    )
    locked.decided_at = now
    processing.record_decision_clock(locked)
    _set_status(locked, Status.REFUSED, "decided_at", *processing.DECISION_CLOCK_FIELDS)
    _count_processing_time(locked, bump=True)
    if locked.kind == ApplicationKind.CHANGE:
        # The approved plan stays exactly as it was; its history says the change was refused.
        history_add(
            application=locked.changes,
            actor=actor,
            step=Step.CHANGE,
            action=Action.CHANGE_REFUSE,
            comment=_("変更承認申請 %(ref)s を不承認") % {"ref": locked.reference},
        )
    history_add(
        application=locked,
        actor=actor,
        step=Step.DECISION,
        action=Action.REFUSE,
        comment=reasons,
        memo=(memo or "").strip(),
    )
    notifications.queue_decided(locked)
    return locked


@transaction.atomic
def decision_send_back(*, application, actor, comment: str = "", memo: str = "") -> Application:
    locked = _lock_at(application, status=Status.AWAITING_DECISION, actor=actor, step=Step.DECISION)
    _set_status(locked, Status.UNDER_REVIEW)
    history_add(
        application=locked,
        actor=actor,
        step=Step.DECISION,
        action=Action.SEND_BACK,
        comment=(comment or "").strip(),
        memo=(memo or "").strip(),
    )
    return locked


def decision_apply(
    *,
    application,
    step,
    decision,
    actor,
    comment="",
    memo="",
    checklist=None,
    sections=(),
    due_on=None,
    acknowledge_failures=False,
):
    """Run the service of one decision of one step (the correction's: the resubmission).

    `comment` is what the applicant may read (the correction request, the refusal's reasons, a
    message with any other decision; at the correction, the applicant's reply); `memo` is
    internal to the prefecture and never shown to the applicant. `sections` and `due_on`
    belong to a correction request.
    """
    if decision not in STEP_DECISIONS.get(step, ()):
        raise InvalidTransition(_("この手続では選べない判断です。"))
    person = {"application": application, "actor": actor}
    correction = {"sections": sections, "due_on": due_on}
    match decision:
        case Decision.ACCEPT:
            return intake_accept(**person, comment=comment, memo=memo)
        case Decision.RETURN if step == Step.INTAKE:
            return intake_return(**person, comment=comment, memo=memo, **correction)
        case Decision.RETURN:
            return review_return(
                **person, comment=comment, memo=memo, checklist=checklist, **correction
            )
        case Decision.RECOMMEND_APPROVAL | Decision.RECOMMEND_REFUSAL:
            recommendation = decision.removeprefix("recommend_")
            return review_recommend(
                **person,
                recommendation=recommendation,
                checklist=checklist,
                opinion=memo,
                comment=comment,
            )
        case Decision.APPROVE:
            return decision_approve(**person, comment=comment, memo=memo)
        case Decision.REFUSE:
            return decision_refuse(**person, reasons=comment, memo=memo)
        case Decision.SEND_BACK:
            return decision_send_back(**person, comment=comment, memo=memo)
    return application_submit(**person, acknowledge_failures=acknowledge_failures, reply=comment)
