"""Error pages in the site's own words and layout: not found, a refused form, a server error."""

import pytest
from django.test import Client
from django.urls import include, path, reverse

from tests.portal.helpers import overview_data


def _boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", _boom), path("", include("config.urls"))]


@pytest.mark.django_db
def test_another_companys_application_is_not_found_in_the_portals_words(
    client, draft, other_applicant
):
    client.force_login(other_applicant)
    response = client.get(reverse("approvals:application-detail", args=[draft.pk]))
    body = response.content.decode()
    assert response.status_code == 404
    assert "<h1>ページが見つかりません</h1>" in body
    assert reverse("approvals:application-list") in body  # a way back to their own plans
    assert draft.theme not in body and "Django Material" not in body


@pytest.mark.django_db
def test_an_unknown_staff_page_is_not_found_in_the_portals_words(client, intake_clerk):
    client.force_login(intake_clerk)
    response = client.get("/staff/application/flows/999999/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "<h1>ページが見つかりません</h1>" in body and "Django Material" not in body


@pytest.mark.django_db
def test_a_form_sent_with_an_outdated_token_is_explained_and_the_next_one_works(draft, applicant):
    """As after signing out and in again in another tab: the page's token no longer holds."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(applicant)
    url = reverse("approvals:application-overview", args=[draft.pk])
    browser.get(url)
    data = overview_data(theme="新しいテーマ")
    refused = browser.post(url, {**data, "csrfmiddlewaretoken": "x" * 64})
    body = refused.content.decode()
    assert refused.status_code == 403
    assert "<h1>送信を受け付けられませんでした</h1>" in body
    assert "送った内容は保存されていません" in body
    draft.refresh_from_db()
    assert draft.theme != "新しいテーマ"
    # Reloading the form gives a token that works.
    token = browser.get(url).context["csrf_token"]
    saved = browser.post(url, {**data, "csrfmiddlewaretoken": str(token)})
    assert saved.status_code == 302
    draft.refresh_from_db()
    assert draft.theme == "新しいテーマ"


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_server_error_is_explained_without_details():
    browser = Client(raise_request_exception=False)
    response = browser.get("/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "<h1>ただいま表示できません</h1>" in body
    assert "a bug" not in body and "Traceback" not in body
