"""E-mails to the applicant: a `Mail` row and its background task, written in the transaction
that causes them, sent by a worker after it commits (approvals.tasks).

A rolled-back return or decision never tells the applicant anything (neither the row nor the
job exists); a failing mail server never undoes a decision, the mail is tried again later and
its state is there for staff.
"""

import logging
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from approvals.constants import PlanSection
from approvals.models import Application, Mail
from config import background

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


def mail_send(mail: Mail) -> None:
    """Render and send the mail in each recipient's language; raises what the mail server
    raises (approvals.tasks records it and tries again)."""
    application = mail.application
    grouped = recipients_by_language(application)
    if not grouped:
        raise NoRecipient(f"no e-mail address for application {application.reference}")
    for language, to in sorted(grouped.items()):
        with translation.override(language):
            context = {
                "application": application,
                "site_url": settings.KAKUSHIN_SITE_URL,
                **mail.context,
                **_readable(mail.context),
            }
            subject = render_to_string(f"emails/{mail.template}_subject.txt", context).strip()
            body = render_to_string(f"emails/{mail.template}.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


def _readable(context: dict) -> dict:
    """Section codes and ISO dates of a mail's context as the reader reads them."""
    extra = {}
    if context.get("sections"):
        names = dict(PlanSection.choices)
        extra["section_names"] = [str(names.get(code, code)) for code in context["sections"]]
    if context.get("due_on"):
        extra["due_on"] = date.fromisoformat(context["due_on"])
    return extra


class NoRecipient(Exception):
    """Nobody to write to: trying again would not help."""


def _queue(application: Application, template: str, extra: dict) -> None:
    from approvals.tasks import mail_send_task  # approvals.tasks sends with this module

    mail = Mail.objects.create(application=application, template=template, context=extra)
    background.enqueue(mail_send_task, mail.pk)


def queue_returned(application: Application, comment: str, *, sections=(), due_on=None) -> None:
    """The correction request: its text, the sections to fix (codes, named in the reader's
    language when sent) and the deadline. Never the staff's internal memo."""
    context = {"comment": comment, "sections": list(sections)}
    if due_on is not None:
        context["due_on"] = due_on.isoformat()
    _queue(application, "returned", context)


def queue_decided(application: Application) -> None:
    template = "approved" if application.status == "approved" else "refused"
    _queue(application, template, {})
