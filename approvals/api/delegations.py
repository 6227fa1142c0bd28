"""The firm's delegations to support bodies (API.md "Support bodies", DOMAIN.md §12).

`GET|POST /api/v1/company/delegations/` and `GET|DELETE /api/v1/company/delegations/{id}/`,
for an applicant member of the firm. POST takes JSON, or multipart when it carries the 委任状
(`power_of_attorney`, needed with the `submit` scope; `scopes` then repeats). DELETE revokes
at once and answers the row, which stays with `revoked_at`. The limits are
approvals.support.services.delegation_problems, the portal form's as well.
"""

from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from accounts.permissions import IsApplicant
from approvals import selectors
from approvals.api.serializers import OrganisationSerializer
from approvals.models import Delegation
from approvals.support import selectors as support_selectors
from approvals.support import services as support_services
from config.rest import JSONParser, error_responses


class DelegationSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="delegate.username")
    delegate = serializers.CharField(source="delegate.__str__")
    organisation = OrganisationSerializer()
    scopes = serializers.ListField(child=serializers.CharField())
    active = serializers.SerializerMethodField()
    power_of_attorney = serializers.SerializerMethodField()
    created_by = serializers.CharField(source="created_by.__str__")
    revoked_by = serializers.CharField(source="revoked_by.__str__", allow_null=True, default=None)

    class Meta:
        model = Delegation
        fields = [
            "id",
            "username",
            "delegate",
            "organisation",
            "scopes",
            "valid_to",
            "copy_mails",
            "power_of_attorney",
            "active",
            "created_by",
            "created_at",
            "revoked_at",
            "revoked_by",
        ]
        read_only_fields = fields

    def get_active(self, delegation) -> bool:
        return delegation.is_active()

    def get_power_of_attorney(self, delegation) -> dict | None:
        if not delegation.letter:
            return None
        return {
            "filename": delegation.letter_name,
            "size": delegation.letter_size,
            "sha256": delegation.letter_sha256,
        }


class DelegationInputSerializer(serializers.Serializer):
    username = serializers.CharField(allow_blank=True, max_length=150)
    scopes = serializers.ListField(child=serializers.CharField(max_length=20), max_length=20)
    valid_to = serializers.DateField(allow_null=True)
    copy_mails = serializers.BooleanField(default=False)
    power_of_attorney = serializers.FileField(required=False, allow_null=True)


class CompanyMixin:
    permission_classes = [IsApplicant]

    def company(self):
        company = selectors.company_for_user(self.request.user)
        if company is None:
            raise NotFound(_("企業情報がまだ登録されていません。"))
        return company


class DelegationListView(CompanyMixin, generics.ListAPIView):
    """The firm's delegations, newest first (revoked and expired ones included)."""

    serializer_class = DelegationSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Delegation.objects.none()
        return support_selectors.delegations_of_company(self.company())

    @extend_schema(
        request={
            "application/json": DelegationInputSerializer,
            "multipart/form-data": DelegationInputSerializer,
        },
        responses={201: DelegationSerializer, **error_responses(400, 403, 404)},
    )
    def post(self, request):
        """Grant a support user scopes until `valid_to`; 400 with every problem by field."""
        company = self.company()
        try:
            data = request.data
        except (RequestDataTooBig, TooManyFilesSent) as error:
            raise ValidationError(
                {support_services.LETTER_FIELD: [_("ファイルが大きすぎます。")]}
            ) from error
        given = DelegationInputSerializer(data=data)
        given.is_valid(raise_exception=True)
        values = given.validated_data
        delegation = support_services.delegation_grant(
            company=company,
            actor=request.user,
            username=values["username"],
            scopes=values["scopes"],
            valid_to=values["valid_to"],
            letter=values.get("power_of_attorney"),
            copy_mails=values["copy_mails"],
        )
        return Response(DelegationSerializer(delegation).data, status=status.HTTP_201_CREATED)


class DelegationDetailView(CompanyMixin, generics.GenericAPIView):
    serializer_class = DelegationSerializer

    def delegation(self, pk) -> Delegation:
        return get_object_or_404(support_selectors.delegations_of_company(self.company()), pk=pk)

    @extend_schema(responses={200: DelegationSerializer, **error_responses(403, 404)})
    def get(self, request, pk):
        return Response(self.get_serializer(self.delegation(pk)).data)

    @extend_schema(responses={200: DelegationSerializer, **error_responses(403, 404)})
    def delete(self, request, pk):
        """Revoke at once: the delegate sees nothing of the firm from its next request."""
        delegation = support_services.delegation_revoke(
            delegation=self.delegation(pk), actor=request.user
        )
        return Response(self.get_serializer(delegation).data)


delegation_list_view = DelegationListView.as_view()
delegation_detail_view = DelegationDetailView.as_view()
