"""Who reaches the staff site: staff roles only, each only the tasks of their role."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from approvals.models import Application
from tests import factories
from tests.staff.helpers import decide, task_urls
from workflow import services
from workflow.services import open_task


def _site_urls(application):
    process = application.processes.get()
    task = open_task(application, "intake")
    return [
        reverse("staff:index"),
        reverse("staff:application:inbox"),
        reverse("staff:application:queue"),
        reverse("staff:application:archive"),
        reverse("staff:application:process_list"),
        reverse("staff:application:process_detail", args=[process.pk]),
        reverse("staff:application:chart"),
        reverse("staff:application:chart_page"),
        reverse("staff:application:process_chart", args=[process.pk]),
        *task_urls(task).values(),
    ]


@pytest.fixture
def submitted(draft, applicant):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    return Application.objects.get(pk=draft.pk)


@pytest.mark.django_db
def test_applicants_get_403_and_visitors_the_login_page(client, submitted, applicant):
    for url in _site_urls(submitted):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login") + "?next="), url
    client.force_login(applicant)
    for url in _site_urls(submitted):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"decision": "accept", "confirm": "1"}).status_code == 403, url
    assert Application.objects.get(pk=submitted.pk).status == "submitted"


@pytest.mark.django_db
def test_staff_home_and_lists(clients, submitted):
    intake = clients["intake"]
    assert intake.get(reverse("approvals:home"))["Location"] == reverse("staff:index")
    response = intake.get(reverse("staff:index"), follow=True)
    # Nothing is theirs yet: they land on the queue (the inbox once they hold a task).
    assert response.redirect_chain[-1][0] == reverse("staff:application:queue")
    queue = intake.get(reverse("staff:application:queue")).content.decode()
    assert submitted.reference in queue and submitted.company.name in queue
    assert (
        submitted.reference
        not in clients["reviewer"].get(reverse("staff:application:queue")).content.decode()
    )
    found = intake.get(reverse("staff:application:process_list"), {"q": submitted.reference})
    assert submitted.reference in found.content.decode()
    for url in _site_urls(submitted)[:9]:
        assert intake.get(url, follow=True).status_code == 200, url


@pytest.mark.django_db
def test_intake_staff_cannot_open_the_review_task(clients, submitted, staff):
    services.task_complete(
        task=open_task(submitted, "intake"), user=staff["intake"], decision="accept"
    )
    task = open_task(submitted, "review")
    urls = task_urls(task)
    intake = clients["intake"]
    assert intake.get(urls["index"])["Location"] == urls["detail"]
    for name in ("assign", "execute"):
        response = intake.get(urls[name])
        assert response["Location"] == urls["detail"], name
        response = intake.post(urls[name], {"decision": "recommend_approval", "confirm": "1"})
        assert response["Location"] == urls["detail"], name
    detail = intake.get(urls["detail"]).content.decode()
    assert "「審査」を行う権限がありません" in detail
    assert 'name="decision"' not in detail
    task.refresh_from_db()
    assert (task.status, task.owner) == ("NEW", None)
    assert Application.objects.get(pk=submitted.pk).status == "under_review"


@pytest.mark.django_db
def test_nobody_takes_a_task_of_their_own_company(clients, submitted, staff):
    submitted.company.members.add(staff["intake"])
    task = open_task(submitted, "intake")
    intake = clients["intake"]
    assert (
        submitted.reference not in intake.get(reverse("staff:application:queue")).content.decode()
    )
    response = intake.post(task_urls(task)["assign"], follow=True)
    assert "自社（所属する企業）の申請は担当できません。" in response.content.decode()
    task.refresh_from_db()
    assert task.owner is None


@pytest.mark.django_db
def test_viewflow_management_pages_are_closed_even_to_the_admin(client, submitted):
    """Undo, cancel and revive would move the flow without the approvals services."""
    admin = factories.make_user("admin", username="root")
    client.force_login(admin)
    task = open_task(submitted, "intake")
    for name in ("undo", "cancel", "revive"):
        url = task.flow_task.reverse(name, args=[task.process_id, task.pk])
        assert client.post(url).status_code in (302, 403), name
    task.refresh_from_db()
    assert task.status == "NEW"


@pytest.mark.django_db
def test_the_403_page_points_applicants_to_their_own_pages(client, submitted, applicant):
    client.force_login(applicant)
    response = client.get(reverse("staff:application:inbox"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "このページは表示できません" in page
    assert reverse("approvals:application-list") in page


@pytest.mark.django_db
def test_the_administrator_administers_and_takes_no_step(submitted):
    """The admin (a superuser for the Django admin) sees the procedure but takes no task: an
    empty queue, a claim refused with the reason, the application untouched."""
    admin = factories.make_user("admin", username="admin1")
    client = Client()
    client.force_login(admin)
    task = open_task(submitted, "intake")
    urls = task_urls(task)
    queue = client.get(reverse("staff:application:queue")).content.decode()
    assert urls["index"] not in queue
    response = client.post(urls["assign"], follow=True)
    assert "「受付」を行う権限がありません" in response.content.decode()
    response = client.post(urls["execute"], {"decision": "accept", "confirm": "1"}, follow=True)
    assert Application.objects.get(pk=submitted.pk).status == "submitted"
    assert open_task(submitted, "intake").owner is None


@pytest.mark.django_db
def test_whoever_took_the_intake_is_not_offered_its_review(clients, staff, submitted):
    """A clerk with the intake and the reviewer roles accepts an application: its review is
    not in their queue, and opening it says why (the three steps are three people)."""
    staff["intake"].groups.add(Group.objects.get(name="reviewer"))
    decide(clients["intake"], submitted, "intake", "accept")
    task = open_task(submitted, "review")
    queue = clients["intake"].get(reverse("staff:application:queue")).content.decode()
    assert task_urls(task)["index"] not in queue
    page = clients["intake"].post(task_urls(task)["assign"], follow=True).content.decode()
    assert "この申請の受付を担当した職員は審査を担当できません" in page
    assert open_task(submitted, "review").owner is None


@pytest.mark.django_db
def test_a_task_url_naming_another_node_or_process_is_404(clients, staff, submitted, company):
    """viewflow finds the task by its number alone: the intake task under the review node's
    URL ran the review node's code on it (a 500), and under another process's URL took that
    process's lock."""
    task = open_task(submitted, "intake")
    other = services.application_submit(
        application=factories.make_application(company),
        actor=company.members.first(),
        acknowledge_failures=False,
    )
    other_process = other.processes.get()
    node = {"other node": "review", "other process": "intake"}
    for case, process_pk in (("other node", task.process_id), ("other process", other_process.pk)):
        for action in ("index", "assign", "execute", "detail"):
            url = reverse(f"staff:application:{node[case]}:{action}", args=[process_pk, task.pk])
            assert clients["intake"].get(url).status_code == 404, (case, url)
            assert clients["intake"].post(url, {"decision": "accept"}).status_code == 404
    task.refresh_from_db()
    assert task.owner_id is None and task.status == "NEW"
    # The task's own URLs still open.
    assert clients["intake"].get(task_urls(task)["assign"]).status_code == 200
