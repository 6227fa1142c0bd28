"""The signed-in user (`me/`) and the applicant's own company (`company/`)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from accounts.permissions import IsApplicant
from approvals import selectors, services
from approvals.api.serializers import CompanySerializer, MeSerializer
from approvals.models import Company
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
        """Create the company profile, or replace the given fields of the existing one."""
        company = selectors.company_for_user(request.user)
        serializer = self.get_serializer(company, data=request.data)
        serializer.is_valid(raise_exception=True)
        created = company is None
        company = company or Company()
        for name, value in serializer.validated_data.items():
            setattr(company, name, value)
        company = services.company_save(company=company, user=request.user)
        return Response(
            self.get_serializer(company).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


me_view = MeView.as_view()
company_view = CompanyView.as_view()
