"""The journey to an approval through HTTP against gunicorn (2 workers) with two db_workers,
moto's S3 server and an SMTP sink: the notice is issued once, by a worker, into the bucket, and
the applicant's e-mail arrives once."""

import hashlib

import pytest
from django_tasks.base import TaskResultStatus

from approvals.constants import MailState
from approvals.models import Mail
from documents.constants import DocumentState
from tests.documents import pdfcheck
from tests.integration import harness

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_approval_through_http_gets_its_notice_from_a_worker_once(services_up, workers, queue):
    """Submitted, accepted, reviewed and approved by four people over HTTP: the approval's
    answer does not wait for the PDF; a worker stores the notice in S3 exactly once, it
    downloads through the API byte for byte, and the applicant gets one e-mail."""
    stack = services_up
    people = harness.make_people("journey")
    application = harness.submit_application(stack, people)
    pk = application["id"]
    harness.bring_to_decision(stack, people, pk)

    approved = harness.approve(stack, people, pk)
    number = approved["approval"]["number"]
    assert number.startswith("経革第")

    document = harness.wait_for(
        lambda: (d := harness.notice_of(pk)) and d.state == DocumentState.ISSUED and d,
        "the notice to be issued by a worker",
    )
    # Exactly one attempt, by one job, which a db_worker ran.
    assert document.attempts == 1
    [job] = harness.notice_jobs(pk)
    assert job.status == TaskResultStatus.SUCCESSFUL
    assert job.worker_ids and set(job.worker_ids) <= {p.name for p in workers.processes}

    # The object is in the bucket, and it is what was recorded and what the API serves.
    stored = stack.s3.read(document.file.name)
    assert hashlib.sha256(stored).hexdigest() == document.sha256
    assert number in pdfcheck.text(stored)
    applicant = harness.token_client(stack.base_url, people.applicant.username)
    download = applicant.get(f"applications/{pk}/notice/")
    assert download.status_code == 200
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.content == stored

    # One e-mail about the approval, to the company's address and the applicant's (and the
    # submission's confirmation before it).
    reference = application["reference"]
    approved = "承認のお知らせ"
    harness.wait_for(lambda: stack.smtp.about(reference, approved), "the approval e-mail")
    mail = Mail.objects.get(application_id=pk, template="approved")
    harness.wait_for(harness.queue_idle, "the queue to be idle")
    [message] = stack.smtp.about(reference, approved)
    assert len(stack.smtp.about(reference, "提出を確認しました")) == 1  # the confirmation, once
    assert "承認のお知らせ" in str(message["Subject"])
    assert set(message["X-Envelope-To"].split(", ")) == {
        people.applicant.email,
        people.company.email,
    }
    mail.refresh_from_db()
    assert (mail.state, mail.attempts) == (MailState.SENT, 1)

    # A sweep afterwards finds nothing left undone: still one notice, one e-mail.
    swept = harness.sweep_here()
    assert "0 lost jobs enqueued again, 0 notices and 0 mails enqueued." in swept
    assert len(harness.notice_jobs(pk)) == 1
    assert len(stack.smtp.about(reference, approved)) == 1
    assert all(process.alive() for process in workers.processes)
