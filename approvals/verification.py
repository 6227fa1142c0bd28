"""The public verification (照合) of an approval, DOMAIN.md §10 and API.md "Verification".

Every approval carries a code drawn at random (`secrets`, 128 bits), unrelated to its id or
number, so the public page `/verify/<code>/` answers only whoever holds the notice. The page
and the API (documents.issued.verification) show the number, the date, the company as on the
notice, the theme and whether the approval still stands; nothing else of the plan.

The URL is built from `KAKUSHIN_SITE_URL` (not from a request): the notice is rendered in a
background task and prints the same URL the application API gives.
"""

import secrets

from django.conf import settings
from django.urls import reverse

from approvals.constants import ApplicationKind, Status

VERIFY_CODE_BYTES = 16
VERIFY_CODE_MAX_LENGTH = 32


class VerifyStatus:
    VALID = "valid"
    CHANGED = "changed"
    DISCONTINUED = "discontinued"
    REVOKED = "revoked"
    ALL = (VALID, CHANGED, DISCONTINUED, REVOKED)


def new_verify_code() -> str:
    """A fresh code: 22 URL-safe characters from 16 random bytes."""
    return secrets.token_urlsafe(VERIFY_CODE_BYTES)


def verify_url(code: str) -> str:
    """The public page's absolute URL for `code`."""
    path = reverse("documents:verify", kwargs={"code": code})
    return settings.KAKUSHIN_SITE_URL.rstrip("/") + path


def verify_status(application) -> str:
    """Where the approved plan stands: revoked, discontinued, changed (a change approved), or
    valid."""
    if application.status == Status.REVOKED:
        return VerifyStatus.REVOKED
    if application.status == Status.DISCONTINUED:
        return VerifyStatus.DISCONTINUED
    changed = application.change_applications.filter(
        kind=ApplicationKind.CHANGE, status=Status.APPROVED
    ).exists()
    return VerifyStatus.CHANGED if changed else VerifyStatus.VALID
