"""What was submitted and what happened: frozen versions, the append-only history and the
e-mails sent about it.

Only the frozen copy of a submitted version is kept as a JSON document, because it must
never change once written.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from approvals.constants import Action, MailState, PlanSection, Step
from approvals.models.plan import Application


class ApplicationVersion(models.Model):
    """The frozen copy of what was submitted, one per submission; never changed afterwards."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版"))
    submitted_at = models.DateTimeField(_("提出日時"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("提出者"),
    )
    rule_set = models.CharField(_("審査基準"), max_length=4)
    data = models.JSONField(_("提出内容"), help_text=_("提出時点の申請内容の写し"))
    check_result = models.JSONField(_("自己チェック結果"))
    reply = models.TextField(
        _("補正の内容（担当者への回答）"),
        blank=True,
        help_text=_("再提出のとき、申請者が補正の依頼に答えた内容"),
    )

    class Meta:
        verbose_name = _("提出版")
        verbose_name_plural = _("提出版")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="version_once")
        ]

    def __str__(self):
        return f"{self.application_id} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("提出版は変更できません。"))
        super().save(*args, **kwargs)


class SectionDraft(models.Model):
    """Who drafted a section of a version (DOMAIN.md §12: the history records who drafted each
    section and who pressed submit): one row per person, section and version being prepared
    (the number it takes when submitted), with their first and last save, and the firm on
    whose behalf when a support body's user wrote it."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="section_drafts"
    )
    version = models.PositiveIntegerField(_("版"))
    section = models.CharField(_("項目"), max_length=20, choices=PlanSection.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("作成した人"),
    )
    on_behalf_of = models.ForeignKey(
        "approvals.Company",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("委任元の企業"),
    )
    delegation = models.ForeignKey(
        "approvals.Delegation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("委任"),
    )
    first_at = models.DateTimeField(_("最初の保存"), auto_now_add=True)
    last_at = models.DateTimeField(_("最後の保存"), auto_now_add=True)
    saves = models.PositiveIntegerField(_("保存の回数"), default=1)

    class Meta:
        verbose_name = _("項目の作成者")
        verbose_name_plural = _("項目の作成者")
        ordering = ["application", "version", "section", "first_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "version", "section", "actor"],
                name="section_draft_once_per_person",
            )
        ]

    def __str__(self):
        return f"{self.application_id} v{self.version} {self.section} {self.actor_id}"


class HistoryEntry(models.Model):
    """Append-only record of who did what and when to an application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField(_("日時"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("実施者"),
    )
    step = models.CharField(_("手続"), max_length=20, choices=Step.choices)
    action = models.CharField(_("操作"), max_length=40, choices=Action.choices)
    # What the applicant may read (a correction request, refusal reasons, a message with a
    # decision, their own words); the memo is for staff only and never leaves the prefecture.
    comment = models.TextField(_("申請者への連絡・コメント"), blank=True)
    memo = models.TextField(_("内部メモ"), blank=True, help_text=_("申請者には表示されません"))
    # A correction request (補正依頼): the sections to fix and the deadline.
    sections = models.JSONField(_("補正の対象"), default=list, blank=True)
    due_on = models.DateField(_("補正期限"), null=True, blank=True)
    # A support body's user acted for the firm under a delegation (DOMAIN.md §12): the actor is
    # the delegate, this the firm on whose behalf (null when nobody acted for another).
    on_behalf_of = models.ForeignKey(
        "approvals.Company",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("委任元の企業"),
    )
    delegation = models.ForeignKey(
        "approvals.Delegation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="history",
        verbose_name=_("委任"),
    )

    class Meta:
        verbose_name = _("履歴")
        verbose_name_plural = _("履歴")
        ordering = ["at", "id"]
        # The separation of duties looks up a clerk's decisions at one step (approvals.duties)
        # on every staff page: by this index, not through all of the clerk's history.
        indexes = [models.Index(fields=["actor", "step"], name="history_actor_step")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.step} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("履歴は追記のみで、変更できません。"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("履歴は削除できません。"))


class Mail(models.Model):
    """An e-mail to the applicant about their application (returned, decided), written with the
    change that causes it and sent by a background task (approvals.tasks), which records each
    attempt here: staff see a mail that could not go out."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="mails")
    template = models.CharField(_("種類"), max_length=40)
    context = models.JSONField(_("内容"), default=dict, blank=True)
    state = models.CharField(
        _("状態"), max_length=10, choices=MailState.choices, default=MailState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("試行回数"), default=0)
    error = models.TextField(_("エラー"), blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    sent_at = models.DateTimeField(_("送信日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("メール")
        verbose_name_plural = _("メール")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["state"], name="mail_state")]

    def __str__(self):
        return f"{self.application_id} {self.template} ({self.state})"
