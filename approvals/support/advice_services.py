"""事前確認 and advice comments: who may record and read them, and how a confirmation compares
with what was submitted (DOMAIN.md §12).

Permission is always approvals.support.access's: recording a 事前確認 needs an active
delegation with `confirm`, writing advice one with `comment`. Reading:
- confirmations: the firm (every one), the delegate (its own, while it holds `confirm`), and
  staff who may see the submitted application (intake reads it on the task page);
- advice comments: the firm (every one) and the delegate (its own, while it holds `comment`);
  staff never — the advice is between the firm and its adviser.
Both are recorded on a draft or a plan returned for correction (the content a firm can still
change); nothing ever requires a confirmation to submit (行政手続法 第7条).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from approvals import selectors, services
from approvals.constants import Action, DelegationScope, Step
from approvals.diff import Change, version_diff
from approvals.errors import ApplicationError, NotEditable, NotPermitted
from approvals.models import AdviceComment, Application, SupportConfirmation
from approvals.support import access
from approvals.support.advice import (
    COMMENT_MAX,
    SECTION_CHOICES,
    fingerprint,
    plan_content,
)


class DraftChanged(ApplicationError):
    """The draft changed since the delegate read it: the check would name content it never saw."""


def _refuse(message) -> None:
    raise NotPermitted(message)


def confirmations_visible(user, application: Application) -> QuerySet[SupportConfirmation]:
    """The confirmations `user` may read on an application they can see (NotPermitted else)."""
    qs = application.support_confirmations.select_related("delegate", "organisation")
    if access.is_member(user, application.company_id):
        return qs
    if access.is_support_user(user):
        if access.delegation_for(user, application, DelegationScope.CONFIRM) is None:
            _refuse(_("事前確認は委任されていません。"))
        return qs.filter(delegate=user)
    if user.is_authenticated and user.is_staff_member:
        return qs
    _refuse(_("事前確認を見る権限がありません。"))
    return qs.none()  # pragma: no cover


def comments_visible(user, application: Application) -> QuerySet[AdviceComment]:
    """The advice comments `user` may read (NotPermitted for staff and undelegated users)."""
    qs = application.advice_comments.select_related("author", "organisation")
    if access.is_member(user, application.company_id):
        return qs
    if (
        access.is_support_user(user)
        and access.delegation_for(user, application, DelegationScope.COMMENT) is not None
    ):
        return qs.filter(author=user)
    _refuse(_("助言コメントは、企業と委任を受けた支援機関だけが見られます。"))
    return qs.none()  # pragma: no cover


def may_confirm(user, application: Application) -> bool:
    return access.is_support_user(user) and (
        access.delegation_for(user, application, DelegationScope.CONFIRM) is not None
    )


def may_comment(user, application: Application) -> bool:
    return access.is_support_user(user) and (
        access.delegation_for(user, application, DelegationScope.COMMENT) is not None
    )


def ensure_may_confirm(user, application: Application) -> None:
    """NotPermitted (403) unless `user` holds `confirm` for the firm: checked before the input."""
    if not may_confirm(user, application):
        _refuse(_("事前確認は委任されていません。"))


def ensure_may_comment(user, application: Application) -> None:
    if not may_comment(user, application):
        _refuse(_("助言コメントは委任されていません。"))


def _delegation(actor, application, scope, message):
    """The actor's delegation with `scope` for the application's firm, or NotPermitted."""
    delegation = (
        access.delegation_for(actor, application, scope) if access.is_support_user(actor) else None
    )
    if delegation is None:
        _refuse(message)
    return delegation


def _ensure_draft(application: Application) -> None:
    if not application.is_editable:
        raise NotEditable.of(application)


def current_fingerprint(application: Application) -> str:
    return fingerprint(selectors.application_snapshot(application))


@transaction.atomic
def confirmation_record(
    *, application: Application, actor, comment: str = "", seen: str | None = None
) -> SupportConfirmation:
    """Record that `actor` checked the draft as it is now. `seen` (the fingerprint the
    delegate was shown) guards against the firm changing the draft meanwhile: DraftChanged."""
    locked = services.application_lock(application)
    delegation = _delegation(
        actor, locked, DelegationScope.CONFIRM, _("事前確認は委任されていません。")
    )
    _ensure_draft(locked)
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise ValidationError(
            {"comment": _("コメントは%(n)d文字以内で入力してください。") % {"n": COMMENT_MAX}}
        )
    snapshot = plan_content(selectors.application_snapshot(locked))
    print_ = fingerprint(snapshot)
    if seen and seen != print_:
        raise DraftChanged(
            _("確認している間に下書きが変更されました。"),
            [_("最新の内容を見直してから、もう一度事前確認を記録してください。")],
        )
    confirmation = SupportConfirmation.objects.create(
        application=locked,
        delegation=delegation,
        delegate=actor,
        organisation=delegation.organisation,
        version=locked.version + 1,
        fingerprint=print_,
        snapshot=snapshot,
        comment=comment,
    )
    services.history_add(
        application=locked,
        actor=actor,
        step=Step.DRAFT,
        action=Action.SUPPORT_CONFIRM,
        comment=comment,
    )
    return confirmation


def section_problem(section: str) -> str | None:
    if section in dict(SECTION_CHOICES):
        return None
    known = "、".join(f"{code}（{label}）" for code, label in SECTION_CHOICES)
    return _("項目「%(code)s」はありません。次のいずれかです: %(known)s") % {
        "code": section,
        "known": known,
    }


@transaction.atomic
def comment_add(*, application: Application, actor, section: str, body: str) -> AdviceComment:
    """The delegate's advice on one section of the draft."""
    locked = services.application_lock(application)
    delegation = _delegation(
        actor, locked, DelegationScope.COMMENT, _("助言コメントは委任されていません。")
    )
    _ensure_draft(locked)
    body = (body or "").strip()
    errors = {}
    if problem := section_problem(section or ""):
        errors["section"] = [problem]
    if not body:
        errors["body"] = [_("コメントを入力してください。")]
    elif len(body) > COMMENT_MAX:
        errors["body"] = [_("コメントは%(n)d文字以内で入力してください。") % {"n": COMMENT_MAX}]
    if errors:
        raise ValidationError(errors)
    return AdviceComment.objects.create(
        application=locked,
        delegation=delegation,
        author=actor,
        organisation=delegation.organisation,
        section=section,
        body=body,
        version=locked.version + 1,
    )


@dataclass
class ConfirmationRow:
    """A confirmation beside the content it is compared with (a submitted version, or the
    draft as it is now): whether they differ, and what changed."""

    confirmation: SupportConfirmation
    compared_with: int | None  # the version number, None for the current draft
    differs: bool
    changes: list[Change] = field(default_factory=list)


def compare(confirmation: SupportConfirmation, snapshot: dict, number=None) -> ConfirmationRow:
    content = plan_content(snapshot)
    differs = fingerprint(content) != confirmation.fingerprint
    changes = version_diff(confirmation.snapshot, content) if differs else []
    return ConfirmationRow(confirmation, number, differs, changes)


def confirmation_rows(application: Application, confirmations=None) -> list[ConfirmationRow]:
    """Each confirmation (newest first) beside the latest submitted version when there is
    one and the plan is not being edited, else beside the draft as it is now."""
    confirmations = (
        list(confirmations)
        if confirmations is not None
        else list(application.support_confirmations.select_related("delegate", "organisation"))
    )
    if not confirmations:
        return []
    version = None if application.is_editable else application.versions.order_by("-number").first()
    if version is not None:
        return [compare(c, version.data, version.number) for c in confirmations]
    current = selectors.application_snapshot(application)
    return [compare(c, current) for c in confirmations]
