"""The staff lists and the header's counts as a clerk sees them, however long the register.

The process list takes its page from the process table and counts active tasks for the rows
shown: the rows, their order, the page count and the counts must be what viewflow's own list
(which annotates every process) showed. The header's inbox and queue counts follow a claim
and a completion at once. No page makes more queries with 50 applications than with 5.
"""

import re

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.staff.helpers import advance, claim, task_urls
from workflow import services
from workflow.flows import ApplicationFlow
from workflow.models import ApplicationProcess
from workflow.services import open_task

PAGE = 25


def _submitted(company, applicant, n):
    applications = []
    for _ in range(n):
        application = factories.make_application(company, applicant)
        services.application_submit(
            application=application, actor=applicant, acknowledge_failures=False
        )
        applications.append(application)
    return applications


def _header_counts(client) -> dict[str, int]:
    html = client.get(reverse("staff:application:archive")).content.decode()
    found = re.findall(r'(担当中|キュー) <span class="count">(\d+)</span>', html)
    labels = {"担当中": "inbox", "キュー": "queue"}
    return {labels[label]: int(n) for label, n in found}


def _viewflow_rows():
    """What viewflow's DashboardProcessListView listed: every process annotated, newest first."""
    return list(
        ApplicationProcess.objects.filter(flow_class=ApplicationFlow)
        .annotate(active_tasks_count=Count("task", filter=Q(task__finished__isnull=True)))
        .order_by("-created", "-pk")
        .values_list("pk", "active_tasks_count")
    )


@pytest.mark.django_db
def test_process_list_shows_the_rows_pages_and_active_task_counts_viewflow_showed(
    clients, staff, company, applicant
):
    """27 applications at various steps (some accepted, one claimed): both pages list the same
    processes in the same order with the same active-task counts, and say 1 / 2 ページ."""
    applications = _submitted(company, applicant, PAGE + 2)
    for application in applications[:4]:
        advance(application, "intake", staff["intake"], "accept")
    claim(clients["reviewer"], applications[0], "review")
    expected = _viewflow_rows()
    assert {count for _pk, count in expected} == {1}  # one open task each; finished ones not
    shown = []
    for page in (1, 2):
        response = clients["intake"].get(reverse("staff:application:process_list"), {"page": page})
        assert f"{page} / 2 ページ" in response.content.decode()
        shown += [(p.pk, p.active_tasks_count) for p in response.context["object_list"]]
    assert shown == expected


@pytest.mark.django_db
def test_process_list_counts_every_unfinished_task_of_a_row(clients, staff, company, applicant):
    """A process with two unfinished tasks shows 2, as viewflow counted them."""
    (application,) = _submitted(company, applicant, 1)
    process = application.processes.get()
    task = open_task(application, "intake")
    ApplicationFlow.task_class.objects.create(
        process=process, flow_task=task.flow_task, flow_task_type="HUMAN"
    )
    response = clients["intake"].get(reverse("staff:application:process_list"))
    (row,) = response.context["object_list"]
    assert row.active_tasks_count == 2 == dict(_viewflow_rows())[process.pk]


@pytest.mark.django_db
def test_process_list_search_counts_only_the_matching_pages(clients, company, applicant):
    """With a search the page count is that of the matches."""
    applications = _submitted(company, applicant, PAGE + 1)
    response = clients["intake"].get(
        reverse("staff:application:process_list"), {"q": applications[0].reference}
    )
    assert [p.application_id for p in response.context["object_list"]] == [applications[0].pk]
    assert response.context["paginator"].count == 1


@pytest.mark.django_db
def test_header_counts_follow_claim_and_completion(clients, staff, company, applicant):
    """Intake sees 3 in the queue; claiming one moves it to 担当中; accepting it empties 担当中
    and puts it in the reviewer's queue — on the very next page."""
    applications = _submitted(company, applicant, 3)
    assert _header_counts(clients["intake"]) == {"inbox": 0, "queue": 3}
    assert _header_counts(clients["reviewer"]) == {"inbox": 0, "queue": 0}
    task = claim(clients["intake"], applications[0], "intake")
    assert _header_counts(clients["intake"]) == {"inbox": 1, "queue": 2}
    services.task_complete(task=task, user=staff["intake"], decision="accept", comment="")
    assert _header_counts(clients["intake"]) == {"inbox": 0, "queue": 2}
    assert _header_counts(clients["reviewer"]) == {"inbox": 0, "queue": 1}


def _pages(applications) -> dict[str, str]:
    held = open_task(applications[0], "intake")
    return {
        "queue": reverse("staff:application:queue"),
        "inbox": reverse("staff:application:inbox"),
        "archive": reverse("staff:application:archive"),
        "process list": reverse("staff:application:process_list"),
        "task page": task_urls(held)["execute"],
    }


def _queries(client, urls) -> dict[str, int]:
    counts = {}
    for name, url in urls.items():
        client.get(url)  # sessions, caches: first-request work is not counted
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (name, response)
        counts[name] = len(captured)
    return counts


def _grow(staff, company, applicant, n):
    """n more applications: a third accepted by intake, the rest waiting; one claimed."""
    applications = _submitted(company, applicant, n)
    for application in applications[: n // 3]:
        advance(application, "intake", staff["intake"], "accept")
    return applications


@pytest.mark.django_db
def test_staff_pages_make_as_many_queries_with_50_applications_as_with_5(
    clients, staff, company, applicant
):
    """Queue, inbox, archive, process list and a task page: the same number of queries with
    50 applications (tasks waiting, held, finished) as with 5."""
    first = _grow(staff, company, applicant, 5)
    held = first[-1]
    claim(clients["intake"], held, "intake")
    urls = _pages([held])
    small = _queries(clients["intake"], urls)
    more = _grow(staff, company, applicant, 45)
    claim(clients["intake"], more[-1], "intake")
    large = _queries(clients["intake"], urls)
    assert large == small
