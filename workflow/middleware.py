"""viewflow's SiteMiddleware, which the staff site needs, with a login page for visitors.

SiteMiddleware puts the site, the app and the viewset on ``request.resolver_match`` (the task
views find their success URL there), checks the site's and the app's permission, and adds the
app's context (the task counts) to every page. A visitor who is not signed in would get a bare
403 from it; here they go to the login page first.

viewflow finds a task view's task by `task_pk` alone: a URL that names another node or another
process than the task's own would run the node's code on a task it was never given (a 500) and
take the lock of the process in the URL rather than the task's. Such a URL is a 404 here.
"""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from viewflow.middleware import SiteMiddleware


class StaffSiteMiddleware(SiteMiddleware):
    def process_view(self, request, callback, callback_args, callback_kwargs):
        match = request.resolver_match
        extra = getattr(getattr(match, "url_name", None), "extra", {})
        if extra.get("site") and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        node = extra.get("node")
        if node is not None and "task_pk" in callback_kwargs:
            own = node.flow_class.task_class.objects.filter(
                pk=callback_kwargs["task_pk"],
                process_id=callback_kwargs.get("process_pk"),
                flow_task=node,
            )
            if not own.exists():
                raise Http404
        return super().process_view(request, callback, callback_args, callback_kwargs)
