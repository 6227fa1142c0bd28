"""The mail server down when the approver decides, then back: the decision stands, the mail is
recorded as failed with a retry waiting, and once the server is back and the retry is due the
applicant gets the e-mail exactly once."""

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus

from approvals.constants import MailState
from approvals.models import Mail
from documents.constants import DocumentState
from tests.integration import harness

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _mail(pk: int):
    return Mail.objects.filter(application_id=pk, template="approved").first()


def test_a_mail_server_outage_delays_the_mail_and_sends_it_once(services_up, workers, queue):
    """The approval is answered while the mail server refuses connections; the mail shows as
    failed with its retry waiting; once the server is back and the retry is due, the applicant
    gets the e-mail, once, and a later sweep sends nothing more."""
    stack = services_up
    people = harness.make_people("smtp")
    application = harness.submit_application(stack, people)
    pk, reference = application["id"], application["reference"]
    harness.bring_to_decision(stack, people, pk)

    stack.smtp.stop()
    approved = harness.approve(stack, people, pk)  # answered 200 with the server down
    assert approved["status"] == "approved"

    mail = harness.wait_for(
        lambda: (m := _mail(pk)) and m.state == MailState.FAILED and m,
        "the mail to be recorded as failed",
    )
    assert mail.attempts == 1
    assert "ConnectionRefusedError" in mail.error
    # The task records the failure and enqueues its retry before the worker marks the first
    # job done: wait for both, rather than read the first job while it is still running.
    first, retry = harness.wait_for(
        lambda: (
            len(jobs := harness.mail_jobs(mail.pk)) == 2
            and jobs[0].status != TaskResultStatus.RUNNING
            and jobs
        ),
        "the mail's retry job",
    )
    assert first.status == TaskResultStatus.SUCCESSFUL  # the task ran and recorded the failure
    assert retry.status == TaskResultStatus.READY
    assert retry.run_after > timezone.now()  # waiting for its pause, not run at once
    # The notice does not depend on the mail.
    harness.wait_for(
        lambda: harness.notice_state(pk) == DocumentState.ISSUED, "the notice to be issued"
    )
    approved = "承認のお知らせ"
    assert stack.smtp.about(reference, approved) == []

    stack.smtp.start()
    harness.make_due(retry)
    harness.wait_for(
        lambda: stack.smtp.about(reference, approved), "the e-mail after the server is back"
    )
    harness.wait_for(harness.queue_idle, "the queue to be idle")
    mail.refresh_from_db()
    assert (mail.state, mail.attempts, mail.error) == (MailState.SENT, 2, "")

    # A sweep afterwards sends nothing again: one e-mail in all.
    assert "0 mails enqueued" in harness.sweep_here()
    [message] = stack.smtp.about(reference, approved)
    assert len(harness.mail_jobs(mail.pk)) == 2
