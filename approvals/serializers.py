"""The application (the plan) as API clients read it, and the queryset that feeds it.

Shared by approvals' API and the flow's submit and withdraw (workflow.api), which answer with
the application as it is afterwards; what clients write is approvals.api.application_input.
"""

from datetime import date, datetime

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from approvals import processing, rules, selectors, terms
from approvals.constants import ActivityType, ApplicationKind, ChangeItem, SupportBody
from approvals.errors import NoRuleSet
from approvals.models import Application, ApplicationVersion, FundingItem, ScheduleItem, YearFigures
from approvals.serializer_fields import YearMonthField
from approvals.verification import verify_url


class FigureSerializer(serializers.ModelSerializer):
    """A stored year with its derived rows (computed, never written)."""

    gross_profit = serializers.IntegerField(read_only=True, allow_null=True)
    operating_profit = serializers.IntegerField(read_only=True, allow_null=True)
    ordinary_profit = serializers.IntegerField(read_only=True, allow_null=True)
    value_added = serializers.IntegerField(read_only=True, allow_null=True)
    value_added_per_employee = serializers.DecimalField(
        max_digits=20, decimal_places=1, read_only=True, allow_null=True
    )

    class Meta:
        model = YearFigures
        fields = ["year", *terms.INPUT_FIGURES, *terms.DERIVED_FIGURES]
        read_only_fields = fields


class ScheduleSerializer(serializers.ModelSerializer):
    class Meta:
        model = ScheduleItem
        fields = ["item", "start", "end"]
        read_only_fields = fields


class FundingSerializer(serializers.ModelSerializer):
    class Meta:
        model = FundingItem
        fields = ["source", "amount"]
        read_only_fields = fields


class ChangeApprovalSerializer(serializers.Serializer):
    seq = serializers.IntegerField(help_text=_("第n回変更"))
    approved_on = serializers.DateField(help_text=_("変更承認日"))


class ChangeInfoSerializer(serializers.Serializer):
    """What a change application carries besides the plan (変更承認申請)."""

    reason = serializers.CharField(help_text=_("変更理由"))
    items = serializers.ListField(
        child=serializers.ChoiceField(choices=ChangeItem.choices), help_text=_("変更する事項")
    )
    approval_number = serializers.CharField(help_text=_("変更する計画の承認番号"))
    seq = serializers.IntegerField(allow_null=True, help_text=_("第n回変更（承認されたとき）"))
    approved_on = serializers.DateField(allow_null=True, help_text=_("変更承認日"))


class ApprovalSerializer(serializers.Serializer):
    number = serializers.CharField(help_text=_("承認番号（例: 経革第1号）"))
    approved_on = serializers.DateField()
    fiscal_year = serializers.IntegerField(help_text=_("承認日の属する年度（4月始まり）"))
    verify_url = serializers.SerializerMethodField(
        help_text=_("承認の照合ページのURL（通知書のQRコードと同じ）")
    )

    changes = serializers.SerializerMethodField(
        help_text=_("承認された変更（第n回変更）と変更承認日")
    )

    def get_verify_url(self, approval) -> str:
        return verify_url(approval.verify_code)

    @extend_schema_field(ChangeApprovalSerializer(many=True))
    def get_changes(self, approval) -> list:
        return ChangeApprovalSerializer(approval.changes.order_by("seq"), many=True).data


class ApplicationSerializer(serializers.ModelSerializer):
    """The plan as clients read it; `rule_set` of a draft is the one in force today."""

    company = serializers.PrimaryKeyRelatedField(read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    rule_set = serializers.SerializerMethodField()
    activity_types = serializers.SerializerMethodField()
    plan_start = YearMonthField(read_only=True, allow_null=True)
    figures = serializers.SerializerMethodField()
    schedule = ScheduleSerializer(many=True, read_only=True)
    funding = FundingSerializer(many=True, read_only=True)
    support_contacts = serializers.SerializerMethodField()
    approval = serializers.SerializerMethodField()
    refusal_reasons = serializers.SerializerMethodField()
    editable = serializers.BooleanField(source="is_editable", read_only=True)
    legal_basis = serializers.SerializerMethodField()
    # The processing-period clock (DOMAIN.md §11); null for a draft.
    arrived_at = serializers.SerializerMethodField()
    due_on = serializers.SerializerMethodField()
    working_days_elapsed = serializers.SerializerMethodField()
    working_days_paused = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()
    change = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id",
            "reference",
            "company",
            "status",
            "status_display",
            "kind",
            "changes",
            "rule_set",
            "legal_basis",
            *Application.OVERVIEW_FIELDS,
            "figures",
            "schedule",
            "funding",
            "support_contacts",
            "acknowledged_failures",
            "submitted_at",
            "decided_at",
            "approval",
            "refusal_reasons",
            "change",
            "version",
            "editable",
            "created_at",
            "updated_at",
            "arrived_at",
            "due_on",
            "working_days_elapsed",
            "working_days_paused",
            "overdue",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=[r.code for r in rules.RULE_SETS]))
    def get_rule_set(self, application) -> str:
        return application.rule_set or rules.rule_set_for(selectors.today()).code

    @extend_schema_field(
        serializers.DictField(
            child=serializers.CharField(),
            help_text=_("書類に記載する法律と条項（申請日、または ?as_of= の日に施行のもの）"),
        )
    )
    def get_legal_basis(self, application) -> dict:
        request = self.context.get("request")
        as_of = request.query_params.get("as_of") if request is not None else None
        try:
            on = date.fromisoformat(as_of) if as_of else None
            return selectors.legal_basis_data(application, on=on)
        except NoRuleSet as error:
            raise serializers.ValidationError({"as_of": [str(error)]}) from error
        except ValueError as error:
            raise serializers.ValidationError(
                {"as_of": [_("as_of は YYYY-MM-DD の形式で指定してください。")]}
            ) from error

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(ActivityType.choices)))
    def get_activity_types(self, application) -> list[str]:
        return _in_order_of(ActivityType, application.activity_codes())

    @extend_schema_field(FigureSerializer(many=True))
    def get_figures(self, application) -> list[dict]:
        return FigureSerializer(selectors.plan_figures(application), many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(SupportBody.choices)))
    def get_support_contacts(self, application) -> list[str]:
        return _in_order_of(SupportBody, [c.body for c in application.support_contacts.all()])

    @extend_schema_field(ApprovalSerializer(allow_null=True))
    def get_approval(self, application) -> dict | None:
        approval = getattr(application, "approval", None)  # None until approved
        return ApprovalSerializer(approval).data if approval else None

    @extend_schema_field(
        serializers.CharField(allow_null=True, help_text=_("不承認の理由（不承認のときのみ）"))
    )
    def get_refusal_reasons(self, application) -> str | None:
        refusal = getattr(application, "refusal", None)
        return refusal.reasons if refusal else None

    def _clock(self, application):
        return processing.clock_of(application, self.context)

    @extend_schema_field(
        serializers.DateTimeField(allow_null=True, help_text=_("到達日時（最初の提出）"))
    )
    def get_arrived_at(self, application) -> datetime | None:
        clock = self._clock(application)
        return serializers.DateTimeField().to_representation(clock.arrived_at) if clock else None

    @extend_schema_field(
        serializers.DateField(allow_null=True, help_text=_("標準処理期間の末日（補正中は未定）"))
    )
    def get_due_on(self, application) -> date | None:
        clock = self._clock(application)
        return clock.due_on.isoformat() if clock and clock.due_on else None

    @extend_schema_field(
        serializers.IntegerField(allow_null=True, help_text=_("経過した開庁日数（補正期間を除く）"))
    )
    def get_working_days_elapsed(self, application) -> int | None:
        clock = self._clock(application)
        return clock.working_days_elapsed if clock else None

    @extend_schema_field(
        serializers.IntegerField(allow_null=True, help_text=_("補正のため数えなかった開庁日数"))
    )
    def get_working_days_paused(self, application) -> int | None:
        clock = self._clock(application)
        return clock.working_days_paused if clock else None

    @extend_schema_field(
        serializers.BooleanField(allow_null=True, help_text=_("標準処理期間を過ぎているか"))
    )
    def get_overdue(self, application) -> bool | None:
        clock = self._clock(application)
        return clock.overdue if clock else None

    @extend_schema_field(ChangeInfoSerializer(allow_null=True))
    def get_change(self, application) -> dict | None:
        """The reason, items and (once approved) 第n回変更 of a change; null for a new plan."""
        if application.kind != ApplicationKind.CHANGE:
            return None
        request = getattr(application, "change_request", None)
        approved = getattr(application, "change_approval", None)
        original = getattr(application.changes, "approval", None)
        return {
            "reason": request.reason if request else "",
            "items": request.items if request else [],
            "approval_number": original.number if original else "",
            "seq": approved.seq if approved else None,
            "approved_on": approved.approved_on if approved else None,
        }


def _in_order_of(choices, codes: list[str]) -> list[str]:
    """Ticked codes in the order the form lists them, whatever order they were stored in."""
    return [value for value in choices.values if value in codes]


def application_queryset(user):
    """The applications the user may see, with everything the serializer reads prefetched."""
    return processing.with_clock(
        selectors.applications_for_user(user)
        .select_related("approval", "refusal", "change_request", "change_approval")
        .prefetch_related("activities", "figures", "schedule", "funding", "support_contacts")
        # The date of application, for legal_basis (selectors.application_date).
        .annotate(
            first_submitted_at=Subquery(
                ApplicationVersion.objects.filter(application=OuterRef("pk"))
                .order_by("number")
                .values("submitted_at")[:1]
            )
        )
    )
