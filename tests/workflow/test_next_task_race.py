"""Two clerks pressing 次のタスクを担当 at the same moment, on PostgreSQL, many times over.

Both look up the same oldest task; the claim takes the application's and the process's row
locks (workflow.locking) and re-reads the task, so the second finds it taken and claims the
next one. Each clerk ends with a task of their own: never the same task, never an error.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.workflow.test_concurrency import run_together
from tests.workflow.test_races import REPETITIONS, delays, later
from workflow import services
from workflow.flows import ApplicationFlow

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def press_next(user):
    def call():
        client = Client()
        client.force_login(user)
        response = client.post(reverse("staff:application:next_task"))
        return response.status_code, response["Location"]

    return call


def test_two_clerks_pressing_next_task_at_once_get_different_tasks(
    requires_postgres, company, applicant
):
    reverse("staff:index")  # the staff site's URLconf, before any thread reverses a task URL
    clerks = [factories.make_user("intake", username=f"clerk-{n}") for n in (1, 2)]
    tasks = ApplicationFlow.task_class.objects
    for delay in delays()[: max(4, REPETITIONS // 2)]:
        for _ in range(2):
            services.application_submit(
                application=factories.make_application(company, applicant),
                actor=applicant,
                acknowledge_failures=False,
            )
        results = run_together(press_next(clerks[0]), later(delay, press_next(clerks[1])))
        assert not [r for r in results if isinstance(r, Exception)], results
        assert [status for status, _location in results] == [302, 302]
        locations = [location for _status, location in results]
        assert all("/execute/" in location for location in locations), locations
        assert locations[0] != locations[1]
        held = [tasks.filter(owner=clerk, status="ASSIGNED").count() for clerk in clerks]
        assert held == [1, 1]
        # Done with this pair: finish both so the next round starts from an empty queue.
        for clerk in clerks:
            for task in tasks.filter(owner=clerk, status="ASSIGNED"):
                services.task_complete(task=task, user=clerk, decision="accept")
        assert not tasks.filter(status="NEW", flow_task=ApplicationFlow.intake).exists()
