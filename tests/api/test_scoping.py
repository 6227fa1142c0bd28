"""Applicant A never reaches applicant B's applications: 404, as if they did not exist."""

import pytest

from approvals.models import Application
from tests import factories
from tests.api.conftest import stored_state


@pytest.fixture
def b_application(other_company, other_applicant):
    return factories.make_application(other_company, other_applicant)


REQUESTS = [
    ("get", ""),
    ("get", "check/"),
    ("get", "check/?as_of=2019-01-01"),
    ("get", "history/"),
    ("get", "versions/"),
    ("get", "versions/1/"),
    ("patch", ""),
    ("delete", ""),
    ("post", "submit/"),
    ("post", "withdraw/"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "suffix"), REQUESTS)
def test_a_gets_404_for_bs_application(client_a, b_application, method, suffix):
    before = stored_state(b_application)
    path = f"/api/v1/applications/{b_application.pk}/{suffix}"
    response = getattr(client_a, method)(path, {"theme": "乗っ取り"}, format="json")
    assert response.status_code == 404
    assert response.json() == {"detail": "見つかりません。", "errors": {}}
    assert stored_state(b_application) == before


@pytest.mark.django_db
def test_bs_applications_are_absent_from_as_list(client_a, draft, b_application):
    body = client_a.get("/api/v1/applications/").json()
    assert [a["id"] for a in body["results"]] == [draft.pk]
    assert body["count"] == 1


@pytest.mark.django_db
def test_a_missing_application_is_the_same_404(client_a):
    missing = (Application.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    response = client_a.get(f"/api/v1/applications/{missing}/")
    assert response.json() == {"detail": "見つかりません。", "errors": {}}


@pytest.mark.django_db
def test_staff_do_not_see_drafts(api, intake_clerk, draft):
    assert api(intake_clerk).get(f"/api/v1/applications/{draft.pk}/").status_code == 404
