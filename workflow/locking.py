"""The flow's lock: the application's row first, then the process's, both waited for.

Every action on an application takes its row lock: the applicant's (edit, submit, withdraw,
delete) in the approvals services, and the staff's, whose tasks viewflow runs under this lock
(its task pages and workflow.services alike). viewflow's own lock takes the process row with
NOWAIT and retries, which inside an outer transaction leaves the transaction aborted (a 500)
and, taken before the application's row, locks in the opposite order to the applicant's
actions. Here every path takes the same two locks in the same order and waits for them: two
actions on one application queue one behind the other, none deadlocks, none fails because the
other is running, and each re-reads what it acts on once it holds the lock.

A lock still not had after LOCK_TIMEOUT_MS (PostgreSQL's lock_timeout, for the rest of the
transaction) raises viewflow's FlowLockFailed, which workflow.services turns into a conflict
the client may retry (409 with Retry-After). SQLite has no row locks: it serialises writers on
the whole database instead.
"""

from contextlib import contextmanager

from django.db import DatabaseError, connection, transaction
from viewflow.workflow.exceptions import FlowLockFailed

from approvals.models import Application

LOCK_TIMEOUT_MS = 10_000


def _limit_waiting() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{LOCK_TIMEOUT_MS}ms"])


@contextmanager
def application_first_lock(flow_class, process_pk):
    """viewflow `lock_impl`: lock the application of process `process_pk`, then the process."""
    processes = flow_class.process_class._default_manager.filter(pk=process_pk)
    with transaction.atomic():
        try:
            _limit_waiting()
            application = processes.values_list("application_id", flat=True).first()
            list(Application.objects.select_for_update().filter(pk=application).values("pk"))
            list(processes.select_for_update().values("pk"))
        except DatabaseError as error:
            raise FlowLockFailed(f"Lock failed for {flow_class}: {error}") from error
        yield
