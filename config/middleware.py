"""Japanese first: the interface is Japanese unless the user chose English with the switcher.

Django's LocaleMiddleware would follow the browser's Accept-Language, so an SME owner on an
English-language browser would get a half-English page; here only the explicit choice (the
language cookie set by the switcher) changes the language.
"""

from django.conf import settings
from django.utils import translation


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
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
