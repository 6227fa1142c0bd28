"""The notice and the form as background tasks: enqueued with the decision or the submission,
issued by a worker after the commit, tried again after a failure a bounded number of times,
once however often they run."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from approvals.constants import Status
from approvals.models import Application, Mail
from config import background
from documents.constants import DocumentKind, DocumentState
from documents.issued import notices
from documents.models import IssuedDocument
from documents.tasks import form_issue_task, notice_enqueue, notice_issue_task
from tests.documents.conftest import attach_required, decide, staff_step
from tests.queue import jobs, make_due, ready, run_worker
from workflow import services

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _notice(application) -> IssuedDocument | None:
    return IssuedDocument.objects.filter(
        application=application, kind=DocumentKind.APPROVAL_NOTICE
    ).first()


def test_the_decision_commits_its_jobs_and_a_worker_issues_them(queue, draft, applicant, staff):
    application = decide(draft, applicant, staff)
    [job] = ready(notice_issue_task)
    assert job.args_kwargs == {"args": [application.pk], "kwargs": {}}
    assert _notice(application) is None  # the decision did not wait for the PDF
    assert Mail.objects.get(application=application, template="approved").state == "queued"

    run_worker()

    notice = _notice(application)
    assert notice.state == DocumentState.ISSUED and notice.key == application.approval.number
    assert Mail.objects.get(application=application, template="approved").state == "sent"
    assert {j.status for j in jobs(notice_issue_task)} == {TaskResultStatus.SUCCESSFUL}


def test_a_decision_rolled_back_leaves_no_job_and_no_mail(queue, draft, applicant, staff):
    attach_required(draft, applicant)
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    staff_step(draft, "intake", staff["intake"], "accept")
    staff_step(draft, "review", staff["reviewer"], "recommend_approval", "審査意見")
    with pytest.raises(RuntimeError), transaction.atomic():
        staff_step(draft, "decision", staff["approver"], "approve")
        assert len(ready(notice_issue_task)) == 1  # written with the decision …
        raise RuntimeError("the deciding transaction fails after the decision")
    assert ready(notice_issue_task) == []  # … and gone with it
    assert not Mail.objects.filter(template__in=["approved", "refused"]).exists()
    assert Application.objects.get(pk=draft.pk).status == Status.AWAITING_DECISION


def test_a_failed_issue_is_tried_again_later_then_issued_once(
    queue, draft, applicant, staff, monkeypatch
):
    def storage_down(application):
        raise OSError("storage unreachable")

    monkeypatch.setattr(notices, "notice_pdf", storage_down)
    application = decide(draft, applicant, staff)
    number = application.approval.number
    before = timezone.now()
    run_worker()

    notice = _notice(application)
    assert notice.state == DocumentState.FAILED and notice.attempts == 1
    assert "storage unreachable" in notice.error
    assert Application.objects.get(pk=application.pk).status == Status.APPROVED
    [retry] = ready(notice_issue_task)
    wait = retry.run_after - before
    assert timedelta(seconds=29) < wait < timedelta(seconds=40)
    run_worker()  # not due yet: nothing happens
    assert _notice(application).attempts == 1

    monkeypatch.undo()
    make_due(retry)
    run_worker()
    notice = _notice(application)
    assert notice.state == DocumentState.ISSUED and notice.attempts == 2
    assert notice.key == number
    assert ready(notice_issue_task) == []


def test_retries_stop_after_the_last_attempt(queue, draft, applicant, staff, monkeypatch):
    monkeypatch.setattr(notices, "notice_pdf", lambda application: 1 / 0)
    application = decide(draft, applicant, staff)
    pauses = []
    run_worker()
    while ready(notice_issue_task):
        [retry] = ready(notice_issue_task)
        pauses.append(retry.run_after - retry.enqueued_at)
        make_due(retry)
        run_worker()
    notice = _notice(application)
    assert notice.state == DocumentState.FAILED
    assert notice.attempts == background.MAX_ATTEMPTS
    # Each pause four times the one before: about 30 s, 2 min, 8 min, 32 min.
    assert len(pauses) == background.MAX_ATTEMPTS - 1
    assert all(b > a * 3 for a, b in zip(pauses, pauses[1:], strict=False))


def test_two_jobs_for_one_notice_issue_it_once(queue, draft, applicant, staff):
    application = decide(draft, applicant, staff)
    with transaction.atomic():
        notice_enqueue(application.pk)
    assert len(ready(notice_issue_task)) == 2
    run_worker()
    [notice] = IssuedDocument.objects.filter(
        application=application, kind=DocumentKind.APPROVAL_NOTICE
    )
    assert notice.state == DocumentState.ISSUED and notice.attempts == 1


def test_a_submission_enqueues_its_form_and_the_download_serves_it(
    queue, draft, applicant, browser_for
):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    [job] = ready(form_issue_task)
    assert job.args_kwargs["args"] == [draft.pk, 1]
    assert not IssuedDocument.objects.filter(kind=DocumentKind.APPLICATION_FORM).exists()
    run_worker()
    [form] = IssuedDocument.objects.filter(kind=DocumentKind.APPLICATION_FORM)
    assert form.state == DocumentState.ISSUED and form.key == "v1" and form.attempts == 1

    response = browser_for(applicant).get(f"/documents/applications/{draft.pk}/form.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    form.refresh_from_db()
    assert form.attempts == 1  # served as made, not made again


def test_staff_see_the_notice_being_made_then_failed_then_issued(
    queue, draft, applicant, staff, browser_for, monkeypatch
):
    application = decide(draft, applicant, staff)
    page_url = reverse("staff:application:process_detail", args=[application.processes.get().pk])
    approver = browser_for(staff["approver"])

    def page() -> str:
        return approver.get(page_url).content.decode()

    assert "発行処理中" in page() and "通知書の発行を再試行" not in page()
    monkeypatch.setattr(notices, "notice_pdf", lambda application: 1 / 0)
    run_worker()
    shown = page()  # a retry is waiting: said so, no button to press twice
    assert "自動でもう一度試します" in shown and "通知書の発行を再試行" not in shown
    DBTaskResult.objects.filter(status="READY").delete()  # the retries ran out
    shown = page()
    assert "発行失敗" in shown and "通知書の発行を再試行" in shown
    monkeypatch.undo()
    with transaction.atomic():
        notice_enqueue(application.pk)
    run_worker()
    assert "承認通知書（PDF）" in page()


def test_a_decision_recorded_without_an_issuer_fails_clearly_and_is_not_retried(
    queue, draft, applicant, staff
):
    """A decision taken before the governor's name was required may name no issuer: its
    notice is not printed without one; the failure says why and no retry is queued."""
    from approvals.models import Approval

    application = decide(draft, applicant, staff)
    Approval.objects.filter(application=application).update(issuer_name="")
    run_worker()
    notice = _notice(application)
    assert notice.state == DocumentState.FAILED and notice.attempts == 1
    assert notice.error.startswith("NoIssuer:")
    assert "発信者（決裁権者の職名・氏名）がない" in notice.error
    assert ready(notice_issue_task) == []
    assert Application.objects.get(pk=application.pk).status == Status.APPROVED
