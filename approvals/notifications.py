"""E-mails to the applicant, sent only after the transaction that caused them commits.

A rolled-back return or decision never tells the applicant anything; a failing mail server
never undoes a decision (the failure is logged).
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from approvals.models import Application

logger = logging.getLogger(__name__)


def recipients(application: Application) -> list[str]:
    addresses = [application.company.email]
    addresses += list(application.company.members.values_list("email", flat=True))
    return sorted({a for a in addresses if a})


def recipients_by_language(application: Application) -> dict[str, list[str]]:
    """Each address in the language its person chose (Japanese for the company's own address
    unless a member uses it), never in the language of the member of staff who acted."""
    languages = dict(application.company.members.exclude(email="").values_list("email", "language"))
    grouped: dict[str, list[str]] = {}
    for address in recipients(application):
        grouped.setdefault(languages.get(address) or settings.LANGUAGE_CODE, []).append(address)
    return grouped


def _send(application_id: int, template: str, extra: dict) -> None:
    application = Application.objects.select_related("company").get(pk=application_id)
    grouped = recipients_by_language(application)
    if not grouped:
        logger.warning("no e-mail address for application %s", application.reference)
        return
    for language, to in sorted(grouped.items()):
        with translation.override(language):
            context = {
                "application": application,
                "site_url": settings.KAKUSHIN_SITE_URL,
                **extra,
            }
            subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
            body = render_to_string(f"emails/{template}.txt", context)
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
        except Exception:  # the decision stands; staff see the failure in the log
            logger.exception("e-mail %s for %s failed", template, application.reference)


def queue_returned(application: Application, comment: str) -> None:
    transaction.on_commit(lambda: _send(application.pk, "returned", {"comment": comment}))


def queue_decided(application: Application) -> None:
    template = "approved" if application.status == "approved" else "refused"
    transaction.on_commit(lambda: _send(application.pk, template, {}))
