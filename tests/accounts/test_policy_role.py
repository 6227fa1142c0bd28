"""Policy staff (DESIGN.md): the target dashboard, its drill-down and exports, and the target
series in the admin; never an application, a company's figures or an attachment."""

import pytest
from django.urls import reverse

from approvals.models import TargetSeries
from tests import factories
from tests.api.conftest import client_for
from workflow import services


@pytest.fixture
def policy(db):
    return factories.make_user("policy")


@pytest.fixture
def submitted(draft, applicant):
    return services.application_submit(
        application=draft, actor=applicant, acknowledge_failures=False
    )


@pytest.mark.django_db
def test_policy_staff_land_on_the_target_dashboard(client, policy):
    client.force_login(policy)
    response = client.get("/")
    assert response.status_code == 302 and response.url == reverse("approvals:targets")
    assert 'id="drill-title"' in client.get(reverse("approvals:targets")).content.decode()


@pytest.mark.django_db
def test_policy_staff_open_no_application_and_none_of_its_files(client, policy, submitted):
    attachment = submitted.attachments.first()
    client.force_login(policy)
    pages = [
        reverse("staff:index"),
        reverse("staff:application:process_list"),
        reverse("approvals:application-detail", args=[submitted.pk]),
        reverse("documents:form-download", args=[submitted.pk]),
        f"/portal/attachments/{attachment.pk}/download/",
        reverse("admin:approvals_application_changelist"),
        reverse("admin:approvals_company_changelist"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code in (403, 404), (url, response.status_code)
        assert submitted.theme not in response.content.decode(), url
    api = client_for(policy)
    listed = api.get("/api/v1/applications/").content.decode()
    assert submitted.reference not in listed and submitted.theme not in listed
    for url in (
        f"/api/v1/applications/{submitted.pk}/",
        f"/api/v1/applications/{submitted.pk}/attachments/",
        f"/api/v1/attachments/{attachment.pk}/download/",
    ):
        response = api.get(url)
        assert response.status_code in (403, 404), (url, response.status_code)
        assert submitted.theme not in response.content.decode(), url


@pytest.mark.django_db
def test_policy_staff_add_a_target_series_in_the_admin_and_it_is_published(client, policy):
    client.force_login(policy)
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    body = index.content.decode()
    assert reverse("admin:approvals_targetseries_changelist") in body
    assert reverse("admin:approvals_application_changelist") not in body
    data = {
        "code": "target-2-2011",
        "title": "経営革新計画の承認件数（次期計画）",
        "unit": "件",
        "baseline_as_of": "2011-03-31",
        "baseline_count": "1540",
        "years-TOTAL_FORMS": "1",
        "years-INITIAL_FORMS": "0",
        "years-MIN_NUM_FORMS": "0",
        "years-MAX_NUM_FORMS": "1000",
        "years-0-fiscal_year": "2011",
        "years-0-target": "1665",
        "years-0-recorded_actual": "",
    }
    response = client.post(reverse("admin:approvals_targetseries_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    series = TargetSeries.objects.get(code="target-2-2011")
    published = client_for(policy).get(f"/api/v1/targets/{series.code}/").json()
    assert {y["fiscal_year"]: y["target"] for y in published["years"]}[2011] == 1665
    # Deleting a whole series (and what it published) is the administrator's.
    delete = client.get(reverse("admin:approvals_targetseries_delete", args=[series.pk]))
    assert delete.status_code == 403


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_policy_users_made_before_may_sign_in_to_the_admin_after_migrating():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = (
        ("accounts", "0003_user_language"),
        ("accounts", "0004_policy_staff_sign_in_to_the_admin"),
    )
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate([before])
        old = executor.loader.project_state([before]).apps
        users = old.get_model("accounts", "User").objects
        policy = users.create(username="planner", is_staff=False)
        policy.groups.add(old.get_model("auth", "Group").objects.get(name="policy"))
        clerk = users.create(username="clerk", is_staff=False)
        clerk.groups.add(old.get_model("auth", "Group").objects.get(name="intake"))

        executor = MigrationExecutor(connection)
        executor.migrate([after])
        new = executor.loader.project_state([after]).apps.get_model("accounts", "User")
        assert new.objects.get(username="planner").is_staff is True
        assert new.objects.get(username="clerk").is_staff is False
    finally:
        # Back to the latest schema, whatever migrations came after these two.
        MigrationExecutor(connection).migrate(latest)
