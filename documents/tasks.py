"""The documents app's background tasks (django-tasks; see config.background): the notice of a
decision, and the application form of a submitted version.

`notice_issue_task` issues the notice of a decision. It is enqueued by the flow's notice step in
the deciding transaction, so the job exists exactly when the decision does, and runs in a
`db_worker` after the commit: the decision never waits for the PDF. It is idempotent (the
issued document is keyed by its decision: a second run finds it issued and does nothing), and a
failed attempt (storage down, say) is recorded on the document, which staff see with its retry
button, and tried again later, a bounded number of times.
"""

import logging

from django_tasks import task

from approvals.models import ApplicationVersion
from config import background
from documents.constants import DocumentState
from documents.errors import NoIssuer, NoNotice
from documents.issued import form, notices

logger = logging.getLogger(__name__)


@task()
def notice_issue_task(application_id: int) -> str:
    try:
        document = notices.notice_issue(application_id=application_id)
    except NoNotice:
        # The decision is gone (it cannot be, today): nothing to issue, nothing to retry.
        logger.error("application %s has no decision to issue a notice of", application_id)
        return "no decision"
    if document.state == DocumentState.ISSUED:
        return document.state
    if NoIssuer.recorded_on(document):
        # The decision names no issuer: another attempt would fail the same way.
        logger.error("notice of application %s names no issuer: not retried", application_id)
        return document.state
    logger.error(
        "notice of application %s failed (attempt %s): %s",
        application_id,
        document.attempts,
        document.error,
    )
    background.retry_later(notice_issue_task, document.attempts, application_id)
    return document.state


def notice_waiting(application_id: int) -> bool:
    """Is a job for the notice waiting for a worker, or running?"""
    return background.is_pending(notice_issue_task, application_id)


def notice_enqueue(application_id: int) -> None:
    """Issue the notice once the decision commits (call it inside the deciding transaction)."""
    background.enqueue(notice_issue_task, application_id)


@task()
def form_issue_task(application_id: int, number: int) -> str:
    """The application form of a submitted version, made ahead of its first download (which
    would otherwise make it then: a failure here costs the reader a wait, nothing more)."""
    version = ApplicationVersion.objects.filter(application_id=application_id, number=number)
    version = version.select_related("application").first()
    if version is None:
        return "no such version"
    document = form.form_issue(version=version)
    if document.state != DocumentState.ISSUED:
        background.retry_later(form_issue_task, document.attempts, application_id, number)
    return document.state


def form_enqueue(application_id: int, number: int) -> None:
    """Make the form of the version once the submission commits (call it inside it)."""
    background.enqueue(form_issue_task, application_id, number)
