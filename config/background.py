"""Background work: enqueueing a task with the transaction that caused it, and retrying it.

The tasks are django-tasks tasks (`@task`, the API of Django 6's `django.tasks`). With the
database backend (django-tasks-db, local and production settings) a job is a row written on the
default connection: enqueued inside the deciding transaction it commits or rolls back with the
decision — a rollback leaves no job, a commit exactly one — and a `manage.py db_worker` runs it
after the commit, outside the request and the flow lock. A backend that keeps no rows (the
immediate backend of the test settings) would run the task at once inside the transaction;
there the job is handed over once the transaction commits instead, so a test sees what the
worker would see.

Tasks are idempotent (each knows its record: the issued document, the mail), so running one
twice — after a retry, a dead worker or the sweep — does the work once. A task that failed for
a reason that may pass (storage down, mail server down) asks for another attempt with
`retry_later`, after a growing pause, a bounded number of times; it records each attempt on its
record, where staff see it. `manage.py sweep_tasks` (cron) re-enqueues what a dead worker left.
Knows no app: every app may use it.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

# Attempts in all (the first included) before a failure stays for staff to retry by hand.
MAX_ATTEMPTS = 5
# The pause before attempt n + 1: 30 s, 2 min, 8 min, 32 min.
FIRST_PAUSE = timedelta(seconds=30)
GROWTH = 4


# What is kept of a failure on its record (a document, a mail) for staff to read.
ERROR_MAX_LENGTH = 2000


def error_text(error: BaseException | str) -> str:
    """A failure as recorded for staff: its type and message, cut to ERROR_MAX_LENGTH."""
    text = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    return text[:ERROR_MAX_LENGTH]


def stores_jobs(task=None) -> bool:
    """Does the task's backend (the default one without a task) keep jobs as rows of this
    database (django-tasks-db)?"""
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django_tasks_db.backend import DatabaseBackend

    backend = task.get_backend() if task is not None else task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    return isinstance(backend, DatabaseBackend)


def enqueue(task, *args, **kwargs) -> None:
    """Enqueue the task in the current transaction (see the module's docstring)."""
    if stores_jobs(task):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs), robust=True)


def pause_before(attempt: int) -> timedelta:
    """How long to wait after the `attempt`-th attempt failed."""
    return FIRST_PAUSE * GROWTH ** (attempt - 1)


def retry_later(task, attempt: int, *args, **kwargs) -> bool:
    """Ask for another attempt after the `attempt`-th failed: True when one was enqueued."""
    if attempt >= MAX_ATTEMPTS:
        logger.error("%s gave up after %s attempts", task.name, attempt)
        return False
    if not task.get_backend().supports_defer:
        logger.warning("%s: its backend cannot wait, no automatic retry", task.name)
        return False
    later = task.using(run_after=timezone.now() + pause_before(attempt))
    enqueue(later, *args, **kwargs)
    return True


def pending_arguments(task) -> set[tuple]:
    """The positional arguments of the task's jobs waiting or running (database backend)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    jobs = DBTaskResult.objects.filter(
        task_path=task.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    )
    return {tuple(job.args_kwargs["args"]) for job in jobs.only("args_kwargs")}


def is_pending(task, *args) -> bool:
    """Is a job of the task with these positional arguments waiting or running?"""
    if not stores_jobs(task):
        return False
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=task.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
        args_kwargs__args=list(args),
    ).exists()


class WorkerLost(Exception):
    """The worker running the job stopped without finishing it (killed, machine gone)."""


def requeue_stale(*, older_than: timedelta) -> int:
    """Jobs a dead worker left running for longer than `older_than`: each is marked failed and
    enqueued again (the tasks are idempotent). Returns how many."""
    from django.utils.module_loading import import_string
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    requeued = 0
    stale = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=timezone.now() - older_than
    )
    with transaction.atomic():
        for job in stale.select_for_update(skip_locked=True):
            job.set_failed(WorkerLost(f"running since {job.started_at.isoformat()}"))
            task = import_string(job.task_path)
            enqueue(task, *job.args_kwargs["args"], **job.args_kwargs["kwargs"])
            logger.warning("re-enqueued %s %s left by a lost worker", job.task_path, job.id)
            requeued += 1
    return requeued


# A job due for longer than this means no worker is taking jobs (they poll every second or so).
WORKER_SILENCE = timedelta(minutes=5)


def workers_silent() -> timedelta | None:
    """How long the oldest due job has waited, when that is longer than WORKER_SILENCE (no
    worker is running, or all are stuck); None while jobs are taken in time or none wait."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = timezone.now()
    ready = DBTaskResult.objects.ready()
    # A job enqueued to run at once has run_after = the far future and is due since enqueued.
    at_once = ready.filter(run_after=get_date_max()).order_by("enqueued_at")
    deferred = ready.exclude(run_after=get_date_max()).order_by("run_after")
    due = [
        at_once.values_list("enqueued_at", flat=True).first(),
        deferred.values_list("run_after", flat=True).first(),
    ]
    due = [at for at in due if at is not None]
    if not due or now - min(due) <= WORKER_SILENCE:
        return None
    return now - min(due)
