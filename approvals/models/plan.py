"""The plan (経営革新計画): its own columns, activity types, figures, schedule, funding, contacts.

Regulated data lives in real columns with constraints.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from approvals import rules, terms
from approvals.constants import (
    EDITABLE_STATUSES,
    TEXT_MAX_LENGTH,
    THEME_MAX_LENGTH,
    ActivityType,
    ApplicationKind,
    FundingSource,
    Status,
    SupportBody,
)
from approvals.models.company import Company, quarter_validator


class Application(models.Model):
    """One 経営革新計画 as drafted, submitted and decided."""

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="applications", verbose_name=_("企業")
    )
    reference = models.CharField(
        _("受付番号"),
        max_length=20,
        unique=True,
        null=True,
        editable=False,
        help_text=_("問い合わせの際にお伝えください"),
    )
    status = models.CharField(
        _("状態"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    kind = models.CharField(
        _("申請の種類"),
        max_length=10,
        choices=ApplicationKind.choices,
        default=ApplicationKind.NEW,
        help_text=_("新規計画の承認申請、または承認された計画の変更承認申請"),
    )
    changes = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="change_applications",
        verbose_name=_("変更する承認計画"),
        help_text=_("変更承認申請のとき、変更する承認済みの計画（最初に承認された申請）"),
    )
    rule_set = models.CharField(
        _("審査基準"),
        max_length=4,
        blank=True,
        help_text=_("提出日に施行されている基準（提出時に確定）"),
    )
    theme = models.CharField(
        _("テーマ"),
        max_length=THEME_MAX_LENGTH,
        blank=True,
        help_text=_("経営革新計画のテーマ（別表1）"),
    )
    existing_business = models.TextField(
        _("現在の事業内容"), max_length=TEXT_MAX_LENGTH, blank=True
    )
    content = models.TextField(
        _("経営革新の内容"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("何を、どのように新しく行うのか"),
    )
    novelty = models.TextField(
        _("既存事業との相違点・新規性"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("自社にとって新しく、同業他社で一般的でない点"),
    )
    plan_start = models.DateField(
        _("計画開始年月"), null=True, blank=True, help_text=_("月の初日で保存します")
    )
    period_years = models.PositiveSmallIntegerField(
        _("事業期間（年）"), null=True, blank=True, help_text=_("3年、4年または5年")
    )
    rd_years = models.PositiveSmallIntegerField(
        _("研究開発期間（年）"),
        default=0,
        help_text=_("研究開発型の計画のみ。0〜5年（事業期間の前に置きます）"),
    )
    acknowledged_failures = models.BooleanField(
        _("基準未達の確認"),
        default=False,
        help_text=_("自己チェックで基準を満たさない項目があることを確認して提出した"),
    )
    ended_on = models.DateField(
        _("計画の終了日"),
        null=True,
        blank=True,
        help_text=_("承認された計画が廃止または承認取消しとなった日"),
    )
    version = models.PositiveIntegerField(_("版"), default=0)
    submitted_at = models.DateTimeField(_("提出日時"), null=True, blank=True)
    decided_at = models.DateTimeField(_("決定日時"), null=True, blank=True)
    # The clock's due date (the last working day of the standard period) as of the last
    # (re)submission, or of a change of the closure days or periods: kept so the staff queue
    # sorts and paginates by it in the database. None for a draft and while a correction is
    # awaited. Kept by approvals.processing (store_due_on, refresh_due_dates).
    processing_due_on = models.DateField(_("処理期限"), null=True, blank=True, editable=False)
    # The processing-period clock as it stood at the decision (approvals.processing
    # .record_decision_clock), kept so the per-year processing-time statistics
    # (approvals.targets.processing_times) read one row per decision, not its history.
    decision_working_days = models.PositiveIntegerField(
        _("決定までの開庁日数"),
        null=True,
        blank=True,
        help_text=_("到達の翌開庁日から決定日まで。補正の期間は含みません"),
    )
    decided_within_period = models.BooleanField(_("標準処理期間内の決定"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("作成者"),
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("申請")
        verbose_name_plural = _("申請")
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_years__isnull=True)
                | Q(period_years__gte=3, period_years__lte=5),
                name="application_period_3_to_5_years",
            ),
            models.CheckConstraint(
                condition=Q(rd_years__lte=5), name="application_rd_years_at_most_5"
            ),
            # A change application names the approved plan it changes; a new plan names none.
            models.CheckConstraint(
                condition=Q(kind=ApplicationKind.NEW, changes__isnull=True)
                | Q(kind=ApplicationKind.CHANGE, changes__isnull=False),
                name="application_change_names_its_plan",
            ),
        ]
        # The company of each approved application for the target ② drill-down by region
        # and industry, without reading the application rows (approvals.targets.breakdown).
        indexes = [models.Index(fields=["id", "company"], name="application_company")]

    # What the 計画の概要 section (別表1) holds, in the order of the form: the plan's own
    # columns and the ticked kinds of new business activity.
    OVERVIEW_FIELDS = (
        "theme",
        "activity_types",
        "existing_business",
        "content",
        "novelty",
        "plan_start",
        "period_years",
        "rd_years",
    )

    def __str__(self):
        return f"{self.reference} {self.theme}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def resubmissions(self) -> int:
        """How many times it was submitted again after a 補正: every version after the first."""
        return max(self.version - 1, 0)

    @property
    def final_year(self) -> int | None:
        if self.period_years is None:
            return None
        return self.rd_years + self.period_years

    def activity_codes(self) -> list[str]:
        return [a.code for a in self.activities.all()]


class ApplicationActivity(models.Model):
    """One ticked kind of new business activity (別表1); a plan may tick several."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="activities"
    )
    code = models.CharField(_("新事業活動の類型"), max_length=30, choices=ActivityType.choices)

    class Meta:
        verbose_name = _("新事業活動の類型")
        verbose_name_plural = _("新事業活動の類型")
        constraints = [
            models.UniqueConstraint(fields=["application", "code"], name="activity_once_per_plan")
        ]

    def __str__(self):
        return str(self.get_code_display())


def _amount(key, help_text=""):
    # The row's name from the plan's vocabulary (approvals.terms), translated when shown.
    return models.BigIntegerField(
        gettext_lazy(terms.FIGURE[key].name), null=True, blank=True, help_text=help_text
    )


class YearFigures(models.Model):
    """One column of 別表3 (千円). Derived rows are properties, never stored or typed in."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="figures")
    year = models.SmallIntegerField(
        _("年度"), help_text=_("0 = 直近期末（基準年度）、-1・-2 = その前、1〜 = 計画年度")
    )
    sales = _amount("sales")
    cost_of_sales = _amount("cost_of_sales")
    sga = _amount("sga")
    non_operating_expenses = _amount("non_operating_expenses", _("支払利息など"))
    personnel_cost = _amount("personnel_cost")
    depreciation = _amount("depreciation", _("リース料・レンタル料を含みます"))
    employees = models.PositiveIntegerField(
        gettext_lazy(terms.FIGURE["employees"].name), null=True, blank=True
    )
    total_salary = _amount("total_salary", _("役員・従業員の給与と賞与の合計"))
    capex = _amount("capex")
    working_capital = _amount("working_capital")

    INPUT_FIELDS = terms.INPUT_FIGURES

    class Meta:
        verbose_name = _("経営指標")
        verbose_name_plural = _("経営指標")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["application", "year"], name="figures_once_per_year"),
            models.CheckConstraint(
                condition=Q(year__gte=-2, year__lte=10), name="figures_year_in_range"
            ),
        ]

    def __str__(self):
        return f"{self.application_id} year {self.year}"

    @property
    def derived(self) -> dict:
        return rules.derived(self)

    gross_profit = property(lambda self: self.derived["gross_profit"])
    operating_profit = property(lambda self: self.derived["operating_profit"])
    ordinary_profit = property(lambda self: self.derived["ordinary_profit"])
    value_added = property(lambda self: self.derived["value_added"])
    value_added_per_employee = property(lambda self: self.derived["value_added_per_employee"])


class ScheduleItem(models.Model):
    """別表2: an item of the implementation schedule with its start and end quarter."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="schedule")
    position = models.PositiveSmallIntegerField(_("順番"), default=0)
    item = models.CharField(_("実施項目"), max_length=200)
    start = models.CharField(
        _("開始"), max_length=4, validators=[quarter_validator], help_text=_("例: 1-1")
    )
    end = models.CharField(
        _("終了"), max_length=4, validators=[quarter_validator], help_text=_("例: 2-4")
    )

    class Meta:
        verbose_name = _("実施計画")
        verbose_name_plural = _("実施計画")
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.item} ({self.start}–{self.end})"


class FundingItem(models.Model):
    """別表4: how the plan's investment and working capital are funded (千円)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="funding")
    source = models.CharField(_("調達先"), max_length=20, choices=FundingSource.choices)
    amount = models.BigIntegerField(_("金額（千円）"), validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("資金調達")
        verbose_name_plural = _("資金調達")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="funding_amount_not_negative")
        ]

    def __str__(self):
        return f"{self.get_source_display()} {self.amount}"


class SupportContact(models.Model):
    """別表6: a support body the applicant wants told of the plan."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="support_contacts"
    )
    body = models.CharField(_("連絡を希望する機関"), max_length=30, choices=SupportBody.choices)

    class Meta:
        verbose_name = _("関係機関への連絡希望")
        verbose_name_plural = _("関係機関への連絡希望")
        constraints = [
            models.UniqueConstraint(fields=["application", "body"], name="support_body_once")
        ]

    def __str__(self):
        return str(self.get_body_display())
