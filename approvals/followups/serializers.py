"""Follow-up surveys as API clients read and write them."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from approvals import terms
from approvals.api.application_input import FigureInputSerializer
from approvals.constants import (
    FOLLOW_UP_UNANSWERED,
    MAX_ROWS,
    FollowUpKind,
    FollowUpStatus,
    ItemProgress,
    SupportUsed,
)
from approvals.followups import selectors
from approvals.models import FollowUp, FollowUpFigures, FollowUpItem

STATUS_CHOICES = [*FollowUpStatus.values, FOLLOW_UP_UNANSWERED]


class FollowUpFiguresSerializer(serializers.ModelSerializer):
    gross_profit = serializers.IntegerField(read_only=True, allow_null=True)
    operating_profit = serializers.IntegerField(read_only=True, allow_null=True)
    ordinary_profit = serializers.IntegerField(read_only=True, allow_null=True)
    value_added = serializers.IntegerField(read_only=True, allow_null=True)
    value_added_per_employee = serializers.DecimalField(
        max_digits=20, decimal_places=1, read_only=True, allow_null=True
    )

    class Meta:
        model = FollowUpFigures
        fields = ["year", *terms.INPUT_FIGURES, *terms.DERIVED_FIGURES]
        read_only_fields = fields

    def to_representation(self, instance):
        data = {"year": instance.year}
        data.update({f: getattr(instance, f) for f in terms.INPUT_FIGURES})
        derived = instance.derived
        data.update(
            {
                k: (str(v) if k == "value_added_per_employee" and v is not None else v)
                for k, v in derived.items()
            }
        )
        return data


class FollowUpItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUpItem
        fields = ["item", "status", "effect", "next"]


class AchievementSerializer(serializers.Serializer):
    code = serializers.CharField()
    base = serializers.CharField(allow_null=True)
    actual = serializers.CharField(allow_null=True)
    growth_pct = serializers.CharField(allow_null=True)
    required_pct = serializers.CharField()
    achieved = serializers.BooleanField(allow_null=True)


class FollowUpSerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField()
    reference = serializers.CharField(source="application.reference", read_only=True)
    closed_years = serializers.SerializerMethodField()
    figures = FollowUpFiguresSerializer(many=True, read_only=True)
    items = FollowUpItemSerializer(many=True, read_only=True)
    achievement = AchievementSerializer(many=True, read_only=True)

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "application",
            "reference",
            "kind",
            "status",
            "requested_on",
            "due_on",
            "reminders_sent",
            "submitted_at",
            "closed_years",
            "figures",
            "items",
            "support_used",
            "achievement",
        ]
        read_only_fields = fields

    def get_status(self, follow_up) -> str:
        return follow_up.shown_status(selectors.today())

    def get_closed_years(self, follow_up) -> list[int]:
        return selectors.closed_years(follow_up.application, selectors.today())


class FollowUpRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=FollowUpKind.choices)
    due_on = serializers.DateField(
        required=False, allow_null=True, help_text=_("省略時は依頼日の1か月後")
    )


class FollowUpItemInputSerializer(serializers.Serializer):
    item = serializers.CharField(max_length=200)
    status = serializers.ChoiceField(choices=ItemProgress.choices)
    effect = serializers.CharField(max_length=2000, allow_blank=True, required=False, default="")
    next = serializers.CharField(max_length=2000, allow_blank=True, required=False, default="")


class FollowUpAnswerSerializer(serializers.Serializer):
    """The firm's answer; any part may be given. `figures`: closed plan years only."""

    figures = FigureInputSerializer(many=True, required=False, max_length=10)
    items = FollowUpItemInputSerializer(many=True, required=False, max_length=MAX_ROWS)
    support_used = serializers.ListField(
        child=serializers.ChoiceField(choices=SupportUsed.choices),
        required=False,
        max_length=len(SupportUsed.choices),
    )


class FollowUpSubmittedSerializer(serializers.Serializer):
    status = serializers.CharField()
    achievement = AchievementSerializer(many=True)


class FollowUpDueSerializer(serializers.Serializer):
    """Staff: a new due date of an open survey."""

    due_on = serializers.DateField()
