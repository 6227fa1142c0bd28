"""What a delegate records about a firm's draft: 事前確認 (a pre-application check) and advice
comments on the draft's sections (DOMAIN.md §12).

A 事前確認 is a flag, never a gate (行政手続法 第7条): it says which content the delegate
checked — a frozen copy of the draft (``selectors.application_snapshot``) and its fingerprint —
so intake can see whether what was submitted is what was checked. Nothing ever requires one.

Advice comments are between the firm and its adviser: the firm reads them all, a delegate its
own, staff none. Rows are never edited or deleted by the surfaces.
"""

import hashlib
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approvals.constants import PlanSection
from approvals.models.plan import Application
from approvals.support.models import Delegation, SupportOrganisation

COMMENT_MAX = 2000
GENERAL = "general"
# The sections of the editor's task list (the codes a 補正依頼 names), and the plan as a whole.
SECTION_CHOICES = [(GENERAL, _("計画全体")), *PlanSection.choices]
# Snapshot keys that are not the plan's content: the number, and the acknowledgement the
# applicant gives only when pressing submit.
NOT_CONTENT = ("reference", "acknowledged_failures")


def plan_content(snapshot: dict) -> dict:
    """The snapshot as JSON would store it, less what is not the plan's content."""
    data = json.loads(json.dumps(snapshot or {}, cls=DjangoJSONEncoder))
    return {key: value for key, value in data.items() if key not in NOT_CONTENT}


def fingerprint(snapshot: dict) -> str:
    """SHA-256 of the plan's content (keys sorted): equal content, equal fingerprint."""
    canonical = json.dumps(
        plan_content(snapshot), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class SupportConfirmation(models.Model):
    """A delegate's 事前確認 of one state of a draft."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="support_confirmations",
        verbose_name=_("申請"),
    )
    delegation = models.ForeignKey(
        Delegation, on_delete=models.PROTECT, related_name="+", verbose_name=_("委任")
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("確認した担当者"),
    )
    organisation = models.ForeignKey(
        SupportOrganisation,
        on_delete=models.PROTECT,
        related_name="confirmations",
        verbose_name=_("支援機関"),
    )
    version = models.PositiveIntegerField(
        _("版"), help_text=_("確認した下書きが提出されたときの版番号")
    )
    fingerprint = models.CharField(_("内容の指紋（SHA-256）"), max_length=64)
    snapshot = models.JSONField(_("確認した内容"), help_text=_("確認した時点の下書きの写し"))
    comment = models.TextField(_("確認のコメント"), blank=True, max_length=COMMENT_MAX)
    at = models.DateTimeField(_("確認日時"), default=timezone.now)

    class Meta:
        verbose_name = _("事前確認")
        verbose_name_plural = _("事前確認")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["application", "at"], name="confirmation_application")]

    def __str__(self):
        return f"{self.application_id} v{self.version} {self.organisation}"


class AdviceComment(models.Model):
    """A delegate's advice on one section of a draft (or the plan as a whole)."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="advice_comments",
        verbose_name=_("申請"),
    )
    delegation = models.ForeignKey(
        Delegation, on_delete=models.PROTECT, related_name="+", verbose_name=_("委任")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("書いた担当者"),
    )
    organisation = models.ForeignKey(
        SupportOrganisation,
        on_delete=models.PROTECT,
        related_name="advice_comments",
        verbose_name=_("支援機関"),
    )
    section = models.CharField(_("項目"), max_length=30, choices=SECTION_CHOICES)
    body = models.TextField(_("コメント"), max_length=COMMENT_MAX)
    version = models.PositiveIntegerField(
        _("版"), help_text=_("コメントした下書きが提出されたときの版番号")
    )
    at = models.DateTimeField(_("日時"), default=timezone.now)

    class Meta:
        verbose_name = _("助言コメント")
        verbose_name_plural = _("助言コメント")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["application", "section"], name="advice_section")]

    def __str__(self):
        return f"{self.application_id} {self.section} {self.organisation}"
