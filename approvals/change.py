"""変更承認申請: the change of an approved plan (DOMAIN.md §10, API.md
`POST /api/v1/applications/{id}/change/`).

A change is an Application of kind `change` whose `changes` is the original approved
application (never another change), a draft holding a copy of the plan as currently approved
(the latest approved change's, or the original's), with its reason and changed items
(ChangeRequest). It goes through the same flow as a new plan; its check and its decision
differ (approvals.selectors.application_check, approvals.transitions.decision_approve).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from approvals import diff, selectors
from approvals.constants import (
    Action,
    ApplicationKind,
    ChangeItem,
    Status,
    Step,
)
from approvals.errors import InvalidTransition, NotPermitted
from approvals.models import Application, ChangeApproval, ChangeRequest
from approvals.services import application_create, application_lock, history_add, plan_copy

# A change is open while it is a draft or in the procedure: at most one at a time.
CHANGE_OPEN_STATUSES = frozenset(
    {
        Status.DRAFT,
        Status.SUBMITTED,
        Status.RETURNED,
        Status.UNDER_REVIEW,
        Status.AWAITING_DECISION,
    }
)


def change_request_problems(*, reason: str, items) -> dict:
    """Why a change cannot be opened with this reason and these items (field → message)."""
    problems = {}
    if not (reason or "").strip():
        problems["reason"] = _("変更理由を書いてください。")
    items = list(items or ())
    if not items:
        problems["items"] = _("変更する事項を1つ以上選んでください。")
    elif unknown := [i for i in items if i not in ChangeItem.values]:
        problems["items"] = _("変更する事項に使えない値があります: %(keys)s") % {
            "keys": ", ".join(map(str, unknown))
        }
    return problems


def open_change(original: Application) -> Application | None:
    """The change of this approved plan that is a draft or in the procedure, if any."""
    return (
        original.change_applications.filter(status__in=CHANGE_OPEN_STATUSES).order_by("-pk").first()
    )


def approved_plan(original: Application) -> Application:
    """The application holding the plan as currently approved: the latest approved change's,
    or the original itself."""
    latest = (
        ChangeApproval.objects.filter(approval__application=original)
        .select_related("application")
        .order_by("-seq")
        .first()
    )
    return latest.application if latest else original


def ensure_original(application: Application) -> None:
    """InvalidTransition (409) for a change application: what happens to an approved plan
    (廃止, 取消し, follow-ups, a further change) is done on the original approved plan."""
    if application.kind == ApplicationKind.CHANGE:
        raise InvalidTransition(
            _(
                "変更承認申請（%(ref)s）ではなく、承認された元の計画（%(original)s）で手続してください。"
            )
            % {"ref": application.reference, "original": application.changes.reference}
        )


def ensure_changeable(original: Application) -> None:
    """InvalidTransition (409) unless the application is an approved original plan with no
    change open."""
    if original.kind == ApplicationKind.CHANGE:
        raise InvalidTransition(
            _(
                "変更承認申請をさらに変更することはできません。承認された元の計画から申請してください。"
            )
        )
    if original.status != Status.APPROVED:
        raise InvalidTransition(
            _("この計画は「%(status)s」のため、変更承認申請はできません。")
            % {"status": original.get_status_display()}
        )
    current = open_change(original)
    if current is not None:
        raise InvalidTransition(
            _("この計画には手続中の変更承認申請（%(ref)s）があります。")
            % {"ref": current.reference}
        )


@transaction.atomic
def change_create(*, application: Application, actor, reason: str, items) -> Application:
    """Open a change of the approved plan: a draft copy of the approved plan, with its reason
    and items, for a member of the firm."""
    original = application_lock(application)
    ensure_changeable(original)
    if not original.company.members.filter(pk=actor.pk).exists():
        raise NotPermitted(_("この計画の変更を申請する権限がありません。"))
    problems = change_request_problems(reason=reason, items=items)
    if problems:
        raise ValidationError(problems)
    # Keep the order of ChangeItem, without duplicates.
    chosen = [code for code in ChangeItem.values if code in set(items)]
    change = application_create(
        company=original.company,
        actor=actor,
        comment=_("%(ref)s の変更承認申請として作成") % {"ref": original.reference},
    )
    change.kind = ApplicationKind.CHANGE
    change.changes = original
    change.save(update_fields=["kind", "changes", "updated_at"])
    plan_copy(source=approved_plan(original), copy=change)
    ChangeRequest.objects.create(application=change, reason=reason.strip(), items=chosen)
    history_add(
        application=original,
        actor=actor,
        step=Step.CHANGE,
        action=Action.CHANGE_OPEN,
        comment=_("変更承認申請 %(ref)s を作成") % {"ref": change.reference},
    )
    return change


def approved_before(change: Application) -> Application:
    """The application holding the plan as approved before this change: the latest change
    approved before it (by seq), or the original."""
    earlier = ChangeApproval.objects.filter(approval__application_id=change.changes_id).exclude(
        application=change
    )
    own = getattr(change, "change_approval", None)
    if own is not None:
        earlier = earlier.filter(seq__lt=own.seq)
    latest = earlier.select_related("application").order_by("-seq").first()
    return latest.application if latest else change.changes


def _last_data(application: Application) -> dict:
    version = application.versions.order_by("-number").first()
    return version.data if version is not None else selectors.application_snapshot(application)


def change_diff(change: Application) -> list[diff.Change]:
    """新旧対照表: from the plan as approved (its last submitted version) to the change (its
    current data while it may be edited, else its latest version)."""
    before = _last_data(approved_before(change))
    if change.is_editable or not change.versions.exists():
        after = selectors.application_snapshot(change)
    else:
        after = _last_data(change)
    return diff.version_diff(before, after)
