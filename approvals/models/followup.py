"""Follow-up surveys of an approved plan (実施状況報告・フォローアップ調査, DOMAIN.md §10).

Staff request a survey (interim, final or ad hoc); the firm answers with the 別表3 actuals of
each closed plan year, the state of each 別表2 item and the support measures it used. A
survey still open after its due date is shown as 未回答; silence never ends the approval.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from approvals import rules, terms
from approvals.constants import (
    FOLLOW_UP_UNANSWERED,
    FollowUpKind,
    FollowUpStatus,
    ItemProgress,
)
from approvals.models.plan import Application

MAX_REMINDERS = 2


class FollowUp(models.Model):
    """One survey of an approved plan, from its request to the firm's answer."""

    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        verbose_name=_("承認計画"),
    )
    kind = models.CharField(_("調査の種類"), max_length=10, choices=FollowUpKind.choices)
    requested_on = models.DateField(_("依頼日"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("依頼者"),
    )
    due_on = models.DateField(_("回答期限"), help_text=_("初期値は依頼日の1か月後"))
    status = models.CharField(
        _("状態"),
        max_length=10,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.REQUESTED,
        db_index=True,
    )
    reminders_sent = models.PositiveSmallIntegerField(
        _("督促の回数"), default=0, help_text=_("依頼から2週間後と4週間後に督促します")
    )
    submitted_at = models.DateTimeField(_("回答日時"), null=True, blank=True)
    support_used = models.JSONField(
        _("利用した支援策"),
        default=list,
        blank=True,
        help_text=_("公庫融資、信用保証の別枠、補助金、特許料減免など"),
    )
    # Computed once at submission with the approval's formula and base year (see
    # approvals.rules.followup.achievement), so the outcome KPI reads columns, not figures.
    achievement = models.JSONField(_("達成状況"), default=list, blank=True, editable=False)
    value_added_achieved = models.BooleanField(
        _("付加価値額の達成"), null=True, blank=True, editable=False
    )
    total_salary_achieved = models.BooleanField(
        _("給与支給総額の達成"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("給与支給総額が指標でない計画（2020年9月以前の基準）は空欄"),
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("フォローアップ調査")
        verbose_name_plural = _("フォローアップ調査")
        ordering = ["-requested_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reminders_sent__lte=MAX_REMINDERS), name="follow_up_reminders_max_2"
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("requested_on")),
                name="follow_up_due_after_request",
            ),
        ]

    def __str__(self):
        return f"{self.application_id} {self.kind} {self.requested_on}"

    def shown_status(self, today: date) -> str:
        """The status as people read it: `unanswered` (未回答) when requested and past due."""
        if self.status == FollowUpStatus.REQUESTED and today > self.due_on:
            return FOLLOW_UP_UNANSWERED
        return self.status

    @property
    def is_open(self) -> bool:
        return self.status == FollowUpStatus.REQUESTED


def _amount(key):
    return models.BigIntegerField(gettext_lazy(terms.FIGURE[key].name), null=True, blank=True)


class FollowUpFigures(models.Model):
    """The actuals of one closed plan year (別表3, 千円); derived rows are computed."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="figures")
    year = models.SmallIntegerField(_("年度"), help_text=_("1〜 = 計画年度（終了した年度のみ）"))
    sales = _amount("sales")
    cost_of_sales = _amount("cost_of_sales")
    sga = _amount("sga")
    non_operating_expenses = _amount("non_operating_expenses")
    personnel_cost = _amount("personnel_cost")
    depreciation = _amount("depreciation")
    employees = models.PositiveIntegerField(
        gettext_lazy(terms.FIGURE["employees"].name), null=True, blank=True
    )
    total_salary = _amount("total_salary")
    capex = _amount("capex")
    working_capital = _amount("working_capital")

    INPUT_FIELDS = terms.INPUT_FIGURES

    class Meta:
        verbose_name = _("実績値")
        verbose_name_plural = _("実績値")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "year"], name="follow_up_figures_once_per_year"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1, year__lte=10), name="follow_up_figures_plan_year"
            ),
        ]

    def __str__(self):
        return f"{self.follow_up_id} year {self.year}"

    @property
    def derived(self) -> dict:
        return rules.derived(self)


class FollowUpItem(models.Model):
    """The state of one item of the schedule (別表2) as the firm reports it."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("順番"), default=0)
    item = models.CharField(_("実施項目"), max_length=200)
    status = models.CharField(_("実施状況"), max_length=20, choices=ItemProgress.choices)
    effect = models.TextField(_("効果"), max_length=2000, blank=True)
    next = models.TextField(_("今後の取組"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("実施項目の状況")
        verbose_name_plural = _("実施項目の状況")
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.item} ({self.status})"
