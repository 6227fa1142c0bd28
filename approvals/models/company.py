"""The applicant SME and the validators of its identifiers."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.history import EditHistory
from approvals import rules, terms
from approvals.constants import Industry, LegalForm
from approvals.identifiers import is_valid_corporate_number
from approvals.regions import has_municipality_list, region_for, region_of


def validate_corporate_number(value: str) -> None:
    if value and not is_valid_corporate_number(value):
        raise ValidationError(
            _("法人番号が正しくありません（13桁の数字で、先頭の検査用数字が一致しません）。"),
            code="corporate_number",
        )


UNKNOWN_MUNICIPALITY = _(
    "「%(municipality)s」は%(prefecture)sの市区町村にありません。"
    "「横須賀市」「横浜市中区」のように、市区町村名を正しく入力してください。"
)


def municipality_problem(prefecture: str, municipality: str) -> str | None:
    """Why a head office's municipality is not accepted, or None.

    In the authority's own prefecture only the municipalities of its list (approvals.regions,
    with aliases such as 茅が崎市) are accepted, so that every approval there has a region;
    head offices in other prefectures are out of jurisdiction and take the name as typed.
    """
    from approvals.models.decision import Authority  # decision imports this module

    if not municipality or not has_municipality_list(prefecture):
        return None
    if prefecture != Authority.current().prefecture or region_for(municipality):
        return None
    return UNKNOWN_MUNICIPALITY % {"municipality": municipality.strip(), "prefecture": prefecture}


DUPLICATE_CORPORATE_NUMBER = _(
    "この法人番号はすでに別の企業の情報として登録されています。番号に誤りがないか確かめてください。"
    "誤りがない場合は、担当課にお問い合わせください。"
)


def corporate_number_problem(number: str, *, company_pk: int | None) -> str | None:
    """Why `number` cannot be this company's 法人番号, or None: one number, one company (the
    constraint company_corporate_number_unique holds it under a race)."""
    if not number:
        return None
    if Company.objects.filter(corporate_number=number).exclude(pk=company_pk).exists():
        return str(DUPLICATE_CORPORATE_NUMBER)
    return None


EARLIEST_FOUNDING = date(1868, 1, 1)  # 明治元年: no company still applying was founded earlier


def validate_founded_on(value: date) -> None:
    """A founding (or opening) date between 1868 and today (Asia/Tokyo)."""
    if value is None:
        return
    if value > timezone.localdate():
        raise ValidationError(
            _("設立（開業）年月日に未来の日付は入力できません。"), code="founded_in_future"
        )
    if value < EARLIEST_FOUNDING:
        raise ValidationError(
            _("設立（開業）年月日は1868年1月1日以降の日付を入力してください。"),
            code="founded_too_early",
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
    founded_on = models.DateField(
        _("設立（開業）年月日"), null=True, blank=True, validators=[validate_founded_on]
    )
    closed_fiscal_years = models.PositiveSmallIntegerField(
        _("決算を終えた期数"), default=0, help_text=gettext_lazy(terms.FISCAL_YEARS_RULE)
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

    history = EditHistory(m2m_fields=["members"], verbose_name=_("企業の変更履歴"))

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
            # Sole proprietors have no number (""); every number names one company.
            models.UniqueConstraint(
                fields=["corporate_number"],
                condition=~Q(corporate_number=""),
                name="company_corporate_number_unique",
                violation_error_message=DUPLICATE_CORPORATE_NUMBER,
            ),
        ]

    # The profile the applicant fills in, in the order of the form (region is derived).
    PROFILE_FIELDS = (
        "name",
        "legal_form",
        "corporate_number",
        "representative_title",
        "representative_name",
        "postal_code",
        "prefecture",
        "municipality",
        "address",
        "phone",
        "email",
        "industry",
        "capital",
        "employees",
        "fiscal_year_end_month",
        "founded_on",
        "closed_fiscal_years",
    )

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.region = region_of(self.prefecture, self.municipality)
        fields = kwargs.get("update_fields")
        if fields is not None and {"prefecture", "municipality"} & set(fields):
            kwargs["update_fields"] = {*fields, "region"}
        super().save(*args, **kwargs)

    def clean(self):
        problems = {
            "municipality": municipality_problem(self.prefecture, self.municipality),
            "corporate_number": corporate_number_problem(self.corporate_number, company_pk=self.pk),
        }
        if any(problems.values()):
            raise ValidationError({field: p for field, p in problems.items() if p})

    def facts(self) -> rules.CompanyFacts:
        return rules.CompanyFacts(
            prefecture=self.prefecture,
            legal_form=self.legal_form,
            industry=self.industry,
            capital=self.capital,
            employees=self.employees,
            closed_fiscal_years=self.closed_fiscal_years,
        )
