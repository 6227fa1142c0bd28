"""The pages of accounts that django-allauth does not make: the language switch, the terms of
use and the source of the service (sign-in, sign-up, password reset, e-mail verification and
the second factor are allauth's, at /accounts/)."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from django.views.i18n import set_language


@require_POST
def language_view(request):
    """Django's set_language (the cookie), and for a signed-in user the choice is kept on the
    account too: it follows them to another browser and decides the language of their e-mails."""
    response = set_language(request)
    chosen = request.POST.get("language")
    user = request.user
    if user.is_authenticated and chosen in dict(settings.LANGUAGES) and user.language != chosen:
        user.language = chosen
        user.save(update_fields=["language"])
    return response


def source_view(request):
    """AGPL-3.0 §13: every user of the service is offered the source it runs."""
    context = {"source_url": settings.KAKUSHIN_SOURCE_URL, "contact": settings.DEFAULT_FROM_EMAIL}
    return render(request, "accounts/source.html", context)


terms_view = TemplateView.as_view(template_name="accounts/terms.html")
