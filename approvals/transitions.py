"""The staff steps of the procedure as services: intake, review and the decision.

Each service locks the application row, checks that the application is at the step, checks
the separation of duties, changes the status, writes the history row and queues the
applicant's e-mail for after the commit. The flow (workflow/) calls these through
``decision_apply``, the one way from a step's decision to its service, for the task pages and
the API alike; nothing else changes an application's status after submission.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals import notifications
from approvals.constants import STEP_DECISIONS, Action, Decision, Recommendation, Status, Step
from approvals.duties import duty_conflict
from approvals.errors import CommentRequired, InvalidTransition, NotPermitted
from approvals.models import Application, Refusal, Review
from approvals.numbering import approval_grant
from approvals.services import application_lock, application_submit, history_add

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
def intake_accept(*, application, actor, comment: str = "") -> Application:
    locked = _lock_at(application, status=Status.SUBMITTED, actor=actor, step=Step.INTAKE)
    _set_status(locked, Status.UNDER_REVIEW)
    history_add(
        application=locked, actor=actor, step=Step.INTAKE, action=Action.ACCEPT, comment=comment
    )
    return locked


@transaction.atomic
def intake_return(*, application, actor, comment: str) -> Application:
    comment = _require_comment(Step.INTAKE, Decision.RETURN, comment)
    locked = _lock_at(application, status=Status.SUBMITTED, actor=actor, step=Step.INTAKE)
    return _return_for_correction(locked, actor, Step.INTAKE, comment)


def _return_for_correction(locked, actor, step, comment) -> Application:
    _set_status(locked, Status.RETURNED)
    history_add(application=locked, actor=actor, step=step, action=Action.RETURN, comment=comment)
    notifications.queue_returned(locked, comment)
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
) -> Application:
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
        comment=opinion,
    )
    return locked


@transaction.atomic
def review_return(*, application, actor, comment: str, checklist: dict | None = None):
    comment = _require_comment(Step.REVIEW, Decision.RETURN, comment)
    locked = _lock_at(application, status=Status.UNDER_REVIEW, actor=actor, step=Step.REVIEW)
    _record_review(locked, actor, Recommendation.RETURN, checklist, comment)
    return _return_for_correction(locked, actor, Step.REVIEW, comment)


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
def decision_approve(*, application, actor, comment: str = "") -> Application:
    locked = _lock_at(application, status=Status.AWAITING_DECISION, actor=actor, step=Step.DECISION)
    now = timezone.now()
    approval = approval_grant(application=locked, actor=actor, approved_on=timezone.localdate(now))
    locked.decided_at = now
    _set_status(locked, Status.APPROVED, "decided_at")
    history_add(
        application=locked,
        actor=actor,
        step=Step.DECISION,
        action=Action.APPROVE,
        comment=comment or approval.number,
    )
    notifications.queue_decided(locked)
    return locked


@transaction.atomic
def decision_refuse(*, application, actor, reasons: str) -> Application:
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
    _set_status(locked, Status.REFUSED, "decided_at")
    history_add(
        application=locked, actor=actor, step=Step.DECISION, action=Action.REFUSE, comment=reasons
    )
    notifications.queue_decided(locked)
    return locked


@transaction.atomic
def decision_send_back(*, application, actor, comment: str = "") -> Application:
    locked = _lock_at(application, status=Status.AWAITING_DECISION, actor=actor, step=Step.DECISION)
    _set_status(locked, Status.UNDER_REVIEW)
    history_add(
        application=locked,
        actor=actor,
        step=Step.DECISION,
        action=Action.SEND_BACK,
        comment=comment,
    )
    return locked


def decision_apply(
    *, application, step, decision, actor, comment="", checklist=None, acknowledge_failures=False
):
    """Run the service of one decision of one step (the correction's: the resubmission)."""
    if decision not in STEP_DECISIONS.get(step, ()):
        raise InvalidTransition(_("この手続では選べない判断です。"))
    person = {"application": application, "actor": actor}
    match decision:
        case Decision.ACCEPT:
            return intake_accept(**person, comment=comment)
        case Decision.RETURN if step == Step.INTAKE:
            return intake_return(**person, comment=comment)
        case Decision.RETURN:
            return review_return(**person, comment=comment, checklist=checklist)
        case Decision.RECOMMEND_APPROVAL | Decision.RECOMMEND_REFUSAL:
            recommendation = decision.removeprefix("recommend_")
            return review_recommend(
                **person, recommendation=recommendation, checklist=checklist, opinion=comment
            )
        case Decision.APPROVE:
            return decision_approve(**person, comment=comment)
        case Decision.REFUSE:
            return decision_refuse(**person, reasons=comment)
        case Decision.SEND_BACK:
            return decision_send_back(**person, comment=comment)
    return application_submit(**person, acknowledge_failures=acknowledge_failures)
