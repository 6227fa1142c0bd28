"""Revocation of an approval (staff, API.md "After approval"): open a case with its hearing
notice, record the hearing, decide; read the case. Applicants and policy staff get 403,
another's or an unknown application 404, a wrong state 409, bad input 400 (nothing saved).
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from approvals import revocation
from approvals.constants import RevocationDecision, RevocationGround
from approvals.models import Application, RevocationCase
from approvals.selectors import applications_for_user
from config.rest import JSONParser, error_responses


class IsStaffMember(BasePermission):
    message = _("職員のみが行える操作です。")

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.is_staff_member)


class RevocationCaseSerializer(serializers.ModelSerializer):
    opened_by = serializers.CharField(source="opened_by.username", read_only=True)
    officer = serializers.CharField(source="officer.username", read_only=True, allow_null=True)
    decided_by = serializers.CharField(
        source="decided_by.username", read_only=True, allow_null=True
    )
    status = serializers.SerializerMethodField(help_text="hearing_notice | heard | decided")
    decision = serializers.ChoiceField(
        choices=RevocationDecision.choices,
        read_only=True,
        allow_blank=True,
        help_text=_("決定（決定前は空）"),
    )

    class Meta:
        model = RevocationCase
        fields = [
            "id",
            "application",
            "status",
            "facts",
            "ground",
            "opened_by",
            "opened_at",
            "hearing_at",
            "hearing_place",
            "notice_issued_on",
            "officer",
            "statements",
            "record",
            "held_on",
            "decision",
            "reasons",
            "decided_by",
            "decided_on",
        ]
        read_only_fields = fields

    def get_status(self, case) -> str:
        if not case.is_open:
            return "decided"
        return "heard" if case.heard else "hearing_notice"


class OpenSerializer(serializers.Serializer):
    facts = serializers.CharField(max_length=4000)
    ground = serializers.ChoiceField(choices=RevocationGround.choices)
    hearing_at = serializers.DateTimeField()
    hearing_place = serializers.CharField(max_length=200)


class HearingSerializer(serializers.Serializer):
    statements = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    record = serializers.CharField(max_length=4000)
    held_on = serializers.DateField()


class DecideSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=RevocationDecision.choices)
    reasons = serializers.CharField(max_length=4000, allow_blank=True)


class RevocationMixin:
    permission_classes = [IsStaffMember]
    parser_classes = [JSONParser]
    serializer_class = RevocationCaseSerializer
    queryset = RevocationCase.objects.none()

    def application(self) -> Application:
        return get_object_or_404(applications_for_user(self.request.user), pk=self.kwargs["pk"])

    def respond(self, case, code=status.HTTP_200_OK) -> Response:
        case = RevocationCase.objects.select_related("opened_by", "officer", "decided_by").get(
            pk=case.pk
        )
        return Response(RevocationCaseSerializer(case).data, status=code)


class RevocationView(RevocationMixin, generics.GenericAPIView):
    @extend_schema(responses={200: RevocationCaseSerializer, **error_responses(403, 404)})
    def get(self, request, pk):
        """The open case, or else the last decided one; 404 if the plan never had one."""
        case = revocation.case_latest(self.application())
        if case is None:
            raise NotFound(_("この計画に取消し手続はありません。"))
        return self.respond(case)

    @extend_schema(
        request=OpenSerializer,
        responses={201: RevocationCaseSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request, pk):
        """Open a revocation case on an approved plan; its hearing notice is dated today."""
        application = self.application()
        data = OpenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = revocation.revocation_open(
            application=application, actor=request.user, **data.validated_data
        )
        return self.respond(case, status.HTTP_201_CREATED)


class RevocationHearingView(RevocationMixin, generics.GenericAPIView):
    @extend_schema(
        request=HearingSerializer,
        responses={200: RevocationCaseSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request, pk):
        """Record the hearing; the caller is its officer (主宰者)."""
        application = self.application()
        data = HearingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = revocation.revocation_hearing(
            application=application, actor=request.user, **data.validated_data
        )
        return self.respond(case)


class RevocationDecideView(RevocationMixin, generics.GenericAPIView):
    @extend_schema(
        request=DecideSerializer,
        responses={200: RevocationCaseSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request, pk):
        """Revoke (the plan's status becomes `revoked`) or keep, with reasons (第14条)."""
        application = self.application()
        data = DecideSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = revocation.revocation_decide(
            application=application, actor=request.user, **data.validated_data
        )
        return self.respond(case)


revocation_view = RevocationView.as_view()
revocation_hearing_view = RevocationHearingView.as_view()
revocation_decide_view = RevocationDecideView.as_view()
