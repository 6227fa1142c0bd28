"""Support organisations, their users and the delegations firms grant them (DOMAIN.md §12).

The administrator creates the organisations and their users (role `support`); a firm (an
applicant member) grants a delegation to one such user, with explicit scopes, until a date,
and can revoke it at once. The 委任状 (power of attorney) a `submit` scope needs is stored in
the private default storage under a random key, like the attachments.
"""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approvals.constants import DelegationScope, OrganisationKind
from approvals.models.company import Company
from approvals.regions import REGIONS


class SupportOrganisation(models.Model):
    """A 商工会, 商工会議所, 支援センター, 認定支援機関, 金融機関 or 行政書士 (office)."""

    kind = models.CharField(_("種別"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("名称"), max_length=200)
    region = models.CharField(
        _("地域"),
        max_length=20,
        blank=True,
        choices=[(r, r) for r in REGIONS],
        help_text=_("担当する地域。県全域を担当する機関は空欄"),
    )
    registration_number = models.CharField(
        _("認定番号・登録番号"),
        max_length=50,
        blank=True,
        help_text=_("認定経営革新等支援機関の認定番号、行政書士の登録番号など"),
    )
    registration_valid_from = models.DateField(_("認定・登録の開始日"), null=True, blank=True)
    registration_valid_to = models.DateField(
        _("認定・登録の有効期限"),
        null=True,
        blank=True,
        help_text=_("期限を過ぎると、この機関への委任は使えなくなります。期限がなければ空欄"),
    )
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("支援機関")
        verbose_name_plural = _("支援機関")
        ordering = ["kind", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(registration_valid_from__isnull=True)
                | Q(registration_valid_to__isnull=True)
                | Q(registration_valid_to__gte=models.F("registration_valid_from")),
                name="support_organisation_registration_period",
            )
        ]

    def __str__(self):
        return f"{self.name}（{self.get_kind_display()}）"

    def registered_on(self, day: date) -> bool:
        """Whether the organisation's 認定・登録 is in force on `day` (none recorded: yes)."""
        if self.registration_valid_from and day < self.registration_valid_from:
            return False
        return not (self.registration_valid_to and day > self.registration_valid_to)


class SupportMember(models.Model):
    """A user's membership of a support organisation: the user holds the role `support`."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="support_membership",
        verbose_name=_("ユーザー"),
    )
    organisation = models.ForeignKey(
        SupportOrganisation,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("支援機関"),
    )
    title = models.CharField(
        _("役職"), max_length=100, blank=True, help_text=_("例: 経営指導員、行政書士")
    )

    class Meta:
        verbose_name = _("支援機関の担当者")
        verbose_name_plural = _("支援機関の担当者")
        ordering = ["organisation", "id"]

    def __str__(self):
        return f"{self.user}（{self.organisation.name}）"


def letter_key(instance, filename: str) -> str:
    # Never the uploader's file name: a random key, no overwriting, no path tricks.
    return f"delegation-letters/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


SCOPE_FIELDS = {scope: f"scope_{scope}" for scope in DelegationScope.values}


class Delegation(models.Model):
    """A firm's delegation to one support user: the scopes, until when, and whether revoked.

    A delegation is active while not revoked, `valid_to` (Asia/Tokyo) has not passed and the
    organisation's registration is in force (approvals.support.access). Rows are never
    deleted: a revocation sets `revoked_at`.
    """

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="delegations", verbose_name=_("企業")
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="delegations_received",
        verbose_name=_("委任先の担当者"),
    )
    # The delegate's organisation when the delegation was granted (for the history and the
    # statistics per organisation, even if the user later moves).
    organisation = models.ForeignKey(
        SupportOrganisation,
        on_delete=models.PROTECT,
        related_name="delegations",
        verbose_name=_("支援機関"),
    )
    scope_view = models.BooleanField(_("閲覧"), default=True)
    scope_comment = models.BooleanField(_("助言コメント"), default=False)
    scope_edit = models.BooleanField(_("下書きの編集"), default=False)
    scope_confirm = models.BooleanField(_("事前確認"), default=False)
    scope_correct = models.BooleanField(_("補正への対応"), default=False)
    scope_submit = models.BooleanField(_("提出"), default=False)
    valid_to = models.DateField(_("有効期限"), help_text=_("この日まで有効です"))
    copy_mails = models.BooleanField(
        _("メールの写しを送る"),
        default=False,
        help_text=_("企業あてのお知らせメールの写しを委任先にも送ります"),
    )
    letter = models.FileField(_("委任状"), upload_to=letter_key, max_length=200, blank=True)
    letter_name = models.CharField(_("委任状のファイル名"), max_length=255, blank=True)
    letter_content_type = models.CharField(_("委任状の形式"), max_length=50, blank=True)
    letter_size = models.PositiveBigIntegerField(
        _("委任状のサイズ（バイト）"), null=True, blank=True
    )
    letter_sha256 = models.CharField(_("委任状のSHA-256"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("委任した人"),
    )
    created_at = models.DateTimeField(_("委任日時"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("解除日時"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("解除した人"),
    )

    class Meta:
        verbose_name = _("支援機関への委任")
        verbose_name_plural = _("支援機関への委任")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["delegate", "revoked_at"], name="delegation_delegate"),
            models.Index(fields=["company", "revoked_at"], name="delegation_company"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope_submit=False) | ~Q(letter=""),
                name="delegation_submit_needs_letter",
            ),
            models.CheckConstraint(condition=Q(scope_view=True), name="delegation_always_views"),
        ]

    def __str__(self):
        return f"{self.company} → {self.delegate}"

    @property
    def scopes(self) -> list[str]:
        """The scope codes granted, in the order of DelegationScope."""
        return [scope for scope, field in SCOPE_FIELDS.items() if getattr(self, field)]

    @property
    def scope_labels(self) -> list[str]:
        return [str(DelegationScope(scope).label) for scope in self.scopes]

    def has_scope(self, scope: str) -> bool:
        return bool(getattr(self, SCOPE_FIELDS[scope]))

    def is_active(self, day: date | None = None) -> bool:
        """In force on `day` (today in Asia/Tokyo), by the one rule of
        approvals.support.access.active_delegations."""
        from approvals.support.access import active_delegations

        return active_delegations(day or timezone.localdate()).filter(pk=self.pk).exists()
