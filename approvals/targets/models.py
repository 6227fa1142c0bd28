"""Policy targets as data (DOMAIN.md §8): a series such as 目標②, its yearly targets and baseline.

History before the system is a baseline (a count as of a date) plus recorded actuals for the
years before it; later years are counted from the approvals. Legacy approvals imported from
CSV are kept here (not as Approval rows: they have no application, number counter or notice).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.history import EditHistory
from approvals.constants import (
    THEME_MAX_LENGTH,
    ActivityType,
    ApplicationKind,
    BreakdownDimension,
    Industry,
)
from approvals.fiscal import fiscal_year_of
from approvals.regions import region_for


class TargetSeries(models.Model):
    """One policy indicator with its baseline (基準値) and yearly targets."""

    code = models.SlugField(
        _("コード"),
        max_length=30,
        unique=True,
        help_text=_("API と URL で使う識別子（例: target-2）"),
    )
    title = models.CharField(_("名称"), max_length=200)
    plan = models.CharField(
        _("計画"),
        max_length=300,
        blank=True,
        help_text=_("この目標を定めた計画の名称（ページの冒頭に表示）"),
    )
    source = models.CharField(
        _("出典"),
        max_length=300,
        blank=True,
        help_text=_("目標値と基準値の出典"),
    )
    unit = models.CharField(_("単位"), max_length=10, default="件")
    baseline_as_of = models.DateField(
        _("基準日"), help_text=_("この日までの件数を基準値とし、翌日以降の承認を加算します")
    )
    baseline_count = models.PositiveIntegerField(_("基準値"), help_text=_("基準日時点の累計"))

    history = EditHistory(verbose_name=_("目標の変更履歴"))

    class Meta:
        verbose_name = _("目標")
        verbose_name_plural = _("目標")
        ordering = ["code"]

    def __str__(self):
        return self.title


class TargetYear(models.Model):
    """A fiscal year of a series: its target and, for years before the system, the actual."""

    series = models.ForeignKey(
        TargetSeries, on_delete=models.CASCADE, related_name="years", verbose_name=_("目標")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), help_text=_("西暦（4月始まり）"))
    target = models.PositiveIntegerField(_("目標値（累計）"), null=True, blank=True)
    recorded_actual = models.PositiveIntegerField(
        _("実績（累計、記録値）"),
        null=True,
        blank=True,
        help_text=_("システム導入前の年度の実績。基準日以前の年度にのみ入力します"),
    )

    history = EditHistory(verbose_name=_("年度別目標の変更履歴"))

    class Meta:
        verbose_name = _("年度別目標")
        verbose_name_plural = _("年度別目標")
        ordering = ["series", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "fiscal_year"], name="target_year_once_per_series"
            ),
        ]

    def __str__(self):
        return f"{self.series.code} {self.fiscal_year}"


def validate_activity_types(value: str) -> None:
    unknown = [code for code in split_codes(value) if code not in ActivityType.values]
    if unknown:
        raise ValidationError(
            _("不明な取組類型です: %(codes)s"), params={"codes": ", ".join(unknown)}
        )


def split_codes(value: str) -> list[str]:
    return [code.strip() for code in (value or "").replace(";", ",").split(",") if code.strip()]


class LegacyApproval(models.Model):
    """An approval given before the system, imported from CSV (import_approvals)."""

    approved_on = models.DateField(_("承認日"))
    fiscal_year = models.PositiveSmallIntegerField(
        _("年度"), editable=False, db_index=True, help_text=_("承認日から決まります")
    )
    company_name = models.CharField(_("企業名"), max_length=200)
    theme = models.CharField(_("テーマ"), max_length=THEME_MAX_LENGTH)
    number = models.CharField(_("承認番号"), max_length=50, blank=True)
    municipality = models.CharField(_("市区町村"), max_length=50, blank=True)
    region = models.CharField(_("地域"), max_length=10, blank=True, editable=False)
    industry = models.CharField(_("業種"), max_length=20, choices=Industry.choices, blank=True)
    activity_types = models.CharField(
        _("取組類型"),
        max_length=200,
        blank=True,
        validators=[validate_activity_types],
        help_text=_("コードをカンマ区切りで（例: new_product,rnd）"),
    )
    imported_at = models.DateTimeField(_("取込日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("過去の承認（取込）")
        verbose_name_plural = _("過去の承認（取込）")
        ordering = ["approved_on", "id"]
        constraints = [
            # A re-run of the import finds the same rows and adds nothing.
            models.UniqueConstraint(
                fields=["approved_on", "company_name", "theme"], name="legacy_approval_once"
            ),
            models.CheckConstraint(condition=~Q(company_name=""), name="legacy_has_company"),
        ]

    def __str__(self):
        return f"{self.approved_on} {self.company_name}"

    def save(self, *args, **kwargs):
        self.region = region_for(self.municipality)
        self.fiscal_year = fiscal_year_of(self.approved_on)
        super().save(*args, **kwargs)


class ApprovalDayCount(models.Model):
    """New-plan approvals granted on one (Asia/Tokyo) day: the tally target ② is read from.

    `approvals.numbering.approval_grant` adds one in the same transaction that records the
    approval, so the tally commits or rolls back with it: never stale, never ahead. Reading
    target ② then sums a few thousand day rows instead of counting every approval, so its
    cost does not grow with the number of approvals. Change approvals are not tallied.
    """

    day = models.DateField(_("承認日"), primary_key=True)
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), db_index=True)
    new_plans = models.PositiveIntegerField(_("新規計画の承認件数"), default=0)

    class Meta:
        verbose_name = _("日別の承認件数")
        verbose_name_plural = _("日別の承認件数")

    def __str__(self):
        return f"{self.day}: {self.new_plans}"


class ApprovalBreakdownCount(models.Model):
    """New-plan approvals of a fiscal year under one region, industry or activity type.

    The drill-down of target ② is read from these rows. `approval_grant` adds one to the
    approval's region and industry (as they stood that day, recorded on the approval) and to
    each activity type of its plan, in the approving transaction, like ApprovalDayCount.
    """

    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    dimension = models.CharField(_("区分"), max_length=20, choices=BreakdownDimension.choices)
    key = models.CharField(_("値"), max_length=30, blank=True, help_text=_("地域名やコード"))
    new_plans = models.PositiveIntegerField(_("新規計画の承認件数"), default=0)

    class Meta:
        verbose_name = _("区分別の承認件数")
        verbose_name_plural = _("区分別の承認件数")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "dimension", "key"], name="breakdown_count_once"
            ),
        ]

    def __str__(self):
        return f"{self.fiscal_year} {self.dimension} {self.key}: {self.new_plans}"


class ProcessingTimeCount(models.Model):
    """Decisions of a fiscal year (of the decision) and procedure that took `working_days`
    working days from arrival, within the standard period or not: the processing-time
    statistics (approvals.targets.processing_times) are read from these rows, a few hundred a
    year whatever the number of applications. The deciding transaction adds one
    (approvals.targets.processing_times.count_decision), with the figures it stores on the
    application (decision_working_days, decided_within_period), from which the rows can be
    rebuilt (rebuild_processing_counts)."""

    fiscal_year = models.PositiveSmallIntegerField(_("決定年度"))
    kind = models.CharField(_("手続の種類"), max_length=10, choices=ApplicationKind.choices)
    working_days = models.PositiveIntegerField(_("決定までの開庁日数"))
    within_period = models.BooleanField(_("標準処理期間内の決定"))
    decisions = models.PositiveIntegerField(_("決定件数"), default=0)

    class Meta:
        verbose_name = _("処理期間別の決定件数")
        verbose_name_plural = _("処理期間別の決定件数")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "kind", "working_days", "within_period"],
                name="processing_time_count_once",
            ),
        ]

    def __str__(self):
        return f"{self.fiscal_year} {self.kind} {self.working_days}: {self.decisions}"


class TargetRevision(models.Model):
    """One row whose token changes, in the writing transaction, whenever target figures do.

    Target pages, the API and the exports are served from a per-process memo keyed by this
    token (approvals.targets.memo). Every write that changes what they show replaces the token
    in its own transaction: approval_grant explicitly (approvals.targets.tally: its tally is a
    queryset update) and the saves and deletes of the series, their years, the day tally and
    legacy approvals through signals (approvals.targets.signals). A reader that starts after
    the commit reads the new token and computes afresh, so nothing is served stale. Tokens are
    random, never a counter: a transaction that rolled back can leave no token behind for a
    later one to reuse.
    """

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("目標の改訂")
        verbose_name_plural = _("目標の改訂")

    def __str__(self):
        return self.token
