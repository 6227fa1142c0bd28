"""The plan (経営革新計画) and its company, figures, schedule, funding, versions and history.

Regulated data lives in real columns with constraints; only the frozen copy of a submitted
version is kept as a JSON document, because it must never change once written.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from approvals import rules
from approvals.constants import (
    ActivityType,
    FundingSource,
    Industry,
    LegalForm,
    Status,
    Step,
    SupportBody,
)
from approvals.identifiers import is_valid_corporate_number
from approvals.regions import region_for

THEME_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 4000


def validate_corporate_number(value: str) -> None:
    if value and not is_valid_corporate_number(value):
        raise ValidationError(
            _("法人番号が正しくありません（13桁の数字で、先頭の検査用数字が一致しません）。"),
            code="corporate_number",
        )


postal_code_validator = RegexValidator(
    r"^\d{7}$", _("郵便番号は7桁の数字で入力してください（例: 2310023）。")
)
quarter_validator = RegexValidator(
    r"^(10|[1-9])-[1-4]$", _("「1-1」（1年目第1四半期）の形式で入力してください。")
)


class Company(models.Model):
    """The applicant SME: head office, size and industry decide eligibility (DOMAIN.md §3)."""

    corporate_number = models.CharField(
        _("法人番号"),
        max_length=13,
        blank=True,
        validators=[validate_corporate_number],
        help_text=_("13桁。個人事業主は空欄"),
    )
    name = models.CharField(_("名称"), max_length=200)
    legal_form = models.CharField(_("組織形態"), max_length=20, choices=LegalForm.choices)
    representative_title = models.CharField(
        _("代表者役職"), max_length=50, blank=True, help_text=_("例: 代表取締役")
    )
    representative_name = models.CharField(_("代表者氏名"), max_length=100)
    postal_code = models.CharField(
        _("郵便番号"),
        max_length=7,
        validators=[postal_code_validator],
        help_text=_("本店（個人事業主は住所）の郵便番号、7桁"),
    )
    prefecture = models.CharField(
        _("都道府県"), max_length=10, help_text=_("本店登記の所在地（個人事業主は住民登録地）")
    )
    municipality = models.CharField(_("市区町村"), max_length=50, help_text=_("例: 横須賀市"))
    address = models.CharField(_("町名・番地等"), max_length=200)
    phone = models.CharField(_("電話番号"), max_length=20, blank=True)
    email = models.EmailField(_("メールアドレス"), blank=True)
    industry = models.CharField(_("業種"), max_length=20, choices=Industry.choices)
    capital = models.BigIntegerField(
        _("資本金（円）"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("円単位。個人事業主は空欄"),
    )
    employees = models.PositiveIntegerField(
        _("常時使用する従業員数"),
        help_text=_("役員、臨時・派遣の従業員を除きます"),
    )
    fiscal_year_end_month = models.PositiveSmallIntegerField(
        _("決算月"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    founded_on = models.DateField(_("設立（開業）年月日"), null=True, blank=True)
    closed_fiscal_years = models.PositiveSmallIntegerField(
        _("決算を終えた期数"), default=0, help_text=_("申請には1期以上の決算が必要です")
    )
    region = models.CharField(
        _("地域"),
        max_length=20,
        blank=True,
        editable=False,
        help_text=_("市区町村から自動で決まります"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="companies",
        blank=True,
        verbose_name=_("所属ユーザー"),
    )
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("企業")
        verbose_name_plural = _("企業")
        constraints = [
            models.CheckConstraint(
                condition=Q(fiscal_year_end_month__gte=1, fiscal_year_end_month__lte=12),
                name="company_fiscal_year_end_month_1_12",
            ),
            models.CheckConstraint(
                condition=Q(capital__isnull=True) | Q(capital__gte=0),
                name="company_capital_not_negative",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.region = region_for(self.municipality)
        if kwargs.get("update_fields") is not None and "municipality" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "region"}
        super().save(*args, **kwargs)

    def facts(self) -> rules.CompanyFacts:
        return rules.CompanyFacts(
            prefecture=self.prefecture,
            legal_form=self.legal_form,
            industry=self.industry,
            capital=self.capital,
            employees=self.employees,
            closed_fiscal_years=self.closed_fiscal_years,
        )


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
    version = models.PositiveIntegerField(_("版"), default=0)
    submitted_at = models.DateTimeField(_("提出日時"), null=True, blank=True)
    decided_at = models.DateTimeField(_("決定日時"), null=True, blank=True)
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
        ]

    def __str__(self):
        return f"{self.reference} {self.theme}"

    @property
    def is_editable(self) -> bool:
        return self.status in (Status.DRAFT, Status.RETURNED)

    @property
    def final_year(self) -> int | None:
        if self.period_years is None:
            return None
        return self.rd_years + self.period_years

    def activity_codes(self) -> list[str]:
        return [a.code for a in self.activities.all()]

    def plan(self) -> rules.Plan:
        return rules.Plan(
            period_years=self.period_years,
            rd_years=self.rd_years,
            activity_types=tuple(self.activity_codes()),
            figures=tuple(self.figures.all()),
        )


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


def _amount(label, help_text=""):
    return models.BigIntegerField(label, null=True, blank=True, help_text=help_text)


class YearFigures(models.Model):
    """One column of 別表3 (千円). Derived rows are properties, never stored or typed in."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="figures")
    year = models.SmallIntegerField(
        _("年度"), help_text=_("0 = 直近期末（基準年度）、-1・-2 = その前、1〜 = 計画年度")
    )
    sales = _amount(_("売上高"))
    cost_of_sales = _amount(_("売上原価"))
    sga = _amount(_("販売費及び一般管理費"))
    non_operating_expenses = _amount(_("営業外費用"), _("支払利息など"))
    personnel_cost = _amount(_("人件費"))
    depreciation = _amount(_("減価償却費"), _("リース料・レンタル料を含みます"))
    employees = models.PositiveIntegerField(_("従業員数"), null=True, blank=True)
    total_salary = _amount(_("給与支給総額"), _("役員・従業員の給与と賞与の合計"))
    capex = _amount(_("設備投資額"))
    working_capital = _amount(_("運転資金"))

    INPUT_FIELDS = (
        "sales",
        "cost_of_sales",
        "sga",
        "non_operating_expenses",
        "personnel_cost",
        "depreciation",
        "employees",
        "total_salary",
        "capex",
        "working_capital",
    )

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
    action = models.CharField(_("操作"), max_length=40)
    comment = models.TextField(_("コメント"), blank=True)

    class Meta:
        verbose_name = _("履歴")
        verbose_name_plural = _("履歴")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.step} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("履歴は追記のみで、変更できません。"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("履歴は削除できません。"))
