"""The applicant portal's door, for every app's portal pages: who may come in, and which
application a URL may reach.

Applicants only (accounts.permissions.is_portal_user): anonymous visitors go to the login
page, staff get 403 (they work on their own task pages). An application is looked up among the
user's own, so another company's application is a 404, never a 403 that would confirm it
exists. The plan editor's pages (approvals), submission and withdrawal (workflow) and the
attachments (documents) all build on these mixins.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts.permissions import is_portal_user
from approvals import selectors


class PortalMixin:
    """Checks access before anything else; ``prepare`` may load objects or answer early."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_login(request)
        if not is_portal_user(request.user):
            raise PermissionDenied
        response = self.prepare(request, *args, **kwargs)
        return response or super().dispatch(request, *args, **kwargs)

    def handle_no_login(self, request):
        return redirect_to_login(request.get_full_path())

    def prepare(self, request, *args, **kwargs):
        return None


class ApplicationMixin(PortalMixin):
    def prepare(self, request, *args, **kwargs):
        self.application = get_object_or_404(
            selectors.applications_for_user(request.user), pk=kwargs["pk"]
        )
        return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(application=self.application, **kwargs)
