"""The storage (S3) down when the approver decides, then back: the decision stands, staff see
the notice as failed on the application's staff page, and after the storage is back and the
retry is due the notice is issued into the bucket."""

import hashlib

import pytest
from django.urls import reverse
from django_tasks.base import TaskResultStatus

from documents.constants import DocumentState
from tests.integration import harness
from workflow.models import ApplicationProcess

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_storage_outage_shows_the_notice_failed_then_it_is_issued(services_up, workers):
    """The approval is answered while S3 refuses connections; the approver's staff page says
    the notice could not be issued (attempt 1, retried automatically) and offers no download;
    once S3 is back and the retry is due the notice is in the bucket and downloads."""
    stack = services_up
    people = harness.make_people("s3")
    application = harness.submit_application(stack, people)
    pk = application["id"]
    harness.bring_to_decision(stack, people, pk)
    harness.wait_for(harness.queue_idle, "the submission's form to be stored")

    stack.s3.stop()
    approved = harness.approve(stack, people, pk)  # answered 200 with the storage down
    assert approved["status"] == "approved"
    number = approved["approval"]["number"]

    document = harness.wait_for(
        lambda: (d := harness.notice_of(pk)) and d.state == DocumentState.FAILED and d,
        "the notice to be recorded as failed",
    )
    assert document.attempts == 1
    assert "EndpointConnectionError" in document.error
    first, retry = harness.wait_for(
        lambda: len(jobs := harness.notice_jobs(pk)) == 2 and jobs, "the notice's retry job"
    )
    assert retry.status == TaskResultStatus.READY

    # What the approver sees on the application's staff page, signed in on the site.
    page_url = stack.base_url + reverse(
        "staff:application:process_detail",
        args=[ApplicationProcess.objects.get(application_id=pk).pk],
    )
    approver = harness.browser_session(
        stack.base_url, people.staff["approver"].username, people.recovery["approver"]
    )
    page = approver.get(page_url, timeout=60)
    assert page.status_code == 200
    assert "通知書を発行できませんでした（試行 1 回）。自動でもう一度試します。" in page.text
    assert "EndpointConnectionError" in page.text
    assert "承認通知書（PDF）" not in page.text
    applicant = harness.token_client(stack.base_url, people.applicant.username)
    assert applicant.get(f"applications/{pk}/notice/").status_code == 404

    stack.s3.start()
    harness.make_due(retry)
    document = harness.wait_for(
        lambda: (d := harness.notice_of(pk)) and d.state == DocumentState.ISSUED and d,
        "the notice to be issued once the storage is back",
    )
    assert (document.attempts, document.error, document.key) == (2, "", number)
    stored = stack.s3.read(document.file.name)
    assert hashlib.sha256(stored).hexdigest() == document.sha256
    download = applicant.get(f"applications/{pk}/notice/")
    assert (download.status_code, download.content) == (200, stored)
    page = approver.get(page_url, timeout=60)
    assert "承認通知書（PDF）" in page.text
    assert "通知書を発行できませんでした" not in page.text
    harness.wait_for(harness.queue_idle, "the queue to be idle")
    assert len(harness.notice_jobs(pk)) == 2
