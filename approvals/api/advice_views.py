"""事前確認 and advice comments of an application (API.md "Support bodies", DOMAIN.md §12).

`GET/POST /api/v1/applications/{id}/confirmations/` and `.../comments/`. The application is
looked up among the user's own (another firm's is 404); who may read or write is
approvals.support.advice_services' (403 without the delegated scope); a plan no longer being
drafted is 409.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from approvals.models import AdviceComment, Application, SupportConfirmation
from approvals.serializers import application_queryset
from approvals.support import advice_services
from approvals.support.advice import COMMENT_MAX, SECTION_CHOICES
from config.rest import JSONParser, error_responses


class ConfirmationSerializer(serializers.ModelSerializer):
    delegate = serializers.CharField(source="delegate.__str__", help_text=_("確認した担当者"))
    organisation = serializers.CharField(source="organisation.name", help_text=_("支援機関"))
    organisation_kind = serializers.CharField(
        source="organisation.kind", help_text=_("支援機関の種別")
    )
    differs = serializers.SerializerMethodField(
        help_text=_("確認した内容と、最新の提出版（編集中なら現在の下書き）の内容が異なるかどうか")
    )
    compared_with = serializers.SerializerMethodField(
        help_text=_("比べた提出版の版番号（現在の下書きと比べたときは null）")
    )

    class Meta:
        model = SupportConfirmation
        fields = [
            "id",
            "application",
            "version",
            "fingerprint",
            "delegate",
            "organisation",
            "organisation_kind",
            "at",
            "comment",
            "differs",
            "compared_with",
        ]

    def _row(self, confirmation):
        rows = self.context.get("rows") or {}
        return rows.get(confirmation.pk)

    def get_differs(self, confirmation) -> bool | None:
        row = self._row(confirmation)
        return row.differs if row else None

    def get_compared_with(self, confirmation) -> int | None:
        row = self._row(confirmation)
        return row.compared_with if row else None


class ConfirmationInputSerializer(serializers.Serializer):
    comment = serializers.CharField(
        required=False, allow_blank=True, max_length=COMMENT_MAX, help_text=_("確認のコメント")
    )
    fingerprint = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=64,
        help_text=_("確認した内容の指紋（任意）。下書きがその後変わっていれば 409 で記録しません"),
    )


class CommentSerializer(serializers.ModelSerializer):
    section_label = serializers.CharField(source="get_section_display", help_text=_("項目名"))
    author = serializers.CharField(source="author.__str__", help_text=_("書いた担当者"))
    organisation = serializers.CharField(source="organisation.name", help_text=_("支援機関"))

    class Meta:
        model = AdviceComment
        fields = [
            "id",
            "application",
            "section",
            "section_label",
            "body",
            "version",
            "author",
            "organisation",
            "at",
        ]


class CommentInputSerializer(serializers.Serializer):
    section = serializers.ChoiceField(choices=SECTION_CHOICES, help_text=_("項目"))
    body = serializers.CharField(max_length=COMMENT_MAX, help_text=_("コメント"))


class AdviceMixin:
    parser_classes = [JSONParser]
    permission_classes = [IsAuthenticated]
    pagination_class = None

    def application(self) -> Application:
        return get_object_or_404(application_queryset(self.request.user), pk=self.kwargs["pk"])


class ConfirmationListView(AdviceMixin, generics.ListAPIView):
    """The 事前確認 of the plan: the firm sees all, the delegate its own, staff all of a
    submitted plan. POST (a delegate with `confirm`) records one of the draft as it is now."""

    serializer_class = ConfirmationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SupportConfirmation.objects.none()
        return advice_services.confirmations_visible(self.request.user, self.application())

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            application = self.application()
            rows = advice_services.confirmation_rows(application, self.get_queryset())
            context["rows"] = {row.confirmation.pk: row for row in rows}
        return context

    @extend_schema(
        request=ConfirmationInputSerializer,
        responses={201: ConfirmationSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request, pk):
        application = self.application()
        advice_services.ensure_may_confirm(request.user, application)
        serializer = ConfirmationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        confirmation = advice_services.confirmation_record(
            application=application,
            actor=request.user,
            comment=serializer.validated_data.get("comment", ""),
            seen=serializer.validated_data.get("fingerprint") or None,
        )
        row = advice_services.compare(
            confirmation, confirmation.snapshot
        )  # just recorded: the same content
        data = ConfirmationSerializer(confirmation, context={"rows": {confirmation.pk: row}}).data
        return Response(data, status=status.HTTP_201_CREATED)


class CommentListView(AdviceMixin, generics.ListAPIView):
    """Advice comments on the draft's sections: the firm sees all, the delegate its own;
    staff get 403. POST (a delegate with `comment`) adds one."""

    serializer_class = CommentSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AdviceComment.objects.none()
        return advice_services.comments_visible(self.request.user, self.application())

    @extend_schema(
        request=CommentInputSerializer,
        responses={201: CommentSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request, pk):
        application = self.application()
        advice_services.ensure_may_comment(request.user, application)
        serializer = CommentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = advice_services.comment_add(
            application=application, actor=request.user, **serializer.validated_data
        )
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


confirmation_list_view = ConfirmationListView.as_view()
comment_list_view = CommentListView.as_view()
