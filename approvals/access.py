"""The applicant portal's door, for every app's portal pages: who may come in, and which
application a URL may reach.

Applicants (accounts.permissions.is_portal_user), and on the pages that say so
(`delegate_acts`) a support body's user within its delegation: anonymous visitors go to the
login page, staff get 403 (they work on their own task pages). An application is looked up among the
user's own, so another company's application is a 404, never a 403 that would confirm it
exists. The plan editor's pages (approvals), submission and withdrawal (workflow) and the
attachments (documents) all build on these mixins.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts.permissions import is_portal_user, is_support_user
from approvals import selectors
from approvals.support import access as support_access

READS = ("GET", "HEAD", "OPTIONS")


class PortalMixin:
    """Checks access before anything else; ``prepare`` may load objects or answer early.

    ``delegate_acts`` opens an application page to a support body's user: (the act reading
    needs, the act writing needs) — approvals.support.access.VIEW, EDIT or SUBMIT. Without it
    the page is the firm's own and a delegate gets 403."""

    delegate_acts: tuple[str, str] | None = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_login(request)
        user = request.user
        if not (is_portal_user(user) or (self.delegate_acts and is_support_user(user))):
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
        if is_support_user(request.user) and not is_portal_user(request.user):
            read, write = self.delegate_acts
            act = read if request.method in READS else write
            if not support_access.may_act(request.user, self.application, act):
                raise PermissionDenied
        return None

    def delegate_may(self, act: str) -> bool:
        """Whether the user may do `act` here: always for the firm's own members."""
        return support_access.may_act(self.request.user, self.application, act)

    def get_context_data(self, **kwargs):
        return super().get_context_data(application=self.application, **kwargs)
