"""The viewflow process of one application: a direct foreign key, no data in JSON."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from approvals.models import Application


class ApplicationProcess(Process):
    """The approval procedure run for one submission cycle of an application."""

    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="processes",
        verbose_name=_("申請"),
    )

    class Meta:
        verbose_name = _("承認手続")
        verbose_name_plural = _("承認手続")
        permissions = [
            ("can_intake", _("受付（受付・補正依頼）ができる")),
            ("can_review", _("審査（推薦・補正依頼）ができる")),
            ("can_decide", _("決裁（承認・不承認・差戻し）ができる")),
        ]


class IntakeCheck(models.Model):
    """The intake clerk's (受付) checklist on one submitted version, kept with the decision."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="intake_checks",
        verbose_name=_("申請"),
    )
    version = models.PositiveIntegerField(_("確認した版"))
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("受付担当者"),
    )
    decision = models.CharField(_("受付の判断"), max_length=20)
    articles = models.BooleanField(
        _("定款あり"), default=False, help_text=_("定款の写しが添付されている")
    )
    financials = models.BooleanField(
        _("決算書2期"), default=False, help_text=_("直近2期分の決算書が添付されている")
    )
    registry_recent = models.BooleanField(
        _("履歴事項は3か月以内"),
        default=False,
        help_text=_("履歴事項全部証明書は発行から3か月以内のもの"),
    )
    in_prefecture = models.BooleanField(
        _("県内所在"), default=False, help_text=_("本店（主たる事業所）が県内にある")
    )
    corporate_number = models.BooleanField(
        _("法人番号"), default=False, help_text=_("法人番号が正しい（個人事業主は不要）")
    )
    at = models.DateTimeField(_("日時"), auto_now_add=True)

    CHECKLIST = ("articles", "financials", "registry_recent", "in_prefecture", "corporate_number")

    class Meta:
        verbose_name = _("受付チェックリスト")
        verbose_name_plural = _("受付チェックリスト")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.application_id} v{self.version} {self.decision}"
