"""What the authority decides: review records, approvals with their gapless numbers, refusals.

The approval number is taken from a per-fiscal-year counter row locked in the approving
transaction, so numbers are unique and gapless, and a rollback gives the number back.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.history import EditHistory
from approvals.constants import (
    SUBMIT_KINDS_DEFAULT,
    ApplicationKind,
    ApprovalKind,
    Industry,
    Recommendation,
)
from approvals.errors import IssuerMissing
from approvals.models.plan import Application
from approvals.verification import VERIFY_CODE_MAX_LENGTH, new_verify_code


def validate_number_format(value: str) -> None:
    """One format for every numbered notice: approvals and refusals are numbered in series of
    their own, so the format names the series ({series}) as well as the number ({seq})."""
    for placeholder, message in (
        ("{seq}", _("番号の書式には {seq}（連番）を含めてください。")),
        ("{series}", _("番号の書式には {series}（承認・不承認の別を表す記号）を含めてください。")),
    ):
        if placeholder not in value:
            raise ValidationError(message)
    try:
        value.format(series="経革", seq=1, fy=2026, era_year=8)
    except (KeyError, IndexError, ValueError) as error:
        raise ValidationError(
            _("番号の書式に使えるのは {series}、{seq}、{fy}、{era_year} だけです。")
        ) from error


ISSUER_MISSING = _(
    "決裁権者（通知書の発信者）の職名または氏名が設定されていないため、決定を記録できません。"
    "管理者に「承認権者の設定」で職名と氏名を設定するよう依頼してから、もう一度決定してください。"
)


def submit_kinds_default() -> list[str]:
    return list(SUBMIT_KINDS_DEFAULT)


class Authority(models.Model):
    """The approving authority as printed on notices; one row, edited in the admin."""

    prefecture = models.CharField(_("都道府県"), max_length=10, default="神奈川県")
    governor_title = models.CharField(
        _("決裁権者の職名"),
        max_length=50,
        default="神奈川県知事",
        help_text=_("通知書の発信者として表示されます"),
    )
    governor_name = models.CharField(_("決裁権者の氏名"), max_length=50, blank=True)
    number_format = models.CharField(
        _("文書番号の書式"),
        max_length=50,
        default="{series}第{seq}号",
        validators=[validate_number_format],
        help_text=_(
            "承認通知書と不承認通知書に共通の書式。{series} は下の記号、{seq} は年度内の連番"
            "（記号ごと）、{fy} は年度（西暦）、{era_year} は和暦の年"
        ),
    )
    approval_series = models.CharField(
        _("承認の記号"), max_length=20, default="経革", help_text=_("例: 経革 → 経革第1号")
    )
    refusal_series = models.CharField(
        _("不承認の記号"), max_length=20, default="経革不", help_text=_("例: 経革不 → 経革不第1号")
    )
    hearing_series = models.CharField(
        _("聴聞通知の記号"),
        max_length=20,
        default="経革聴",
        help_text=_("例: 経革聴 → 経革聴第1号"),
    )
    revocation_series = models.CharField(
        _("承認取消通知の記号"),
        max_length=20,
        default="経革取",
        help_text=_("例: 経革取 → 経革取第1号"),
    )
    separate_step_staff = models.BooleanField(
        _("受付・審査・決裁を別の職員が行う"),
        default=True,
        help_text=_(
            "オンのとき、一つの申請の受付・審査・決裁はそれぞれ別の職員が行います。"
            "オフでも、審査した職員は決裁できません。"
        ),
    )
    standard_processing_days = models.PositiveSmallIntegerField(
        _("標準処理期間（日）"),
        default=30,
        help_text=_("休日と補正に要した期間は含みません"),
    )
    standard_processing_days_change = models.PositiveSmallIntegerField(
        _("変更承認の標準処理期間（日）"),
        default=30,
        help_text=_("開庁日で数えます。休日と補正に要した期間は含みません"),
    )
    # Where applicants turn with questions: shown on the portal's "what happens next" and
    # outcome pages, and in the notice's contact block (担当・問い合わせ先).
    contact_department = models.CharField(
        _("担当課"),
        max_length=100,
        blank=True,
        help_text=_("例: 産業労働局産業部産業振興課"),
    )
    contact_phone = models.CharField(_("担当課の電話番号"), max_length=30, blank=True)
    contact_email = models.EmailField(_("担当課のメールアドレス"), blank=True)
    contact_hours = models.CharField(
        _("問い合わせの受付時間"),
        max_length=100,
        blank=True,
        help_text=_("例: 平日 8時30分〜17時15分"),
    )
    correction_days = models.PositiveSmallIntegerField(
        _("補正期限（日）"),
        default=14,
        help_text=_("補正を依頼した日からの日数。補正期限の初期値で、担当者が変更できます"),
    )

    # The kinds of support organisation a firm may let submit for it (DOMAIN.md §12).
    submit_kinds = models.JSONField(
        _("提出を委任できる支援機関の種別"),
        default=submit_kinds_default,
        blank=True,
        help_text=_(
            "企業が「提出」を委任できる支援機関の種別。報酬を得て書類を作成できるのは行政書士のみ"
            "（改正行政書士法 第19条）のため、初期値は行政書士と公的な支援機関です"
        ),
    )

    history = EditHistory(verbose_name=_("承認権者の設定の変更履歴"))

    class Meta:
        verbose_name = _("承認権者の設定")
        verbose_name_plural = _("承認権者の設定")
        constraints = [
            # Numbered apart, the series must read apart too.
            models.CheckConstraint(
                condition=~Q(approval_series=models.F("refusal_series")),
                name="authority_series_differ",
                violation_error_message=_("承認と不承認には別の記号を設定してください。"),
            ),
            models.CheckConstraint(
                condition=~Q(hearing_series=models.F("revocation_series"))
                & ~Q(hearing_series=models.F("approval_series"))
                & ~Q(hearing_series=models.F("refusal_series"))
                & ~Q(revocation_series=models.F("approval_series"))
                & ~Q(revocation_series=models.F("refusal_series")),
                name="authority_notice_series_differ",
                violation_error_message=_(
                    "聴聞通知と承認取消通知には、承認・不承認とも互いとも別の記号を設定してください。"
                ),
            ),
        ]

    def __str__(self):
        return f"{self.governor_title} {self.governor_name}".strip()

    def submit_allowed(self, kind: str) -> bool:
        """Whether a firm may let an organisation of this kind submit for it."""
        return kind in (self.submit_kinds or [])

    def processing_days(self, kind: str) -> int:
        """The standard processing period in working days for a new plan or a change."""
        if kind == ApplicationKind.CHANGE:
            return self.standard_processing_days_change
        return self.standard_processing_days

    @classmethod
    def current(cls) -> "Authority":
        """The one authority row, the one source of the prefecture this installation serves
        (the jurisdiction check, the municipality list, the notices). The
        KAKUSHIN_PREFECTURE setting only seeds it: the row is created with that prefecture
        and its governor's title; the admin edits it from then on."""
        prefecture = settings.KAKUSHIN_PREFECTURE
        authority, _created = cls.objects.get_or_create(
            pk=1, defaults={"prefecture": prefecture, "governor_title": f"{prefecture}知事"}
        )
        return authority


class Issued(models.Model):
    """Who issues the notice of a decision: the authority as it is on the day of the decision,
    recorded with it, so a notice issued again later still names who was in office then."""

    issuer_title = models.CharField(
        _("発信者の職名"),
        max_length=50,
        blank=True,
        help_text=_("決定の日の決裁権者の職名（通知書に記載）"),
    )
    issuer_name = models.CharField(_("発信者の氏名"), max_length=50, blank=True)
    issuer_prefecture = models.CharField(_("発信者の都道府県"), max_length=10, blank=True)

    class Meta:
        abstract = True

    @staticmethod
    def issuer_now(authority: "Authority | None" = None) -> dict:
        """The issuer fields as the authority stands now (at the decision); `authority` is
        Authority.current() when the caller has it already.

        IssuerMissing when the title or the name is not set: a decision whose notice would
        name no issuer is not taken (the deciding transaction rolls back whole)."""
        authority = authority or Authority.current()
        if not (authority.governor_title.strip() and authority.governor_name.strip()):
            raise IssuerMissing(ISSUER_MISSING)
        return {
            "issuer_title": authority.governor_title,
            "issuer_name": authority.governor_name,
            "issuer_prefecture": authority.prefecture,
        }


class ApprovalCounter(models.Model):
    """The last approval number used in a fiscal year; locked while a number is taken."""

    fiscal_year = models.PositiveSmallIntegerField(_("年度"), primary_key=True)
    last_number = models.PositiveIntegerField(_("最終番号"), default=0)

    class Meta:
        verbose_name = _("承認番号の採番")
        verbose_name_plural = _("承認番号の採番")

    def __str__(self):
        return f"FY{self.fiscal_year}: {self.last_number}"


class DocumentCounter(models.Model):
    """The last number used in a fiscal year by a series other than approvals' (the refusals');
    locked while a number is taken, as ApprovalCounter is."""

    series = models.CharField(_("系列"), max_length=20)
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    last_number = models.PositiveIntegerField(_("最終番号"), default=0)

    class Meta:
        verbose_name = _("文書番号の採番")
        verbose_name_plural = _("文書番号の採番")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "fiscal_year"], name="document_counter_series_year"
            )
        ]

    def __str__(self):
        return f"{self.series} FY{self.fiscal_year}: {self.last_number}"


class Approval(Issued):
    """The approval of a plan: its number within the fiscal year and the approval date."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="approval", verbose_name=_("申請")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    sequence = models.PositiveIntegerField(_("年度内の連番"))
    number = models.CharField(_("承認番号"), max_length=50, help_text=_("通知書に記載する番号"))
    approved_on = models.DateField(_("承認日"))
    kind = models.CharField(
        _("承認の種類"),
        max_length=10,
        choices=ApprovalKind.choices,
        default=ApprovalKind.NEW,
        help_text=_("目標②に数えるのは新規計画の承認のみです"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("決裁者"),
    )
    # Where the company stood on the day of approval: target ②'s drill-down counts the
    # approval there for good, even after the company moves or changes its industry.
    region = models.CharField(
        _("承認時の地域"),
        max_length=20,
        blank=True,
        editable=False,
        help_text=_("承認した日の企業の所在地から決まります"),
    )
    industry = models.CharField(
        _("承認時の業種"), max_length=20, choices=Industry.choices, blank=True, editable=False
    )
    # The public verification page's key (approvals.verification): random, never derived
    # from the id or the number.
    verify_code = models.CharField(
        _("照合コード"),
        max_length=VERIFY_CODE_MAX_LENGTH,
        unique=True,
        default=new_verify_code,
        editable=False,
        help_text=_("通知書のQRコードと照合用URLに記載する、推測できないコード"),
    )
    created_at = models.DateTimeField(_("記録日時"), auto_now_add=True)

    class Meta(Issued.Meta):
        abstract = False
        verbose_name = _("承認")
        verbose_name_plural = _("承認")
        ordering = ["fiscal_year", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "sequence"], name="approval_number_unique_in_year"
            ),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="approval_sequence_from_1"),
        ]
        # Target ② (approvals.targets, approvals.targets.breakdown) counts new-plan approvals
        # by fiscal year from these partial indexes alone (index-only scans on PostgreSQL).
        indexes = [
            models.Index(
                fields=["fiscal_year", "approved_on"],
                condition=Q(kind="new"),
                name="approval_new_year_date",
            ),
            models.Index(
                fields=["fiscal_year", "application"],
                condition=Q(kind="new"),
                name="approval_new_year_application",
            ),
        ]

    def __str__(self):
        return f"{self.number} ({self.fiscal_year}年度)"


class Refusal(Issued):
    """A refusal (不承認) with its reasons, which 行政手続法第8条 requires."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="refusal", verbose_name=_("申請")
    )
    reasons = models.TextField(_("不承認の理由"))
    refused_on = models.DateField(_("不承認日"))
    # Its own series (DocumentCounter "refusal"); refusals recorded before it have no
    # sequence and keep the number their notice was issued with (第<受付番号>号).
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("年度内の連番"), null=True, blank=True)
    number = models.CharField(
        _("文書番号"), max_length=50, blank=True, help_text=_("不承認通知書に記載する番号")
    )
    refused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("決裁者"),
    )
    created_at = models.DateTimeField(_("記録日時"), auto_now_add=True)

    class Meta(Issued.Meta):
        abstract = False
        verbose_name = _("不承認")
        verbose_name_plural = _("不承認")
        constraints = [
            models.CheckConstraint(condition=~Q(reasons=""), name="refusal_has_reasons"),
            models.UniqueConstraint(
                fields=["fiscal_year", "sequence"],
                condition=Q(sequence__isnull=False),
                name="refusal_number_unique_in_year",
            ),
        ]

    def __str__(self):
        return f"{self.application_id} {self.refused_on}"


class Review(models.Model):
    """A reviewer's (審査) checklist, opinion and recommendation on one submitted version."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("申請")
    )
    version = models.PositiveIntegerField(_("審査した版"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("審査担当者"),
    )
    recommendation = models.CharField(_("審査結果"), max_length=10, choices=Recommendation.choices)
    novelty = models.BooleanField(
        _("新規性"),
        default=False,
        help_text=_("自社にとって新たな取組で、同業他社で相当程度普及していない"),
    )
    feasibility = models.BooleanField(
        _("実現可能性"), default=False, help_text=_("計画の内容・体制で実施できる")
    )
    funding = models.BooleanField(
        _("資金計画の妥当性"), default=False, help_text=_("調達の見込みが妥当")
    )
    policy = models.BooleanField(
        _("基本方針との整合"), default=False, help_text=_("経営革新の基本方針に適合")
    )
    opinion = models.TextField(_("審査意見"), blank=True)
    at = models.DateTimeField(_("日時"), auto_now_add=True)

    CHECKLIST = ("novelty", "feasibility", "funding", "policy")

    class Meta:
        verbose_name = _("審査記録")
        verbose_name_plural = _("審査記録")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.application_id} v{self.version} {self.recommendation}"
