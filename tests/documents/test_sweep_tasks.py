"""`manage.py sweep_tasks`: what a lost worker or a lost job left undone (a notice, a mail, today's
processing reminder) is enqueued again, and what is waiting already is left alone."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from approvals import processing
from approvals.constants import MailState
from approvals.models import Mail
from approvals.tasks import mail_send_task
from documents.constants import DocumentKind, DocumentState
from documents.models import IssuedDocument
from documents.tasks import notice_issue_task
from tests.documents.conftest import decide
from tests.queue import jobs, ready, run_worker
from workflow.models import ProcessingReminder
from workflow.tasks import reminder_send_task

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _sweep(*args) -> str:
    out = StringIO()
    call_command("sweep_tasks", *args, stdout=out)
    return out.getvalue()


def _left_running(job, minutes: int) -> None:
    DBTaskResult.objects.filter(pk=job.pk).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(minutes=minutes),
        worker_ids=["killed-worker"],
    )


def test_a_job_left_running_by_a_dead_worker_runs_again_once(queue, draft, applicant, staff):
    application = decide(draft, applicant, staff)
    [job] = ready(notice_issue_task)
    _left_running(job, minutes=9)
    assert "0 lost jobs" in _sweep()  # nine minutes may still be a slow worker
    _left_running(job, minutes=11)
    assert "1 lost jobs enqueued again, 0 notices" in _sweep()

    job.refresh_from_db()
    assert job.status == TaskResultStatus.FAILED and "WorkerLost" in job.exception_class_path
    [again] = ready(notice_issue_task)
    assert again.args_kwargs == job.args_kwargs
    run_worker()
    [notice] = IssuedDocument.objects.filter(
        application=application, kind=DocumentKind.APPROVAL_NOTICE
    )
    assert notice.state == DocumentState.ISSUED and notice.key == application.approval.number


def test_a_notice_and_a_mail_without_a_job_get_one(queue, draft, applicant, staff):
    application = decide(draft, applicant, staff)
    DBTaskResult.objects.all().delete()  # the jobs lost (restored from a backup without them)
    # The approval's mail and the submission's confirmation, both without their jobs.
    assert "0 lost jobs enqueued again, 1 notices and 2 mails enqueued" in _sweep()
    assert "0 notices and 0 mails enqueued" in _sweep()  # waiting now: not twice
    run_worker()
    notice = IssuedDocument.objects.get(application=application, kind=DocumentKind.APPROVAL_NOTICE)
    assert notice.state == DocumentState.ISSUED
    assert set(Mail.objects.filter(application=application).values_list("state", flat=True)) == {
        MailState.SENT
    }
    assert "0 notices and 0 mails enqueued" in _sweep()
    assert len(jobs(notice_issue_task)) == 1 and len(jobs(mail_send_task)) == 2


def test_a_notice_that_failed_every_attempt_waits_for_staff(queue, draft, applicant, staff):
    application = decide(draft, applicant, staff)
    DBTaskResult.objects.all().delete()
    IssuedDocument.objects.create(
        application=application,
        kind=DocumentKind.APPROVAL_NOTICE,
        key=application.approval.number,
        state=DocumentState.FAILED,
        attempts=5,
        error="OSError: storage unreachable",
    )
    assert "0 notices" in _sweep()


def test_todays_processing_reminder_without_a_job_gets_one_and_yesterdays_not(queue, staff):
    today = processing.today()
    rows = [{"reference": "KK-2026-00001", "step": "intake", "due_on": str(today)}]
    lost = ProcessingReminder.objects.create(user=staff["intake"], on=today, tasks=rows)
    ProcessingReminder.objects.create(
        user=staff["reviewer"], on=today - timedelta(days=1), tasks=rows
    )
    assert "0 notices and 1 mails enqueued" in _sweep()
    assert [job.args_kwargs["args"] for job in ready(reminder_send_task)] == [[lost.pk]]
    assert "0 notices and 0 mails enqueued" in _sweep()  # waiting now: not twice


def test_minutes_must_be_positive(queue, capsys):
    with pytest.raises(SystemExit):
        call_command("sweep_tasks", "--stale-after", "0")
