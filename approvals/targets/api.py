"""Target series (DOMAIN.md §8, API.md "Target ②"): aggregates readable without login,
the drill-down for policy staff, and the CSV and XLSX exports.

The public figures, JSON and files are kept in the target memo (approvals.targets.memo) under
a token every approval replaces when it commits; the drill-down is counted on each request.
"""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response

from approvals.models import TargetSeries
from approvals.targets.breakdown import ALL_DIMENSIONS, breakdown, breakdown_allowed
from approvals.targets.counting import SeriesFigures, series_figures
from approvals.targets.export import XLSX_CONTENT_TYPE, series_csv, series_xlsx
from approvals.targets.memo import memo
from approvals.targets.processing_times import all_processing_times
from config.rest import error_responses


class IsPolicyStaff(BasePermission):
    """Policy staff and administrators: the drill-down is theirs."""

    message = _("政策担当者のみが閲覧できます。")

    def has_permission(self, request, view):
        return breakdown_allowed(request.user)


class TargetSeriesSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetSeries
        fields = ["code", "title", "unit"]


class BaselineSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    count = serializers.IntegerField()


class TargetYearSerializer(serializers.Serializer):
    fiscal_year = serializers.IntegerField()
    label = serializers.CharField(help_text="2007年度（平成19年度）")
    target = serializers.IntegerField(allow_null=True)
    actual = serializers.IntegerField(allow_null=True)
    approvals_in_year = serializers.IntegerField(allow_null=True)
    achievement_rate = serializers.DecimalField(
        max_digits=7, decimal_places=1, allow_null=True, coerce_to_string=True
    )
    projection = serializers.IntegerField(allow_null=True)
    revoked_in_year = serializers.IntegerField(
        allow_null=True, help_text="承認が取り消された計画の数（取消日の年度。累計には残る）"
    )
    discontinued_in_year = serializers.IntegerField(
        allow_null=True, help_text="廃止された計画の数（廃止日の年度。累計には残る）"
    )


class TargetDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    unit = serializers.CharField()
    baseline = BaselineSerializer()
    years = TargetYearSerializer(many=True)


class BreakdownRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class BreakdownSerializer(serializers.Serializer):
    by = serializers.ChoiceField(choices=ALL_DIMENSIONS)
    fiscal_year = serializers.IntegerField(min_value=1990, max_value=2200)
    rows = BreakdownRowSerializer(many=True, read_only=True)


class YearProcessingSerializer(serializers.Serializer):
    fiscal_year = serializers.IntegerField(help_text="決定日（東京の日付）の年度")
    label = serializers.CharField(help_text="2027年度（令和9年度）")
    decisions = serializers.IntegerField(help_text="決定（承認・不承認）の件数")
    median_working_days = serializers.IntegerField(help_text="到達から決定までの開庁日数の中央値")
    p90_working_days = serializers.IntegerField(help_text="同じく90パーセンタイル")
    within_period = serializers.IntegerField(help_text="標準処理期間内に決定した件数")
    within_period_pct = serializers.DecimalField(
        max_digits=4, decimal_places=1, coerce_to_string=True, help_text="その割合（%）"
    )


class StandardPeriodSerializer(serializers.Serializer):
    new = serializers.IntegerField(help_text="新規の承認申請の標準処理期間（開庁日）")
    change = serializers.IntegerField(help_text="変更承認申請の標準処理期間（開庁日）")


class ProcessingTimesSerializer(serializers.Serializer):
    standard_period = StandardPeriodSerializer()
    percentile_method = serializers.CharField(
        help_text="nearest_rank: n件の第p百分位は昇順で⌈p·n/100⌉番目の値"
    )
    new = YearProcessingSerializer(many=True, help_text="新規の承認申請、新しい年度から")
    change = YearProcessingSerializer(many=True, help_text="変更承認申請、新しい年度から")


class ProcessingTimesView(generics.GenericAPIView):
    """Processing times per fiscal year of the decision (標準処理期間): decisions, median and
    90th percentile working days from arrival, share within the period; aggregates only,
    readable without login."""

    serializer_class = ProcessingTimesSerializer
    permission_classes = [AllowAny]
    pagination_class = None

    @extend_schema(responses={200: ProcessingTimesSerializer})
    def get(self, request):
        def build():
            # A plain dict: the serializer's ReturnDict would keep this first request alive.
            return dict(self.get_serializer(all_processing_times()).data)

        return Response(memo.remember(("api processing times",), build))


def target_detail_data(figures: SeriesFigures) -> dict:
    series = figures.series
    return {
        "code": series.code,
        "title": series.title,
        "unit": series.unit,
        "baseline": {"as_of": series.baseline_as_of, "count": series.baseline_count},
        "years": figures.rows,
    }


class TargetListView(generics.ListAPIView):
    """Every target series; readable without login."""

    serializer_class = TargetSeriesSerializer
    permission_classes = [AllowAny]
    pagination_class = None
    queryset = TargetSeries.objects.all()


class TargetDetailView(generics.GenericAPIView):
    """Per fiscal year: target, cumulative actual, approvals, achievement rate, projection."""

    serializer_class = TargetDetailSerializer
    permission_classes = [AllowAny]
    queryset = TargetSeries.objects.all()
    lookup_field = "code"

    @extend_schema(responses={200: TargetDetailSerializer, **error_responses(404)})
    def get(self, request, code):
        today = timezone.localdate()

        def build():
            figures = series_figures(code, today=today)
            # A plain dict: the serializer's ReturnDict would keep this first request alive.
            return dict(self.get_serializer(target_detail_data(figures)).data)

        return Response(memo.remember(("api detail", code, today), build))


class TargetBreakdownView(generics.GenericAPIView):
    """A fiscal year's approvals by region, industry, activity type or support organisation
    (`by=support`; policy staff only)."""

    serializer_class = BreakdownSerializer
    permission_classes = [IsPolicyStaff]
    queryset = TargetSeries.objects.all()
    lookup_field = "code"

    @extend_schema(
        parameters=[
            OpenApiParameter("by", str, enum=list(ALL_DIMENSIONS), required=True),
            OpenApiParameter("fiscal_year", int, required=True),
        ],
        responses={200: BreakdownSerializer, **error_responses(400, 401, 403, 404)},
    )
    def get(self, request, code):
        self.get_object()
        query = self.get_serializer(data=request.query_params)
        if not query.is_valid():
            raise ValidationError(query.errors)
        by, year = query.validated_data["by"], query.validated_data["fiscal_year"]
        data = {"by": by, "fiscal_year": year, "rows": breakdown(by=by, fiscal_year=year)}
        return Response(self.get_serializer(data).data)


def _export(code: str, write, content_type: str, extension: str) -> HttpResponse:
    today = timezone.localdate()

    def build() -> bytes:
        figures = series_figures(code, today=today)
        series = figures.series
        return write(title=series.title, unit=series.unit, rows=list(figures.rows))

    body = memo.remember((extension, code, today), build)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{code}.{extension}"'
    return response


def target_csv_view(request, code):
    """The series as CSV (UTF-8 with BOM); public, like the figures it holds."""
    return _export(code, series_csv, "text/csv; charset=utf-8", "csv")


def target_xlsx_view(request, code):
    """The same rows as the CSV, as an Excel workbook; public too."""
    return _export(code, series_xlsx, XLSX_CONTENT_TYPE, "xlsx")
