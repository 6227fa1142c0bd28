"""Applications: list and create drafts, read, edit and delete, check, history, versions.

Every lookup goes through `selectors.applications_for_user`, so another company's application
is simply absent (404), never forbidden (403).
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from accounts.permissions import IsApplicantOrDelegateForWrites, is_support_user
from approvals import selectors, services
from approvals.api import writes
from approvals.api.application_input import ApplicationInputSerializer
from approvals.api.serializers import (
    ApplicationVersionSerializer,
    CheckQuerySerializer,
    CheckResultSerializer,
    HistoryEntrySerializer,
)
from approvals.history import company_members, history_entries
from approvals.models import Application, ApplicationVersion, HistoryEntry
from approvals.serializers import ApplicationSerializer, application_queryset
from approvals.support import access as support_access
from config.api import Conflict
from config.rest import JSONParser, error_responses


class ApplicationScopeMixin:
    """The user's applications; `pk` in the URL names one of them."""

    serializer_class = ApplicationSerializer
    parser_classes = [JSONParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Application.objects.none()
        return application_queryset(self.request.user)

    def application(self) -> Application:
        return get_object_or_404(application_queryset(self.request.user), pk=self.kwargs["pk"])

    def application_data(self, pk: int) -> dict:
        """The application as it is now in the database (after a write)."""
        application = get_object_or_404(application_queryset(self.request.user), pk=pk)
        return ApplicationSerializer(application).data


class ApplicationListView(ApplicationScopeMixin, generics.ListAPIView):
    """Applicants see their companies' applications; staff those their roles may see."""

    permission_classes = [IsApplicantOrDelegateForWrites]

    @extend_schema(
        request=ApplicationInputSerializer,
        responses={201: ApplicationSerializer, **error_responses(400, 403, 409)},
    )
    def post(self, request):
        """Create a draft for the applicant's company, optionally with parts filled in (the
        firm's own: a support body's user gets 403)."""
        if is_support_user(request.user):
            raise PermissionDenied(_("計画の作成は企業の方が行います。"))
        company = selectors.company_for_user(request.user)
        if company is None:
            message = _("先に企業情報（/api/v1/company/）を登録してください。")
            raise Conflict(
                _("企業情報が未登録のため申請を作成できません。"), {"company": [message]}
            )
        serializer = ApplicationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        application = writes.application_start(
            company=company, actor=request.user, data=serializer.validated_data
        )
        return Response(self.application_data(application.pk), status=status.HTTP_201_CREATED)


class ApplicationDetailView(ApplicationScopeMixin, generics.GenericAPIView):
    permission_classes = [IsApplicantOrDelegateForWrites]

    @extend_schema(responses={200: ApplicationSerializer, **error_responses(404)})
    def get(self, request, pk):
        return Response(self.get_serializer(self.application()).data)

    @extend_schema(
        request=ApplicationInputSerializer,
        responses={200: ApplicationSerializer, **error_responses(400, 403, 404, 409)},
    )
    def patch(self, request, pk):
        """Edit a draft or returned plan; all given parts are saved, or none.

        `figures` replaces the listed years only (each as a whole row); other years are kept.
        """
        application = self.application()
        # Refuse early (403 beyond a delegation, 409) rather than report field errors on a plan
        # that cannot change.
        services.ensure_delegate_may(request.user, application, support_access.EDIT)
        services.ensure_editable(application)
        serializer = ApplicationInputSerializer(application, data=request.data)
        serializer.is_valid(raise_exception=True)
        writes.application_apply(
            application=application, actor=request.user, data=serializer.validated_data
        )
        return Response(self.application_data(pk))

    @extend_schema(responses={204: None, **error_responses(403, 404, 409)})
    def delete(self, request, pk):
        """Delete a draft that was never submitted (the firm's own: 403 for a delegate)."""
        services.application_delete(application=self.application(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ApplicationCheckView(ApplicationScopeMixin, generics.GenericAPIView):
    serializer_class = CheckResultSerializer

    @extend_schema(
        parameters=[CheckQuerySerializer],
        responses={200: CheckResultSerializer, **error_responses(400, 404)},
    )
    def get(self, request, pk):
        """The self-check under the rule set of the submission date (today for a draft), or
        of `as_of` for a what-if."""
        application = self.application()
        query = CheckQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        result = selectors.application_check(application, on=query.validated_data.get("as_of"))
        return Response(selectors.check_result_data(result, selectors.procedure_of(application)))


class ApplicationHistoryView(ApplicationScopeMixin, generics.ListAPIView):
    """Who did what and when, oldest first."""

    serializer_class = HistoryEntrySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return HistoryEntry.objects.none()
        self.history_of = self.application()
        return history_entries(self.history_of)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if hasattr(self, "history_of"):
            context["staff"] = self.request.user.is_staff_member
            context["members"] = company_members(self.history_of)
        return context


class ApplicationVersionsMixin(ApplicationScopeMixin):
    serializer_class = ApplicationVersionSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ApplicationVersion.objects.none()
        return self.application().versions.select_related("submitted_by", "application")


class ApplicationVersionListView(ApplicationVersionsMixin, generics.ListAPIView):
    """The frozen copies of what was submitted, one per submission."""


class ApplicationVersionDetailView(ApplicationVersionsMixin, generics.RetrieveAPIView):
    """Version `number` (1, 2, … in order of submission)."""

    lookup_field = "number"


application_list_view = ApplicationListView.as_view()
application_detail_view = ApplicationDetailView.as_view()
application_check_view = ApplicationCheckView.as_view()
application_history_view = ApplicationHistoryView.as_view()
application_versions_view = ApplicationVersionListView.as_view()
application_version_view = ApplicationVersionDetailView.as_view()
