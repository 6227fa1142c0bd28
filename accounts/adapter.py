"""How django-allauth signs people up and in here.

Applicants sign themselves up with their e-mail address, which becomes their login name; they
accept the terms of use and get the applicant role. Staff are never signed up: the admin or
`adduser` creates them.
"""

import time
from datetime import UTC, datetime

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from django.utils import timezone

from accounts.roles import Role


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.username = user.email.strip().lower()
        user.email = user.username
        user.accepted_terms_at = timezone.now()
        user.language = getattr(request, "LANGUAGE_CODE", user.language) or user.language
        if commit:
            from accounts.services import user_set_role

            user.save()
            user_set_role(user=user, role=Role.APPLICANT)
        return user

    def is_reauthentication_required(self, *, app, **kwargs):
        """allauth asks for the password again before any change to the second factor. The
        first device, set up in the minutes after a password sign-in (which staff are sent to
        do), and its recovery codes shown right after, need no second prompt; a device the user
        had before this sign-in is changed or removed only after the password again."""
        if app == "allauth.mfa" and self._first_device_right_after_sign_in():
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def _first_device_right_after_sign_in(self) -> bool:
        from allauth.mfa.models import Authenticator

        request = self.request
        user = getattr(request, "user", None)
        if request is None or user is None or not user.is_authenticated:
            return False
        records = [r for r in get_authentication_records(request, user) if "at" in r]
        if not records:
            return False
        signed_in_at = records[0]["at"]
        if time.time() - signed_in_at >= account_settings.REAUTHENTICATION_TIMEOUT:
            return False
        earlier = Authenticator.objects.filter(
            user=user,
            type=Authenticator.Type.TOTP,
            created_at__lt=datetime.fromtimestamp(signed_in_at, tz=UTC),
        )
        return not earlier.exists()
