"""A db_worker killed (SIGKILL) while it renders the notice: the decision stands, the job is
left running with nobody on it, and `manage.py sweep_tasks` enqueues it again; the surviving
worker issues exactly one notice, with the approval's number unchanged."""

from datetime import timedelta

import pytest
from django.db.models import F
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from approvals.models import Approval
from documents.constants import DocumentState
from tests.documents import pdfcheck
from tests.integration import harness
from tests.integration.hooks import started_marker

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_sweep_reruns_the_notice_of_a_killed_worker_once(services_up, workers):
    """Killed mid-render, the worker's attempt leaves nothing behind (no document, no object in
    the bucket); once the sweep has enqueued the lost job again the other worker issues the
    notice once, under the same approval number."""
    stack = services_up
    people = harness.make_people("killed")
    application = harness.submit_application(stack, people)
    pk = application["id"]
    harness.bring_to_decision(stack, people, pk)
    harness.wait_for(harness.queue_idle, "the submission's form to be made")
    keys_before = set(stack.s3.keys("documents/"))

    workers.gate.touch()  # the worker that takes the notice holds inside its rendering
    approved = harness.approve(stack, people, pk)
    number = approved["approval"]["number"]
    marker = started_marker(workers.gate)
    harness.wait_for(marker.exists, "a worker to start rendering the notice")
    victim = workers.by_pid(int(marker.read_text()))
    [job] = harness.notice_jobs(pk)
    assert job.status == TaskResultStatus.RUNNING
    assert job.worker_ids == [victim.name]

    victim.kill()
    workers.gate.unlink()  # from now on a worker renders without holding
    [survivor] = [p for p in workers.processes if p.alive()]

    # Its transaction went with it: no notice, nothing stored; the job still says running.
    assert harness.notice_state(pk) is None
    assert set(stack.s3.keys("documents/")) == keys_before
    job.refresh_from_db()
    assert job.status == TaskResultStatus.RUNNING
    shown = harness.staff_client(stack, people, "approver").get(f"applications/{pk}/")
    assert (shown.json()["status"], shown.json()["approval"]["number"]) == ("approved", number)

    # Cron's sweep, once the job has been running longer than --stale-after.
    DBTaskResult.objects.filter(pk=job.pk).update(started_at=F("started_at") - timedelta(minutes=2))
    swept = harness.run_command(stack.env(), "sweep_tasks", "--stale-after", "1")
    assert swept.returncode == 0, swept.stderr
    assert "1 lost jobs enqueued again, 0 notices and 0 mails enqueued." in swept.stdout

    document = harness.wait_for(
        lambda: (d := harness.notice_of(pk)) and d.state == DocumentState.ISSUED and d,
        "the notice to be issued after the sweep",
    )
    assert document.attempts == 1
    assert document.key == number
    # The worker marks its job done just after the task's own commit: wait for that too.
    lost, rerun = harness.wait_for(
        lambda: (jobs := harness.notice_jobs(pk))[-1].status != TaskResultStatus.RUNNING and jobs,
        "the rerun job to finish",
    )
    assert lost.status == TaskResultStatus.FAILED
    assert lost.exception_class_path == "config.background.WorkerLost"
    assert rerun.status == TaskResultStatus.SUCCESSFUL
    assert rerun.worker_ids == [survivor.name]

    # One notice object in the bucket, carrying the number the approval has always had.
    assert set(stack.s3.keys("documents/")) - keys_before == {document.file.name}
    assert number in pdfcheck.text(stack.s3.read(document.file.name))
    assert list(Approval.objects.filter(application_id=pk).values_list("number", flat=True)) == [
        number
    ]
    harness.wait_for(harness.queue_idle, "the queue to be idle")
    assert len(harness.notice_jobs(pk)) == 2
