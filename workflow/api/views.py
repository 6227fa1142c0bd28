"""Submit and withdraw an application through the API.

Both go through `workflow.services`, which change the application and start or cancel its
approval process in one transaction. The application is looked up among the applicant's own
(`applications_for_user`): another company's application is 404, never 403.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response

from accounts.permissions import IsApplicant, IsApplicantOrDelegate
from approvals.serializers import ApplicationSerializer, application_queryset
from approvals.services import ensure_delegate_may
from approvals.support import access as support_access
from config.rest import JSONParser, error_responses
from workflow import services
from workflow.api.serializers import SubmitSerializer, WithdrawSerializer

RESPONSES = {200: ApplicationSerializer, **error_responses(400, 403, 404, 409)}


class ApplicationActionView(generics.GenericAPIView):
    permission_classes = [IsApplicant]
    parser_classes = [JSONParser]

    def application(self):
        return get_object_or_404(application_queryset(self.request.user), pk=self.kwargs["pk"])

    def respond(self, pk):
        application = get_object_or_404(application_queryset(self.request.user), pk=pk)
        return Response(ApplicationSerializer(application).data)


class SubmitView(ApplicationActionView):
    serializer_class = SubmitSerializer
    # A delegate with `submit` (`correct` for a resubmission): 403 beyond its scopes.
    permission_classes = [IsApplicantOrDelegate]

    @extend_schema(request=SubmitSerializer, responses=RESPONSES)
    def post(self, request, pk):
        """Submit (or resubmit after 補正): 409 with every reason when it cannot be submitted;
        403 for a support body's user without the delegation's `submit` (`correct`)."""
        application = self.application()
        ensure_delegate_may(request.user, application, support_access.SUBMIT)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.application_submit(
            application=application,
            actor=request.user,
            acknowledge_failures=serializer.validated_data["acknowledge_failures"],
            reply=serializer.validated_data["reply"],
        )
        return self.respond(pk)


class WithdrawView(ApplicationActionView):
    serializer_class = WithdrawSerializer

    @extend_schema(request=WithdrawSerializer, responses=RESPONSES)
    def post(self, request, pk):
        """Withdraw (取下げ) at any time before the decision; 409 for a draft or once decided."""
        application = self.application()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.application_withdraw(
            application=application,
            actor=request.user,
            comment=serializer.validated_data["comment"],
        )
        return self.respond(pk)


submit_view = SubmitView.as_view()
withdraw_view = WithdrawView.as_view()
