"""The staff steps of the procedure as services: intake, review and the decision.

Each service locks the application row, checks that the application is at the step, checks
the separation of duties, changes the status, writes the history row and queues the
applicant's e-mail for after the commit. The flow (workflow/) calls these; nothing else
changes an application's status after submission.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals import notifications
from approvals.constants import Status, Step
from approvals.duties import duty_conflict
from approvals.errors import CommentRequired, InvalidTransition, NotPermitted
from approvals.models import Application, Refusal, Review
from approvals.numbering import approval_grant
from approvals.services import history_add


def _lock_at(application, *, status: str, actor, step: str) -> Application:
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("company")
        .get(pk=application.pk)
    )
    if locked.status != status:
        raise InvalidTransition(
            _("この申請は「%(status)s」のため、この操作はできません。")
            % {"status": locked.get_status_display()}
        )
    conflict = duty_conflict(application=locked, user=actor, step=step)
    if conflict:
        raise NotPermitted(conflict)
    return locked


def _require(comment: str, message: str) -> str:
    comment = (comment or "").strip()
    if not comment:
        raise CommentRequired(message)
    return comment


def _set_status(application: Application, status: str, *extra: str) -> None:
    application.status = status
    application.save(update_fields=["status", "updated_at", *extra])


@transaction.atomic
def intake_accept(*, application, actor, comment: str = "") -> Application:
    locked = _lock_at(application, status=Status.SUBMITTED, actor=actor, step=Step.INTAKE)
    _set_status(locked, Status.UNDER_REVIEW)
    history_add(application=locked, actor=actor, step=Step.INTAKE, action="accept", comment=comment)
    return locked


@transaction.atomic
def intake_return(*, application, actor, comment: str) -> Application:
    comment = _require(comment, _("補正を依頼する内容をコメントに書いてください。"))
    locked = _lock_at(application, status=Status.SUBMITTED, actor=actor, step=Step.INTAKE)
    return _return_for_correction(locked, actor, Step.INTAKE, comment)


def _return_for_correction(locked, actor, step, comment) -> Application:
    _set_status(locked, Status.RETURNED)
    history_add(application=locked, actor=actor, step=step, action="return", comment=comment)
    notifications.queue_returned(locked, comment)
    return locked


@transaction.atomic
def review_recommend(
    *,
    application,
    actor,
    recommendation: str,
    checklist: dict | None = None,
    opinion: str = "",
) -> Application:
    if recommendation not in (Review.Recommendation.APPROVAL, Review.Recommendation.REFUSAL):
        raise InvalidTransition(_("審査結果が正しくありません。"))
    locked = _lock_at(application, status=Status.UNDER_REVIEW, actor=actor, step=Step.REVIEW)
    _record_review(locked, actor, recommendation, checklist, opinion)
    _set_status(locked, Status.AWAITING_DECISION)
    history_add(
        application=locked,
        actor=actor,
        step=Step.REVIEW,
        action=f"recommend_{recommendation}",
        comment=opinion,
    )
    return locked


@transaction.atomic
def review_return(*, application, actor, comment: str, checklist: dict | None = None):
    comment = _require(comment, _("補正を依頼する内容をコメントに書いてください。"))
    locked = _lock_at(application, status=Status.UNDER_REVIEW, actor=actor, step=Step.REVIEW)
    _record_review(locked, actor, Review.Recommendation.RETURN, checklist, comment)
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
        action="approve",
        comment=comment or approval.number,
    )
    notifications.queue_decided(locked)
    return locked


@transaction.atomic
def decision_refuse(*, application, actor, reasons: str) -> Application:
    reasons = _require(reasons, _("不承認の理由を書いてください（行政手続法第8条）。"))
    locked = _lock_at(application, status=Status.AWAITING_DECISION, actor=actor, step=Step.DECISION)
    now = timezone.now()
    Refusal.objects.create(
        application=locked,
        reasons=reasons,
        refused_on=timezone.localdate(now),
        refused_by=actor,
    )
    locked.decided_at = now
    _set_status(locked, Status.REFUSED, "decided_at")
    history_add(
        application=locked, actor=actor, step=Step.DECISION, action="refuse", comment=reasons
    )
    notifications.queue_decided(locked)
    return locked


@transaction.atomic
def decision_send_back(*, application, actor, comment: str = "") -> Application:
    locked = _lock_at(application, status=Status.AWAITING_DECISION, actor=actor, step=Step.DECISION)
    _set_status(locked, Status.UNDER_REVIEW)
    history_add(
        application=locked, actor=actor, step=Step.DECISION, action="send_back", comment=comment
    )
    return locked
