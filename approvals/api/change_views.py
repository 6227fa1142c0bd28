"""`POST /api/v1/applications/{id}/change/`: open a change of an approved plan (変更承認申請).

The firm's members only (another company's application is a 404, staff 403); 409 unless the
plan is approved and has no change open, and for a change of a change; 400 without a reason
or an item (approvals.change). `GET /api/v1/applications/{id}/diff/`: the 新旧対照表 of a change.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from accounts.permissions import IsApplicant
from approvals.change import change_create
from approvals.constants import TEXT_MAX_LENGTH, ChangeItem
from approvals.serializers import ApplicationSerializer, application_queryset
from config.rest import JSONParser, error_responses


class ChangeCreateSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=TEXT_MAX_LENGTH, help_text=_("変更理由"))
    items = serializers.ListField(
        child=serializers.ChoiceField(choices=ChangeItem.choices),
        allow_empty=False,
        max_length=len(ChangeItem.choices),
        help_text=_("変更する事項"),
    )


class ChangeCreateView(generics.GenericAPIView):
    permission_classes = [IsApplicant]
    parser_classes = [JSONParser]
    serializer_class = ChangeCreateSerializer

    @extend_schema(
        request=ChangeCreateSerializer,
        responses={201: ApplicationSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request, pk):
        """Open a change of the approved plan: a draft copy of the approved plan."""
        original = get_object_or_404(application_queryset(request.user), pk=pk)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        change = change_create(
            application=original, actor=request.user, **serializer.validated_data
        )
        change = get_object_or_404(application_queryset(request.user), pk=change.pk)
        data = ApplicationSerializer(change, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)


change_create_view = ChangeCreateView.as_view()
