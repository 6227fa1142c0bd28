"""The viewflow process of one application: a direct foreign key, no data in JSON."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from approvals.constants import MailState
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


class ProcessingReminder(models.Model):
    """One day's reminder e-mail to a member of staff: their tasks overdue or due soon against
    the standard processing period (`manage.py processing_reminders`). One per person and day,
    so a second run that day sends nothing; the list is kept as it was when the command ran,
    and the background task (workflow.tasks) records each attempt to send it here."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="processing_reminders",
        verbose_name=_("職員"),
    )
    on = models.DateField(_("日付"))
    tasks = models.JSONField(_("タスク"), default=list)
    state = models.CharField(
        _("状態"), max_length=10, choices=MailState.choices, default=MailState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("試行回数"), default=0)
    error = models.TextField(_("エラー"), blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    sent_at = models.DateTimeField(_("送信日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("処理期限のお知らせ")
        verbose_name_plural = _("処理期限のお知らせ")
        ordering = ["-on", "user_id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "on"], name="processing_reminder_once_a_day")
        ]

    def __str__(self):
        return f"{self.user_id} {self.on} ({self.state})"
