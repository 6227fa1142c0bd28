"""`GET /api/v1/company/history/`: the company's particulars reports (変更報告), newest first."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import generics, serializers

from accounts.permissions import IsApplicant
from approvals import selectors
from approvals.models import CompanyReport


class CompanyReportSerializer(serializers.ModelSerializer):
    reported_by = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = CompanyReport
        fields = ["id", "reported_at", "reported_by", "changes", "evidence"]
        read_only_fields = fields

    def get_reported_by(self, report) -> str:
        return str(report.reported_by)

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_evidence(self, report) -> dict | None:
        evidence = report.evidence
        if evidence is None:
            return None
        return {
            "id": evidence.pk,
            "original_name": evidence.original_name,
            "content_type": evidence.content_type,
            "sha256": evidence.sha256,
        }


class CompanyHistoryView(generics.ListAPIView):
    """The applicant's own company's particulars reports: before and after, the evidence."""

    serializer_class = CompanyReportSerializer
    permission_classes = [IsApplicant]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CompanyReport.objects.none()
        company = selectors.company_for_user(self.request.user)
        return (
            CompanyReport.objects.filter(company=company)
            .select_related("reported_by", "evidence")
            .order_by("-reported_at", "-id")
        )


company_history_view = CompanyHistoryView.as_view()
