"""Writes on delegations: a firm grants a support user scopes until a date, and revokes them.

`delegation_problems` is the one set of limits the portal's form and the API apply; both
report its messages by field (`username`, `scopes`, `valid_to`, `power_of_attorney`). The
委任状 file is checked as attachments are: the check belongs to documents, which plugs it in
here (`contribute_letter_check`), so approvals never imports documents.
"""

import hashlib
from collections.abc import Callable, Iterable
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals.constants import DelegationScope, OrganisationKind
from approvals.errors import NotPermitted
from approvals.models import Authority, Company, Delegation
from approvals.support import access
from approvals.support.models import SCOPE_FIELDS

LETTER_FIELD = "power_of_attorney"
# The longest a delegation may run: a firm renews it rather than forgets it.
MAX_DAYS = 3 * 366

# What each scope lets the delegate do, in plain words (the portal's checkboxes).
SCOPE_HELP = {
    DelegationScope.VIEW: gettext_lazy("計画の内容と申請の状況、通知書を見ることができます"),
    DelegationScope.COMMENT: gettext_lazy("計画の各項目に助言のコメントを書くことができます"),
    DelegationScope.EDIT: gettext_lazy("提出前の計画（下書き）と添付書類を編集できます"),
    DelegationScope.CONFIRM: gettext_lazy(
        "提出前に計画を確認したこと（事前確認）を記録できます。申請の条件ではありません"
    ),
    DelegationScope.CORRECT: gettext_lazy("県から補正を求められたとき、計画を直して再提出できます"),
    DelegationScope.SUBMIT: gettext_lazy(
        "企業に代わって申請を提出できます（委任状が必要です。行政書士と公的な支援機関のみ）"
    ),
}


def scope_choices() -> list[tuple[str, str]]:
    """The scopes as checkbox labels: the name and what it lets the delegate do."""
    return [
        (scope, format_lazy("{}：{}", label, SCOPE_HELP[scope]))
        for scope, label in DelegationScope.choices
    ]


_letter_check: list[Callable] = []


def contribute_letter_check(check: Callable) -> None:
    """`check(upload) -> content type`, raising ValidationError for an unacceptable file."""
    _letter_check[:] = [check]


def _support_user(username: str):
    User = get_user_model()
    user = User.objects.filter(username=username).select_related("support_membership").first()
    if user is None or not access.is_support_user(user) or not user.is_active:
        return None
    return user


def normalise_scopes(scopes: Iterable[str]) -> list[str]:
    """The scopes in DelegationScope's order, `view` always among them."""
    given = set(scopes)
    return [s for s in DelegationScope.values if s in given or s == DelegationScope.VIEW]


def delegation_problems(
    *,
    company: Company,
    username: str,
    scopes: Iterable[str],
    valid_to: date | None,
    has_letter: bool,
    today: date | None = None,
) -> dict[str, list[str]]:
    """{field: [messages]} of everything wrong with the grant; empty when it may be made."""
    today = today or timezone.localdate()
    problems: dict[str, list[str]] = {}

    def add(field, message):
        problems.setdefault(field, []).append(str(message))

    username = (username or "").strip()
    delegate = _support_user(username) if username else None
    organisation = None
    if not username:
        add("username", _("委任する支援機関の担当者のユーザー名を入力してください。"))
    elif delegate is None:
        add(
            "username",
            _(
                "支援機関の担当者「%(name)s」が見つかりません。支援機関から伝えられたユーザー名"
                "（支援機関の担当者として登録されたもの）を入力してください。"
            )
            % {"name": username},
        )
    else:
        membership = getattr(delegate, "support_membership", None)
        organisation = membership.organisation if membership else None
        if organisation is None:
            add("username", _("この担当者はどの支援機関にも所属していないため、委任できません。"))
        elif not organisation.registered_on(today):
            add(
                "username",
                _("%(org)sの認定・登録が有効期間外のため、委任できません。")
                % {"org": organisation.name},
            )
        current = (
            access.active_delegations(today)
            .filter(company=company, delegate=delegate)
            .order_by("-valid_to")
            .first()
        )
        if current is not None:
            add(
                "username",
                _(
                    "この担当者にはすでに有効な委任があります（%(until)sまで）。内容を変えるときは、"
                    "いまの委任を解除してから委任し直してください。"
                )
                % {"until": f"{current.valid_to:%Y-%m-%d}"},
            )

    scopes = list(scopes or [])
    unknown = [s for s in scopes if s not in DelegationScope.values]
    if not scopes:
        add("scopes", _("委任する権限を1つ以上選んでください。"))
    for code in unknown:
        add(
            "scopes",
            _("「%(code)s」は権限の種類にありません（%(known)s のいずれかです）。")
            % {"code": code, "known": ", ".join(DelegationScope.values)},
        )
    if DelegationScope.SUBMIT in scopes:
        authority = Authority.current()
        if organisation is not None and not authority.submit_allowed(organisation.kind):
            allowed = [
                str(label)
                for value, label in OrganisationKind.choices
                if authority.submit_allowed(value)
            ]
            add(
                "scopes",
                _(
                    "「提出」は%(kind)sには委任できません。提出を委任できるのは%(allowed)sです"
                    "（改正行政書士法 第19条）。"
                )
                % {
                    "kind": organisation.get_kind_display(),
                    "allowed": "、".join(allowed) or _("（なし）"),
                },
            )
        if not has_letter:
            add(LETTER_FIELD, _("「提出」を委任するときは、委任状を添付してください。"))

    if valid_to is None:
        add("valid_to", _("有効期限を入力してください。"))
    elif valid_to < today:
        add(
            "valid_to",
            _("有効期限に過去の日付は指定できません（今日以降の日付を入力してください）。"),
        )
    elif valid_to > today + timedelta(days=MAX_DAYS):
        add("valid_to", _("有効期限は3年以内の日付にしてください。"))
    return problems


def _ensure_member(actor, company: Company) -> None:
    if not access.is_member(actor, company):
        raise NotPermitted(_("委任の登録と解除は、企業の方だけが行えます。"))


@transaction.atomic
def delegation_grant(
    *,
    company: Company,
    actor,
    username: str,
    scopes: Iterable[str],
    valid_to: date | None,
    letter=None,
    copy_mails: bool = False,
) -> Delegation:
    """Grant the delegation (under the company's row lock: two grants to one person queue);
    ValidationError with every problem by field, nothing stored."""
    _ensure_member(actor, company)
    Company.objects.select_for_update().filter(pk=company.pk).first()
    scopes = list(scopes or [])
    problems = delegation_problems(
        company=company,
        username=username,
        scopes=scopes,
        valid_to=valid_to,
        has_letter=letter is not None,
    )
    content_type = ""
    if letter is not None and LETTER_FIELD not in problems:
        if not _letter_check:
            problems.setdefault(LETTER_FIELD, []).append(_("委任状を受け付けられません。"))
        else:
            try:
                content_type = _letter_check[0](letter)
            except ValidationError as error:
                for message in error.messages:
                    problems.setdefault(LETTER_FIELD, []).append(message)
    if problems:
        raise ValidationError(problems)
    delegate = _support_user(username.strip())
    delegation = Delegation(
        company=company,
        delegate=delegate,
        organisation=delegate.support_membership.organisation,
        valid_to=valid_to,
        copy_mails=bool(copy_mails),
        created_by=actor,
        **{SCOPE_FIELDS[s]: True for s in normalise_scopes(scopes)},
    )
    if letter is not None:
        digest = hashlib.sha256()
        for chunk in letter.chunks():
            digest.update(chunk)
        letter.seek(0)
        name = (letter.name or "").replace("\\", "/").rsplit("/", 1)[-1][:255] or _("委任状")
        delegation.letter_name = name
        delegation.letter_content_type = content_type
        delegation.letter_size = letter.size
        delegation.letter_sha256 = digest.hexdigest()
        delegation.letter.save(name, letter, save=False)
        stored = delegation.letter.name
        try:
            delegation.save()
        except BaseException:
            delegation.letter.storage.delete(stored)
            raise
        return delegation
    delegation.save()
    return delegation


@transaction.atomic
def delegation_revoke(*, delegation: Delegation, actor) -> Delegation:
    """Revoke at once: from the next request the delegate sees nothing of the firm. The row
    stays, with who revoked it and when; revoking again changes nothing."""
    locked = Delegation.objects.select_for_update().get(pk=delegation.pk)
    _ensure_member(actor, locked.company)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.revoked_by = actor
        locked.save(update_fields=["revoked_at", "revoked_by"])
    return locked
