"""Middleware of the project: the language, and the security headers of every response.

Japanese first: the interface is Japanese unless the user chose English with the switcher.

Django's LocaleMiddleware would follow the browser's Accept-Language, so an SME owner on an
English-language browser would get a half-English page; here only the explicit choice changes
the language: the cookie set by the switcher, or else the choice kept on the signed-in user's
account (so it follows them to another browser). It runs after AuthenticationMiddleware.
"""

from django.conf import settings
from django.utils import translation


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
