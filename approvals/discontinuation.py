"""廃止: the firm ends its approved plan at its own request (DOMAIN.md §10, API.md
`POST /api/v1/applications/{id}/discontinue/`).

Not a disposition: no decision, no hearing, no notice. The firm gives its reason and the date
the plan ended (effective_on), which may lie between the approval date and today, both
included: a plan cannot end before it was approved, and a 廃止届 reports what has happened,
so a date in the future is refused (the firm files again on the day). The plan ends through
approvals.ending.plan_end, the one way a plan ends, so what hangs on it (follow-ups) closes.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from approvals import selectors
from approvals.change import ensure_original
from approvals.constants import Action, Status, Step
from approvals.ending import plan_end
from approvals.errors import InvalidTransition
from approvals.models import Application
from approvals.services import application_lock, history_add


def discontinue_problems(application: Application, *, reason: str, effective_on) -> dict:
    """Why the plan cannot end with this reason on this date (field → message); the portal's
    form, the API and the service ask this one rule."""
    problems = {}
    if not (reason or "").strip():
        problems["reason"] = _("廃止の理由を書いてください。")
    if effective_on is None:
        problems["effective_on"] = _("廃止の日を入力してください。")
    else:
        approval = getattr(application, "approval", None)
        if approval is not None and effective_on < approval.approved_on:
            problems["effective_on"] = _(
                "廃止の日には承認日（%(date)s）以降の日付を指定してください。"
            ) % {"date": approval.approved_on.isoformat()}
        elif effective_on > selectors.today():
            problems["effective_on"] = _("廃止の日に未来の日付は指定できません。")
    return problems


def ensure_discontinuable(application: Application) -> None:
    """InvalidTransition (409) unless the plan is approved and still running."""
    ensure_original(application)
    if application.status != Status.APPROVED:
        raise InvalidTransition(
            _("この計画は「%(status)s」のため、廃止できません。")
            % {"status": application.get_status_display()}
        )


@transaction.atomic
def plan_discontinue(
    *, application: Application, actor, reason: str, effective_on: date
) -> Application:
    """End the approved plan at the firm's request on `effective_on`, with its reason."""
    locked = application_lock(application)
    ensure_discontinuable(locked)
    problems = discontinue_problems(locked, reason=reason, effective_on=effective_on)
    if problems:
        raise ValidationError(problems)
    plan_end(locked=locked, status=Status.DISCONTINUED, on=effective_on, actor=actor)
    history_add(
        application=locked,
        actor=actor,
        step=Step.DISCONTINUATION,
        action=Action.DISCONTINUE,
        comment=reason.strip(),
    )
    return locked
