"""Error pages that need the request: the CSRF failure page in the site's own layout, and
404 as JSON for the API."""

from urllib.parse import urlsplit

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.views import defaults

from approvals.views import pending
from config.api import NOT_FOUND, TOO_LARGE


def _same_origin(request) -> bool:
    """The POST came from a page of this site (Origin, or Referer when a browser sends none)."""
    here = f"{request.scheme}://{request.get_host()}"
    origin = request.headers.get("Origin")
    if origin:
        return origin == here
    referer = urlsplit(request.headers.get("Referer", ""))
    return f"{referer.scheme}://{referer.netloc}" == here


def _keeps_typed_input(request) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    view_class = getattr(match.func, "view_class", None)
    return bool(getattr(view_class, "keeps_typed_input", False))


def csrf_failure(request, reason=""):
    """A form sent with a missing or outdated token: usually a page left open while the user
    signed out and in again, or a session that ended. A plan editor's section sent from this
    site gets what was typed back, unsaved, on its page (approvals.views.pending); anything
    else is told so plainly, in the site's layout, whose fresh token makes a reload enough."""
    if (
        request.method == "POST"
        and _same_origin(request)
        and _keeps_typed_input(request)
        and pending.stash(request, reason=pending.CSRF)
    ):
        return redirect(request.get_full_path())
    return render(request, "403_csrf.html", status=403)


def _api_error(detail, status: int) -> JsonResponse:
    body = {"detail": str(detail), "errors": {}}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def page_not_found(request, exception=None):
    """404 in the API's shape under /api/ (a client parses JSON, not a page), the site's page
    elsewhere."""
    if request.path.startswith("/api/"):
        return _api_error(NOT_FOUND, 404)
    return defaults.page_not_found(request, exception)


def bad_request(request, exception=None):
    """400 that Django answers before any view (a body over DATA_UPLOAD_MAX_MEMORY_SIZE, too
    many fields): JSON under /api/, the site's page elsewhere."""
    if request.path.startswith("/api/"):
        return _api_error(TOO_LARGE, 400)
    return defaults.bad_request(request, exception)
