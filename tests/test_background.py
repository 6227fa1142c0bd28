"""config.background: jobs written with their transaction, and the signs of a missing worker."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from config import background
from documents.tasks import notice_issue_task
from tests.queue import ready

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_job_is_written_with_its_transaction(queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        background.enqueue(notice_issue_task, 1)
        raise RuntimeError
    assert ready(notice_issue_task) == []
    with transaction.atomic():
        background.enqueue(notice_issue_task, 1)
    assert len(ready(notice_issue_task)) == 1


@pytest.mark.django_db
def test_without_the_database_queue_the_job_waits_for_the_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        background.enqueue(notice_issue_task, 1)
    assert len(callbacks) == 1


def test_workers_are_silent_when_a_due_job_waits_five_minutes(queue):
    assert background.workers_silent() is None  # nothing waits
    background.enqueue(notice_issue_task, 1)
    [job] = ready(notice_issue_task)
    DBTaskResult.objects.filter(pk=job.pk).update(
        enqueued_at=timezone.now() - timedelta(minutes=4, seconds=50)
    )
    assert background.workers_silent() is None
    DBTaskResult.objects.filter(pk=job.pk).update(
        enqueued_at=timezone.now() - timedelta(minutes=5, seconds=10)
    )
    assert background.workers_silent() > timedelta(minutes=5)


def test_a_retry_waiting_its_time_is_not_silence(queue):
    later = notice_issue_task.using(run_after=timezone.now() + timedelta(minutes=30))
    background.enqueue(later, 1)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=1))
    assert background.workers_silent() is None
    DBTaskResult.objects.update(run_after=timezone.now() - timedelta(minutes=6))
    assert background.workers_silent() > timedelta(minutes=5)
