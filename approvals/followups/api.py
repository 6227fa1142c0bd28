"""Follow-up surveys in the API (API.md "After approval"): staff request, the firm answers.

Lookups go through `selectors.follow_ups_for_user`: another firm's survey is absent (404).
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response

from accounts.permissions import IsApplicant, IsApplicantForWrites
from approvals.followups import selectors, services
from approvals.followups.serializers import (
    FollowUpAnswerSerializer,
    FollowUpDueSerializer,
    FollowUpRequestSerializer,
    FollowUpSerializer,
    FollowUpSubmittedSerializer,
)
from approvals.models import FollowUp
from approvals.serializers import application_queryset
from config.rest import JSONParser, error_responses


class FollowUpScopeMixin:
    serializer_class = FollowUpSerializer
    parser_classes = [JSONParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return FollowUp.objects.none()
        return selectors.follow_ups_for_user(self.request.user).prefetch_related("figures", "items")

    def follow_up(self) -> FollowUp:
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])


class FollowUpListView(FollowUpScopeMixin, generics.ListAPIView):
    """Applicants see their firm's surveys; staff who handle applications see all."""


class ApplicationFollowUpsView(FollowUpScopeMixin, generics.ListAPIView):
    """The surveys of one approved plan; staff request a new one."""

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return FollowUp.objects.none()
        # Another firm's plan (or a draft, for staff) is absent: 404, not an empty list.
        application = get_object_or_404(
            application_queryset(self.request.user), pk=self.kwargs["pk"]
        )
        return super().get_queryset().filter(application=application)

    def list(self, request, *args, **kwargs):
        """The plan's surveys, and `proposed`: the interim and final survey the schedule
        suggests (`{"kind", "request_on", "due_on"}`; staff may choose other dates)."""
        response = super().list(request, *args, **kwargs)
        application = get_object_or_404(application_queryset(request.user), pk=kwargs["pk"])
        response.data["proposed"] = [
            {"kind": p.kind, "request_on": p.request_on, "due_on": p.due_on}
            for p in selectors.proposed_schedule(application)
        ]
        return response

    @extend_schema(
        request=FollowUpRequestSerializer,
        responses={201: FollowUpSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request, pk):
        """Ask the firm for a survey (staff: intake, reviewer, admin); 409 unless approved."""
        application = get_object_or_404(application_queryset(request.user), pk=pk)
        serializer = FollowUpRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        follow_up = services.follow_up_request(
            application=application,
            actor=request.user,
            kind=serializer.validated_data["kind"],
            due_on=serializer.validated_data.get("due_on"),
            on=selectors.today(),
        )
        data = FollowUpSerializer(self.get_queryset().get(pk=follow_up.pk)).data
        return Response(data, status=status.HTTP_201_CREATED)


class MayAnswerOrReschedule(IsApplicantForWrites):
    """Reads for anyone signed in; PATCH for the applicant (the answer) or for requesting
    staff (a new due date)."""

    def has_permission(self, request, view):
        if request.method == "PATCH" and selectors.may_request(request.user):
            return True
        return super().has_permission(request, view)


class FollowUpDetailView(FollowUpScopeMixin, generics.GenericAPIView):
    permission_classes = [MayAnswerOrReschedule]

    @extend_schema(responses={200: FollowUpSerializer, **error_responses(404)})
    def get(self, request, pk):
        return Response(self.get_serializer(self.follow_up()).data)

    @extend_schema(
        request=FollowUpAnswerSerializer,
        responses={200: FollowUpSerializer, **error_responses(400, 403, 404, 409)},
    )
    def patch(self, request, pk):
        """The applicant saves the answer: figures of closed plan years (others 400), items,
        support used. Requesting staff may set a new `due_on` instead."""
        follow_up = self.follow_up()
        if selectors.may_request(request.user):
            due = FollowUpDueSerializer(data=request.data)
            due.is_valid(raise_exception=True)
            services.follow_up_reschedule(
                follow_up=follow_up, actor=request.user, due_on=due.validated_data["due_on"]
            )
            return Response(self.get_serializer(self.follow_up()).data)
        serializer = FollowUpAnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.follow_up_answer(
            follow_up=follow_up, on=selectors.today(), **serializer.validated_data
        )
        return Response(self.get_serializer(self.follow_up()).data)


class FollowUpSubmitView(FollowUpScopeMixin, generics.GenericAPIView):
    permission_classes = [IsApplicant]
    serializer_class = FollowUpSubmittedSerializer

    @extend_schema(
        request=None,
        responses={200: FollowUpSubmittedSerializer, **error_responses(403, 404, 409)},
    )
    def post(self, request, pk):
        """Submit the answer; the achievement per indicator is computed at the latest year."""
        follow_up = services.follow_up_submit(
            follow_up=self.follow_up(), actor=request.user, on=selectors.today()
        )
        return Response({"status": follow_up.status, "achievement": follow_up.achievement})


follow_up_list_view = FollowUpListView.as_view()
application_follow_ups_view = ApplicationFollowUpsView.as_view()
follow_up_detail_view = FollowUpDetailView.as_view()
follow_up_submit_view = FollowUpSubmitView.as_view()
