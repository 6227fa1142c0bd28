"""The signed-in user, the applicant's company, and an application's check, history, versions."""

from datetime import date

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from approvals import rules, terms
from approvals.constants import PREFECTURES, LegalForm, OrganisationKind, PlanSection, Step
from approvals.history import drafted_by, history_row
from approvals.identifiers import (
    is_valid_corporate_number,
    normalize_number,
    normalize_postal_code,
)
from approvals.models import ApplicationVersion, Company
from approvals.models.company import municipality_problem
from approvals.serializer_fields import PostalCodeField
from config.rest import on_or_after

CAPITAL_LIMIT = 10**15  # yen


class OrganisationSerializer(serializers.Serializer):
    """A support organisation as a firm and its own members see it."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=OrganisationKind.choices)
    region = serializers.CharField()
    registration_number = serializers.CharField()


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    display_name = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())
    company = serializers.IntegerField(allow_null=True)
    organisation = OrganisationSerializer(
        allow_null=True,
        help_text=_("支援機関の担当者の所属機関。それ以外の利用者は null"),
    )


class CompanySerializer(serializers.ModelSerializer):
    """The applicant's company profile; `region` follows the municipality."""

    corporate_number = serializers.CharField(
        max_length=40,
        allow_blank=True,
        required=False,
        help_text=_("13桁の法人番号。個人事業主は空欄"),
    )
    postal_code = PostalCodeField(max_length=20, help_text=_("7桁。「231-0023」も可"))
    prefecture = serializers.ChoiceField(
        choices=PREFECTURES, help_text=_("本店登記の所在地（個人事業主は住民登録地）")
    )
    capital = serializers.IntegerField(
        min_value=0, max_value=CAPITAL_LIMIT, allow_null=True, required=False
    )
    evidence_attachment = serializers.IntegerField(
        write_only=True,
        required=False,
        allow_null=True,
        help_text=_(
            "承認後に商号・代表者・所在地を変更するとき: 先に POST /api/v1/company/evidence/ で"
            "登録した証明書類の id"
        ),
    )

    class Meta:
        model = Company
        fields = [
            "id",
            *Company.PROFILE_FIELDS,
            "evidence_attachment",
            "region",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "region", "created_at", "updated_at"]

    def validate_corporate_number(self, value: str) -> str:
        value = normalize_number(value).replace("-", "")
        if value and not is_valid_corporate_number(value):
            raise serializers.ValidationError(
                _("法人番号が正しくありません（13桁の数字で、先頭の検査用数字が一致しません）。")
            )
        return value

    def validate_postal_code(self, value: str) -> str:
        digits = normalize_postal_code(value)
        if digits is None:
            raise serializers.ValidationError(
                _("郵便番号は7桁の数字で入力してください（例: 2310023）。")
            )
        return digits

    def validate(self, attrs):
        legal_form = attrs.get("legal_form", getattr(self.instance, "legal_form", ""))
        number = attrs.get("corporate_number", getattr(self.instance, "corporate_number", ""))
        if legal_form != LegalForm.SOLE and not number:
            raise serializers.ValidationError(
                {"corporate_number": [_("法人は法人番号（13桁）を入力してください。")]}
            )
        problem = municipality_problem(
            attrs.get("prefecture", getattr(self.instance, "prefecture", "")),
            attrs.get("municipality", getattr(self.instance, "municipality", "")),
        )
        if problem:
            raise serializers.ValidationError({"municipality": [problem]})
        return attrs


class EligibilitySerializer(serializers.Serializer):
    code = serializers.CharField()
    passed = serializers.BooleanField()
    message = serializers.CharField()


class CriterionSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=list(terms.CRITERIA))
    base = serializers.CharField(allow_null=True, help_text=_("基準年度の値"))
    final = serializers.CharField(allow_null=True, help_text=_("最終年度の値"))
    growth_pct = serializers.CharField(allow_null=True, help_text=_("伸び率（%、小数2桁）"))
    required_pct = serializers.CharField()
    passed = serializers.BooleanField(allow_null=True, help_text=_("null は審査担当者の判断"))
    missing = serializers.BooleanField(
        help_text=_("true: 基準年度か最終年度の数値が未入力のため、まだ判定していない")
    )
    message = serializers.CharField()


class CheckWarningSerializer(serializers.Serializer):
    code = serializers.ChoiceField(
        choices=[
            rules.money.LOOKS_LIKE_YEN,
            rules.money.FUNDING_SHORTFALL,
            rules.money.FUNDING_EXCESS,
        ]
    )
    year = serializers.IntegerField(allow_null=True)
    figure = serializers.CharField(allow_null=True)
    message = serializers.CharField()


class FundingBalanceSerializer(serializers.Serializer):
    required = serializers.IntegerField(help_text=_("必要資金（設備投資額＋運転資金、千円）"))
    raised = serializers.IntegerField(help_text=_("調達計（資金計画の合計、千円）"))
    difference = serializers.IntegerField(help_text=_("調達計 − 必要資金（負は不足）"))
    state = serializers.ChoiceField(
        choices=[rules.money.BALANCED, rules.money.SHORTFALL, rules.money.EXCESS]
    )
    message = serializers.CharField()


class LegalBasisSerializer(serializers.Serializer):
    law = serializers.CharField()
    article = serializers.CharField()


class CheckResultSerializer(serializers.Serializer):
    """The self-check, as `selectors.check_result_data` presents it."""

    rule_set = serializers.CharField()
    legal_basis = LegalBasisSerializer(
        help_text=_("書類に記載する法律と条項（提出日、または as_of の日に施行のもの）")
    )
    law = serializers.CharField()
    article = serializers.CharField()
    eligible = serializers.BooleanField()
    eligibility = EligibilitySerializer(many=True)
    criteria = CriterionSerializer(many=True)
    passed = serializers.BooleanField(allow_null=True, help_text=_("null は審査担当者の判断"))
    errors = serializers.ListField(child=serializers.CharField())
    warnings = CheckWarningSerializer(
        many=True, help_text=_("基準の判定には影響しない注意（円での入力の疑い、資金の過不足）")
    )
    funding = FundingBalanceSerializer(allow_null=True)


# The schema says which days a rule set is in force on (every day since the first one's first),
# so a client learns the bound from it rather than from a 400.
@extend_schema_field(
    {"type": "string", "format": "date", "pattern": on_or_after(rules.RULE_SETS[0].valid_from)}
)
class RuleSetDayField(serializers.DateField):
    """A day some rule set is in force on."""


class CheckQuerySerializer(serializers.Serializer):
    as_of = RuleSetDayField(
        required=False,
        input_formats=["%Y-%m-%d"],
        help_text=_("この日に施行されている基準で判定します（YYYY-MM-DD）"),
        error_messages={"invalid": _("as_of は YYYY-MM-DD の形式で指定してください。")},
    )

    def validate_as_of(self, value: date) -> date:
        try:
            rules.rule_set_for(value)
        except rules.NoRuleSet as exc:
            raise serializers.ValidationError(str(exc)) from exc
        return value


class HistoryEntrySerializer(serializers.Serializer):
    """A history row as the reader may see it (approvals.history): applicants get correction
    requests and refusal reasons, never internal opinions or the review's recommendation, and
    see staff as their office; everyone sees people named as the pages name them."""

    at = serializers.DateTimeField()
    actor = serializers.CharField()
    step = serializers.ChoiceField(choices=Step.choices)
    step_display = serializers.CharField(source="step_label")
    action = serializers.CharField()
    comment = serializers.CharField()
    memo = serializers.CharField(
        required=False,
        help_text=_("内部メモ（職員にだけ返します。申請者への応答には含まれません）"),
    )
    sections = serializers.ListField(
        child=serializers.ChoiceField(choices=PlanSection.choices),
        help_text=_("補正依頼: 修正が必要な項目"),
    )
    due_on = serializers.DateField(allow_null=True, help_text=_("補正依頼: 補正期限"))
    on_behalf_of = serializers.CharField(
        allow_null=True,
        help_text=_(
            "支援機関の担当者が企業に代わって行ったとき、その企業の名称（それ以外は null）"
        ),
    )
    on_behalf_of_id = serializers.IntegerField(
        allow_null=True, help_text=_("同じく、その企業の ID")
    )

    def to_representation(self, entry):
        context = self.context
        row = history_row(entry, staff=context["staff"], members=context["members"])
        data = super().to_representation(row)
        if not context["staff"]:
            data.pop("memo", None)  # never sent to the applicant, not even empty
        return data


class DraftedBySerializer(serializers.Serializer):
    section = serializers.ChoiceField(choices=PlanSection.choices)
    actor = serializers.CharField(help_text=_("履歴と同じ表示（支援機関の担当者は所属機関つき）"))
    first_at = serializers.DateTimeField()
    last_at = serializers.DateTimeField()
    on_behalf_of = serializers.CharField(
        allow_null=True,
        help_text=_(
            "支援機関の担当者が企業に代わって書いたとき、その企業の名称（それ以外は null）"
        ),
    )
    on_behalf_of_id = serializers.IntegerField(allow_null=True)


class ApplicationVersionSerializer(serializers.ModelSerializer):
    submitted_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    drafted_by = serializers.SerializerMethodField(
        help_text=_("この版の各項目を書いた人（項目の順）")
    )

    class Meta:
        model = ApplicationVersion
        fields = [
            "number",
            "submitted_at",
            "submitted_by",
            "rule_set",
            "data",
            "check_result",
            "reply",
            "drafted_by",
        ]
        read_only_fields = fields

    @extend_schema_field(DraftedBySerializer(many=True))
    def get_drafted_by(self, version) -> list:
        user = self.context["request"].user
        rows = drafted_by(version.application, version.number, staff=user.is_staff_member)
        return DraftedBySerializer(rows, many=True).data
