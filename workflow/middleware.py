"""viewflow's SiteMiddleware, which the staff site needs, with a login page for visitors.

SiteMiddleware puts the site, the app and the viewset on ``request.resolver_match`` (the task
views find their success URL there), checks the site's and the app's permission, and adds the
app's context (the task counts) to every page. A visitor who is not signed in would get a bare
403 from it; here they go to the login page first.
"""

from django.contrib.auth.views import redirect_to_login
from viewflow.middleware import SiteMiddleware


class StaffSiteMiddleware(SiteMiddleware):
    def process_view(self, request, callback, callback_args, callback_kwargs):
        match = request.resolver_match
        extra = getattr(getattr(match, "url_name", None), "extra", {})
        if extra.get("site") and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().process_view(request, callback, callback_args, callback_kwargs)
