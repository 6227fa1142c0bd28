"""Staff and administrators set up their second factor before anything else.

A signed-in user who needs a second factor (accounts.mfa.needs_second_factor) and has none
yet reaches only the pages that set it up (and sign-out, the language switch, the static
files, the health endpoints); every other page sends them there with a message, and the API
answers 403 saying so. Signing in with a second factor is django-allauth's own second step.
"""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from accounts.mfa import has_second_factor, needs_second_factor

SET_UP_URL_NAMES = frozenset(
    {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_reauthenticate",
        "account_reauthenticate",
        "account_logout",
        "set_language",
    }
)


def _free(path: str) -> bool:
    if path.startswith(("/static/", "/i18n/")) or path in ("/healthz", "/readyz"):
        return True
    try:
        return resolve(path).url_name in SET_UP_URL_NAMES
    except Resolver404:
        return False


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and needs_second_factor(user)
            and not _free(request.path_info)
            and not has_second_factor(user)
        ):
            message = _(
                "このアカウント（県の職員・支援機関の担当者）には二要素認証（認証アプリのワンタイム"
                "コード）が必要です。先に設定してください。"
            )
            if request.path_info.startswith("/api/"):
                body = {"detail": message, "errors": {}, "mfa_required": True}
                return JsonResponse(body, status=403, json_dumps_params={"ensure_ascii": False})
            messages.warning(request, message)
            return redirect("mfa_activate_totp")
        return self.get_response(request)
