"""E-mails to the applicant: a `Mail` row and its background task, written in the transaction
that causes them, sent by a worker after it commits (approvals.tasks).

A rolled-back return or decision never tells the applicant anything (neither the row nor the
job exists); a failing mail server never undoes a decision, the mail is tried again later and
its state is there for staff.
"""

import logging
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from approvals.constants import Action, MailState, Step
from approvals.models import Application, Authority, Mail, RevocationCase
from approvals.presenters import next_steps
from approvals.presenters.correction import section_labels
from approvals.support import access as support_access
from config import background

logger = logging.getLogger(__name__)


def recipients(application: Application) -> list[str]:
    addresses = [application.company.email]
    addresses += list(application.company.members.values_list("email", flat=True))
    return sorted({a for a in addresses if a})


# The mails about the application itself, of which a delegate the firm chose gets a copy
# (never a follow-up survey's: that is the firm's own business after the approval).
COPIED_TO_DELEGATES = frozenset({"submitted", "returned", "approved", "refused"})


def delegate_copies(application: Application) -> dict[str, str]:
    """{address: language} of the support users whose active delegation from the firm asks for
    a copy of its mails (the firm ticked 「メールの写しを送る」), read when the mail is sent: a
    revoked delegation gets nothing more."""
    delegations = support_access.active_delegations().filter(
        company_id=application.company_id, copy_mails=True
    )
    return dict(
        delegations.exclude(delegate__email="").values_list("delegate__email", "delegate__language")
    )


@dataclass
class Recipients:
    """One language's copy of a mail: the firm in To, the delegates' copies in Bcc (the firm is
    the addressee; its adviser's address is not shown to it, nor one adviser's to another)."""

    to: list[str] = field(default_factory=list)
    bcc: list[str] = field(default_factory=list)


def recipients_by_language(
    application: Application, *, template: str | None = None
) -> dict[str, Recipients]:
    """Each address in the language its person chose (Japanese for the company's own address
    unless a member uses it), never in the language of the member of staff who acted. The mails
    of COPIED_TO_DELEGATES (`template`) also go, in Bcc, to the delegates who asked for a copy
    (an address that is also the firm's is the firm's)."""
    languages = dict(application.company.members.exclude(email="").values_list("email", "language"))
    firm = recipients(application)
    copies = delegate_copies(application) if template in COPIED_TO_DELEGATES else {}
    grouped: dict[str, Recipients] = {}

    def group(language):
        return grouped.setdefault(language or settings.LANGUAGE_CODE, Recipients())

    for address in firm:
        group(languages.get(address)).to.append(address)
    for address in sorted(set(copies) - set(firm)):
        group(copies[address]).bcc.append(address)
    return grouped


def mail_send(mail: Mail) -> None:
    """Render and send the mail in each recipient's language; raises what the mail server
    raises (approvals.tasks records it and tries again)."""
    application = mail.application
    grouped = recipients_by_language(application, template=mail.template)
    if not grouped:
        raise NoRecipient(f"no e-mail address for application {application.reference}")
    authority = Authority.current()
    for language, people in sorted(grouped.items()):
        with translation.override(language):
            context = {
                "application": application,
                "contact": next_steps.contact(authority),
                "processing_period": next_steps.processing_period(authority, application.kind),
                "site_url": settings.KAKUSHIN_SITE_URL,
                **mail.context,
                **_readable(mail.context),
            }
            subject = render_to_string(f"emails/{mail.template}_subject.txt", context).strip()
            body = render_to_string(f"emails/{mail.template}.txt", context)
        EmailMessage(
            subject, body, settings.DEFAULT_FROM_EMAIL, to=people.to, bcc=people.bcc
        ).send()


def _readable(context: dict) -> dict:
    """Section codes and ISO dates of a mail's context as the reader reads them."""
    extra = {}
    if context.get("sections"):
        extra["section_names"] = section_labels(context["sections"])
    if context.get("due_on"):
        extra["due_on"] = date.fromisoformat(context["due_on"])
    if context.get("case"):
        extra["case"] = RevocationCase.objects.get(pk=context["case"])
    return extra


class NoRecipient(Exception):
    """Nobody to write to: trying again would not help."""


def _queue(application: Application, template: str, extra: dict) -> None:
    from approvals.tasks import mail_send_task  # approvals.tasks sends with this module

    mail = Mail.objects.create(application=application, template=template, context=extra)
    background.enqueue(mail_send_task, mail.pk)


# What staff read for each kind of mail (Mail.template).
MAIL_LABELS = {
    "submitted": _("提出の確認"),
    "returned": _("補正のお願い"),
    "approved": _("承認のお知らせ"),
    "refused": _("不承認のお知らせ"),
    "follow_up_requested": _("フォローアップ調査のお願い"),
    "follow_up_reminder": _("フォローアップ調査の督促"),
    "revocation_opened": _("聴聞の通知"),
    "revocation_decided": _("取消し手続の結果"),
}


def mail_label(mail: Mail) -> str:
    return str(MAIL_LABELS.get(mail.template, mail.template))


def mail_retry(mail: Mail, *, actor) -> bool:
    """Staff: send a failed mail again now, in the background. False when there is nothing to
    do — it was sent meanwhile, or a retry is already waiting for a worker."""
    from approvals.services import history_add  # approvals.services queues mails with this module
    from approvals.tasks import mail_send_task

    with transaction.atomic():
        locked = Mail.objects.select_for_update().get(pk=mail.pk)
        if locked.state != MailState.FAILED or background.is_pending(mail_send_task, locked.pk):
            return False
        locked.state = MailState.QUEUED
        locked.save(update_fields=["state"])
        history_add(
            application=locked.application,
            actor=actor,
            step={
                "returned": Step.INTAKE,
                "submitted": Step.SUBMISSION,
                "follow_up_requested": Step.FOLLOW_UP,
                "follow_up_reminder": Step.FOLLOW_UP,
                "revocation_opened": Step.REVOCATION,
                "revocation_decided": Step.REVOCATION,
            }.get(locked.template, Step.DECISION),
            action=Action.RETRY_MAIL,
            memo=mail_label(locked),
        )
        background.enqueue(mail_send_task, locked.pk)
    return True


SUBMITTED = "submitted"


def queue_submitted(application: Application) -> None:
    """The confirmation of a submission (or resubmission), in its transaction: a rolled-back
    submission confirms nothing. The version tells the confirmation page which one it was."""
    _queue(application, SUBMITTED, {"version": application.version})


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


FOLLOW_UP_REQUESTED = "follow_up_requested"
FOLLOW_UP_REMINDER = "follow_up_reminder"


def queue_follow_up(follow_up, template: str) -> None:
    """A follow-up survey's request or reminder, in the transaction that causes it."""
    context = {
        "follow_up": follow_up.pk,
        "kind": follow_up.kind,
        "due_on": follow_up.due_on.isoformat(),
    }
    _queue(follow_up.application, template, context)


REVOCATION_OPENED = "revocation_opened"
REVOCATION_DECIDED = "revocation_decided"


def queue_revocation(case, template: str) -> None:
    """The hearing's notice that a revocation case opened, or its decision, to the firm in the
    transaction that records it. The formal documents are the PDFs on the portal."""
    _queue(case.application, template, {"case": case.pk})
