"""Error pages that need the request: the CSRF failure page in the site's own layout, and
404 as JSON for the API."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views import defaults

from config.api import NOT_FOUND, TOO_LARGE


def csrf_failure(request, reason=""):
    """A form sent with a missing or outdated token: usually a page left open while the user
    signed out and in again, or a session that ended. Say so plainly, in the site's layout;
    rendering the layout gives the browser a fresh token, so a reload is enough."""
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
