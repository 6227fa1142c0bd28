"""The database task queue in a test (the `queue` fixture of tests/conftest.py switches to it):
look at its jobs, run a worker in-process.

Use with `django_db(transaction=True, serialized_rollback=True)` (as every transactional test
here: the data migrations' rows come back for the next test): the worker commits as a real one
does.
"""

from datetime import timedelta

from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def jobs(task, status=None) -> list[DBTaskResult]:
    found = DBTaskResult.objects.filter(task_path=task.module_path).order_by("enqueued_at")
    if status is not None:
        found = found.filter(status=status)
    return list(found)


def ready(task) -> list[DBTaskResult]:
    return jobs(task, TaskResultStatus.READY)


def run_worker() -> None:
    """What `manage.py db_worker --batch` does: run every job that is due, then stop."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def make_due(job: DBTaskResult) -> None:
    """As if the pause before a retry had passed."""
    DBTaskResult.objects.filter(pk=job.pk).update(run_after=timezone.now() - timedelta(seconds=1))
