"""`POST /api/v1/applications/{id}/change/`: open a change of an approved plan (変更承認申請).

The firm's members only (another company's application is a 404, staff 403); 409 unless the
plan is approved and has no change open, and for a change of a change; 400 without a reason
or an item (approvals.change). `GET /api/v1/applications/{id}/diff/`: the 新旧対照表 of a change.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from accounts.permissions import IsApplicant
from approvals.change import change_create, change_diff
from approvals.constants import TEXT_MAX_LENGTH, ApplicationKind, ChangeItem
from approvals.diff import version_diff
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


class DiffRowSerializer(serializers.Serializer):
    section = serializers.CharField(help_text=_("区分（企業情報、計画の概要、経営指標…）"))
    field = serializers.CharField(help_text=_("項目のキー（例: period_years, value_added）"))
    label = serializers.CharField(help_text=_("項目名"))
    year = serializers.IntegerField(allow_null=True, help_text=_("経営指標の年次（0 = 基準年度）"))
    before = serializers.CharField(help_text=_("変更前（表示のとおり）"))
    after = serializers.CharField(help_text=_("変更後（表示のとおり）"))


def diff_rows(changes) -> list[dict]:
    return [
        {
            "section": str(c.section),
            "field": c.field,
            "label": str(c.field_label),
            "year": c.year,
            "before": c.old,
            "after": c.new,
        }
        for c in changes
    ]


class DiffView(generics.GenericAPIView):
    """新旧対照表: of a change, from the approved plan to the change; with `?from=N&to=M`,
    between submitted versions N and M; of a new plan without them, its last two versions."""

    serializer_class = DiffRowSerializer
    pagination_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter("from", int, required=False, description=_("比較元の版")),
            OpenApiParameter("to", int, required=False, description=_("比較先の版")),
        ],
        responses={200: DiffRowSerializer(many=True), **error_responses(400, 403, 404)},
    )
    def get(self, request, pk):
        application = get_object_or_404(application_queryset(request.user), pk=pk)
        unknown = sorted(set(request.query_params) - {"from", "to"})
        if unknown:
            raise ValidationError(
                {"query": [_("使えないパラメータです: %(names)s") % {"names": ", ".join(unknown)}]}
            )
        numbers = request.query_params.get("from"), request.query_params.get("to")
        if any(numbers):
            try:
                old, new = (int(n) for n in numbers)
            except (TypeError, ValueError):
                raise ValidationError(
                    {"from": [_("比較する版の番号を from と to の両方に整数で指定してください。")]}
                ) from None
            versions = {
                v.number: v.data for v in application.versions.filter(number__in=(old, new))
            }
            if old not in versions or new not in versions:
                raise NotFound(_("指定された版がありません。"))
            changes = version_diff(versions[old], versions[new])
        elif application.kind == ApplicationKind.CHANGE:
            changes = change_diff(application)
        else:
            # A new plan: its last two versions (what the reviewer compares), if it has two.
            last = list(application.versions.order_by("-number")[:2])
            changes = version_diff(last[1].data, last[0].data) if len(last) == 2 else []
        return Response(diff_rows(changes))


diff_view = DiffView.as_view()
