"""What django-axes counts and says: failures per login name, and the lockout in Japanese.

The same account is one counter whether the login name or the e-mail address was typed; a
locked-out request to the API gets JSON (429 with Retry-After), any other the lockout page.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.models import User


def login_name(request, credentials) -> str:
    credentials = credentials or {}
    typed = (
        credentials.get("username")
        or credentials.get("email")
        or request.POST.get("login")
        or request.POST.get("username")
        or ""
    )
    typed = str(typed).strip().lower()
    if "@" in typed:
        user = User.objects.filter(email__iexact=typed).only("username").first()
        if user is not None:
            return user.username.lower()
    return typed


def locked_out(request, original_response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "パスワードを続けて間違えたため、このアカウントは%(minutes)d分間ロックされています。"
        "時間をおいてから、もう一度お試しください。"
    ) % {"minutes": minutes}
    retry = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": message, "errors": {}}, status=429, json_dumps_params={"ensure_ascii": False}
        )
    else:
        response = render(request, "accounts/locked_out.html", {"message": message}, status=429)
    response["Retry-After"] = retry
    return response
