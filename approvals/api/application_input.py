"""What a client may write to an application, validated in full before anything is saved.

The writes themselves are in `approvals.api.writes`: every part through its service, in one
transaction.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from approvals import rules, selectors, services
from approvals.constants import (
    MAX_ROWS,
    TEXT_MAX_LENGTH,
    THEME_MAX_LENGTH,
    ActivityType,
    FundingSource,
    SupportBody,
)
from approvals.serializer_fields import AmountField, QuarterField, YearMonthField
from approvals.terms import quarter_key

MAX_PERIOD = max(rules.PERIOD_YEARS)
EMPLOYEES_LIMIT = 10**6


class FigureInputSerializer(serializers.Serializer):
    """One year's column of 別表3 (千円). Omitted amounts are stored as empty (null)."""

    year = serializers.IntegerField(
        help_text=_("0 = 直近期末（基準年度）、-1・-2 = その前、1〜 = 計画年度")
    )
    sales = AmountField(required=False, allow_null=True)
    cost_of_sales = AmountField(required=False, allow_null=True)
    sga = AmountField(required=False, allow_null=True)
    non_operating_expenses = AmountField(required=False, allow_null=True)
    personnel_cost = AmountField(required=False, allow_null=True)
    depreciation = AmountField(required=False, allow_null=True)
    employees = AmountField(required=False, allow_null=True, min_value=0, max_value=EMPLOYEES_LIMIT)
    total_salary = AmountField(required=False, allow_null=True)
    capex = AmountField(required=False, allow_null=True)
    working_capital = AmountField(required=False, allow_null=True)


class ScheduleInputSerializer(serializers.Serializer):
    item = serializers.CharField(max_length=200)
    start = QuarterField()
    end = QuarterField()

    def validate(self, attrs):
        if quarter_key(attrs["start"]) > quarter_key(attrs["end"]):
            raise serializers.ValidationError(
                {"end": [_("終了は開始以降の四半期にしてください。")]}
            )
        return attrs


class FundingInputSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=FundingSource.choices)
    amount = AmountField(min_value=0)


class ApplicationInputSerializer(serializers.Serializer):
    """The writable parts of a plan; a PATCH may give any of them.

    `figures` replaces the listed years only (each listed year's row as a whole: omitted
    amounts become empty); other years are kept. `schedule`, `funding`, `support_contacts` and
    `activity_types` replace the whole list.
    """

    theme = serializers.CharField(max_length=THEME_MAX_LENGTH, allow_blank=True, required=False)
    activity_types = serializers.ListField(
        child=serializers.ChoiceField(choices=ActivityType.choices),
        required=False,
        max_length=len(ActivityType.choices),
    )
    existing_business = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, allow_blank=True, required=False
    )
    content = serializers.CharField(max_length=TEXT_MAX_LENGTH, allow_blank=True, required=False)
    novelty = serializers.CharField(max_length=TEXT_MAX_LENGTH, allow_blank=True, required=False)
    plan_start = YearMonthField(required=False, allow_null=True)
    period_years = serializers.IntegerField(
        min_value=min(rules.PERIOD_YEARS), max_value=MAX_PERIOD, required=False, allow_null=True
    )
    rd_years = serializers.IntegerField(min_value=0, max_value=rules.MAX_RD_YEARS, required=False)
    figures = FigureInputSerializer(many=True, required=False)
    schedule = ScheduleInputSerializer(many=True, required=False, max_length=MAX_ROWS)
    funding = FundingInputSerializer(many=True, required=False, max_length=MAX_ROWS)
    support_contacts = serializers.ListField(
        child=serializers.ChoiceField(choices=SupportBody.choices),
        required=False,
        max_length=len(SupportBody.choices),
    )

    def validate_plan_start(self, value):
        if self.instance is not None:
            problem = selectors.plan_start_problem(self.instance, value)
        else:
            problem = rules.plan_start_problem(value, on=timezone.localdate())
        if problem:
            raise serializers.ValidationError(problem)
        return value

    def validate_funding(self, value):
        problem = services.funding_problem(row["source"] for row in value)
        if problem:
            raise serializers.ValidationError(problem)
        return value

    def validate(self, attrs):
        """Years and quarters must lie within the plan as it will be after this write."""
        current = self.instance
        rd_years = attrs.get("rd_years", current.rd_years if current else 0)
        period = attrs.get("period_years", current.period_years if current else None)
        # Until the period is chosen, the longest one bounds the years.
        last_year = rd_years + (period or MAX_PERIOD)
        errors = {}
        if "figures" in attrs:
            errors.update(_figure_errors(attrs["figures"], last_year))
        if "schedule" in attrs:
            errors.update(_schedule_errors(attrs["schedule"], last_year))
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


def _figure_errors(figures: list[dict], last_year: int) -> dict:
    messages = []
    seen = set()
    for index, row in enumerate(figures):
        year = row["year"]
        if not rules.FIRST_YEAR <= year <= last_year:
            messages.append(
                _("figures[%(i)d].year: 年度は%(first)d〜%(last)dで指定してください。")
                % {"i": index, "first": rules.FIRST_YEAR, "last": last_year}
            )
        if year in seen:
            messages.append(
                _("figures[%(i)d].year: 年度%(year)dが重複しています。")
                % {"i": index, "year": year}
            )
        seen.add(year)
    return {"figures": messages} if messages else {}


def _schedule_errors(items: list[dict], last_year: int) -> dict:
    messages = [
        _("schedule[%(i)d]: 四半期の年は1〜%(last)d年目で指定してください。")
        % {"i": index, "last": last_year}
        for index, item in enumerate(items)
        if quarter_key(item["end"])[0] > last_year
    ]
    return {"schedule": messages} if messages else {}
