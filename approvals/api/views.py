"""The signed-in user (`me/`) and the applicant's own company (`company/`)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from accounts.permissions import IsApplicant
from approvals import particulars, selectors
from approvals.api.serializers import CompanySerializer, MeSerializer
from approvals.models import Company
from approvals.support import selectors as support_selectors
from config.rest import JSONParser, error_responses


class MeView(generics.GenericAPIView):
    serializer_class = MeSerializer

    def get(self, request):
        user = request.user
        company = selectors.company_for_user(user)
        data = {
            "username": user.username,
            "display_name": str(user),
            "roles": user.roles,
            "company": company.pk if company else None,
            "organisation": support_selectors.organisation_of(user),
        }
        return Response(self.get_serializer(data).data)


class CompanyView(generics.GenericAPIView):
    """The applicant's own company; staff have none (403)."""

    serializer_class = CompanySerializer
    permission_classes = [IsApplicant]
    parser_classes = [JSONParser]

    @extend_schema(responses={200: CompanySerializer, **error_responses(403, 404)})
    def get(self, request):
        company = selectors.company_for_user(request.user)
        if company is None:
            raise NotFound(_("企業情報がまだ登録されていません。"))
        return Response(self.get_serializer(company).data)

    @extend_schema(
        responses={200: CompanySerializer, 201: CompanySerializer, **error_responses(400, 403)}
    )
    def put(self, request):
        """Create the company profile, or replace the given fields of the existing one.

        After an approval a change of the name, representative or address is a particulars
        report and needs `evidence_attachment`: the id of a file uploaded first with
        `POST /api/v1/company/evidence/` (approvals.particulars)."""
        company = selectors.company_for_user(request.user)
        serializer = self.get_serializer(company, data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        evidence_id = values.pop(particulars.EVIDENCE_FIELD, None)
        created = company is None
        company = company or Company()
        evidence = particulars.unused_evidence(company, evidence_id) if company.pk else None
        if evidence_id is not None and evidence is None:
            raise ValidationError({particulars.EVIDENCE_FIELD: [particulars.UNKNOWN_EVIDENCE]})
        company = particulars.company_update(
            company=company, user=request.user, values=values, evidence=evidence
        )
        return Response(
            self.get_serializer(company).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


me_view = MeView.as_view()
company_view = CompanyView.as_view()
