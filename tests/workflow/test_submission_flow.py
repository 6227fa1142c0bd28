"""Submission starts the viewflow process with an intake task; withdrawal cancels it."""

import threading

import pytest
from django.db import close_old_connections
from viewflow.workflow.status import PROCESS, STATUS

from approvals.errors import ApplicationError, SubmissionBlocked
from approvals.models import Application
from workflow import services
from workflow.flows import ApplicationFlow
from workflow.models import ApplicationProcess


def _open_tasks(application):
    process = ApplicationProcess.objects.get(application=application)
    return process.task_set.exclude(status__in=[STATUS.DONE, STATUS.CANCELED])


@pytest.mark.django_db
def test_submission_starts_the_flow_at_intake(draft, applicant):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    tasks = list(_open_tasks(draft))
    assert [t.flow_task for t in tasks] == [ApplicationFlow.intake]
    assert tasks[0].owner is None  # waits in the intake queue


@pytest.mark.django_db
def test_blocked_submission_starts_no_process(company, applicant):
    from tests.factories import make_application

    draft = make_application(company, applicant, complete=False)
    with pytest.raises(SubmissionBlocked):
        services.application_submit(application=draft, actor=applicant, acknowledge_failures=True)
    assert not ApplicationProcess.objects.filter(application=draft).exists()


@pytest.mark.django_db
def test_withdrawal_cancels_the_process_and_its_task(draft, applicant):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    services.application_withdraw(application=draft, actor=applicant)
    process = ApplicationProcess.objects.get(application=draft)
    assert process.status == PROCESS.CANCELED
    assert not _open_tasks(draft).exists()
    assert Application.objects.get(pk=draft.pk).status == "withdrawn"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_submissions_make_one_version_and_one_process(
    requires_postgres, draft, applicant
):
    """Double-click on 提出: the row lock lets exactly one submission through."""
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        try:
            barrier.wait()
            services.application_submit(
                application=draft, actor=applicant, acknowledge_failures=False
            )
            outcomes.append("ok")
        except ApplicationError:
            outcomes.append("refused")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert draft.versions.count() == 1
    assert ApplicationProcess.objects.filter(application=draft).count() == 1
