"""`POST /api/v1/applications/{id}/discontinue/`: the firm ends its approved plan (廃止).

The applicant's own applications only (another company's is a 404, staff 403); 409 unless the
plan is approved; 400 for a missing reason or a date outside approval date … today
(approvals.discontinuation).
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response

from accounts.permissions import IsApplicant
from approvals.constants import TEXT_MAX_LENGTH
from approvals.discontinuation import plan_discontinue
from approvals.serializers import ApplicationSerializer, application_queryset
from config.rest import JSONParser, error_responses


class DiscontinueSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=TEXT_MAX_LENGTH, help_text=_("廃止の理由"))
    effective_on = serializers.DateField(
        help_text=_("計画を廃止した日（承認日から今日までの日付）")
    )


class DiscontinueView(generics.GenericAPIView):
    permission_classes = [IsApplicant]
    parser_classes = [JSONParser]
    serializer_class = DiscontinueSerializer

    @extend_schema(
        request=DiscontinueSerializer,
        responses={200: ApplicationSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request, pk):
        """End the approved plan at the firm's request: status `discontinued`."""
        application = get_object_or_404(application_queryset(request.user), pk=pk)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        plan_discontinue(application=application, actor=request.user, **serializer.validated_data)
        application = get_object_or_404(application_queryset(request.user), pk=pk)
        return Response(ApplicationSerializer(application, context={"request": request}).data)


discontinue_view = DiscontinueView.as_view()
