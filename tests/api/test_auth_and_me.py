"""Token authentication and `me/`: who is signed in, with which roles and company."""

import pytest
from rest_framework.test import APIClient

from tests import factories


@pytest.mark.django_db
def test_token_then_me_shows_the_applicant_and_their_company(applicant, company):
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/",
        {"username": applicant.username, "password": "pass-word-123"},
        format="json",
    )
    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")

    me = client.get("/api/v1/me/")

    assert me.status_code == 200
    assert me.json() == {
        "username": "applicant-a@example.jp",
        "display_name": "applicant-a@example.jp",
        "roles": ["applicant"],
        "company": company.pk,
        "organisation": None,
    }


@pytest.mark.django_db
def test_wrong_password_gets_no_token(applicant):
    response = APIClient().post(
        "/api/v1/auth/token/",
        {"username": applicant.username, "password": "wrong"},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"detail", "errors"}


@pytest.mark.django_db
def test_staff_member_has_roles_and_no_company(api, intake_clerk):
    me = api(intake_clerk).get("/api/v1/me/").json()
    assert me["roles"] == ["intake"]
    assert me["company"] is None


@pytest.mark.django_db
def test_applicant_without_a_company_yet(api):
    user = factories.make_user("applicant")
    assert api(user).get("/api/v1/me/").json()["company"] is None


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/me/", "/api/v1/applications/", "/api/v1/company/"])
def test_anonymous_requests_are_refused_in_the_error_shape(api, path):
    response = api(None).get(path)
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "errors"}


@pytest.mark.django_db
def test_a_bad_token_is_refused(applicant):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get("/api/v1/me/").status_code == 401
