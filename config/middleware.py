"""Middleware of the project: the request's id and user for the logs, the language, and the
security headers of every response.

Japanese first: the interface is Japanese unless the user chose English with the switcher.

Django's LocaleMiddleware would follow the browser's Accept-Language, so an SME owner on an
English-language browser would get a half-English page; here only the explicit choice changes
the language: the cookie set by the switcher, or else the choice kept on the signed-in user's
account (so it follows them to another browser). It runs after AuthenticationMiddleware.
"""

from django.conf import settings
from django.core.signals import request_finished
from django.dispatch import receiver
from django.utils import translation

from config import logs


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in self.supported:
            user = getattr(request, "user", None)
            chosen = getattr(user, "language", None) if user and user.is_authenticated else None
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # Threads are reused: the next request (or test) must not inherit this choice.
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response


class SecurityHeadersMiddleware:
    """Headers every response carries beside Django's own: the Permissions-Policy, and
    `Cache-Control: no-store` on what a signed-in person (or an API client with a token) was
    shown, so a shared office PC's browser or a proxy keeps no copy of an application."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        personal = bool(user and user.is_authenticated) or "HTTP_AUTHORIZATION" in request.META
        if personal and "no-store" not in response.headers.get("Cache-Control", ""):
            response.headers["Cache-Control"] = "private, no-store"
        return response


class RequestContextMiddleware:
    """First of all: gives the request its id (the caller's `X-Request-ID` when well-formed, a
    new one otherwise), which every log line written for it carries and the response echoes
    (config.logs). The WSGI environ gets it too, for gunicorn's access log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = logs.request_id_from(request.headers.get("X-Request-ID"))
        logs.request_id.set(rid)
        logs.user_id.set(None)
        request.META[logs.ENVIRON_REQUEST_ID] = rid
        response = self.get_response(request)
        response.headers["X-Request-ID"] = rid
        return response


class RequestUserMiddleware:
    """After authentication: the signed-in user's numeric id on the request's log lines and in
    the access log (the id only, never a name or an address)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self._record(request)
        response = self.get_response(request)
        # Signing in or out during the request changes whom the rest of it is for.
        self._record(request)
        return response

    @staticmethod
    def _record(request):
        user = getattr(request, "user", None)
        pk = user.pk if user is not None and user.is_authenticated else None
        logs.user_id.set(pk)
        request.META[logs.ENVIRON_USER_ID] = pk


@receiver(request_finished, dispatch_uid="config.middleware.forget_request_context")
def _forget_request_context(**kwargs):
    """Lines logged between requests belong to none (threads and processes are reused)."""
    logs.request_id.set(None)
    logs.user_id.set(None)
