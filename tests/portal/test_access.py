"""Who reaches which portal page: own applications only, applicants only, sign-in first."""

import pytest
from django.urls import reverse

from approvals.models import Application
from tests import factories


def _application_pages(pk):
    return [
        ("get", reverse("approvals:application-detail", args=[pk])),
        ("get", reverse("approvals:application-overview", args=[pk])),
        ("post", reverse("approvals:application-overview", args=[pk])),
        ("get", reverse("approvals:application-figures", args=[pk])),
        ("post", reverse("approvals:application-figures", args=[pk])),
        ("post", reverse("approvals:application-figures-preview", args=[pk])),
        ("get", reverse("approvals:application-schedule", args=[pk])),
        ("post", reverse("approvals:application-schedule", args=[pk])),
        ("get", reverse("approvals:application-funding", args=[pk])),
        ("get", reverse("approvals:application-support", args=[pk])),
        ("post", reverse("approvals:application-support", args=[pk])),
        ("get", reverse("approvals:application-delete", args=[pk])),
        ("post", reverse("approvals:application-delete", args=[pk])),
        ("get", reverse("workflow:application-submit", args=[pk])),
        ("post", reverse("workflow:application-submit", args=[pk])),
        ("get", reverse("workflow:application-submitted", args=[pk])),
        ("get", reverse("workflow:application-withdraw", args=[pk])),
        ("post", reverse("workflow:application-withdraw", args=[pk])),
    ]


@pytest.mark.django_db
def test_another_companys_application_is_not_found_on_any_page(client, draft, other_applicant):
    """Applicant B cannot see, edit, preview, submit, withdraw or delete A's application."""
    client.force_login(other_applicant)
    for method, url in _application_pages(draft.pk):
        response = getattr(client, method)(url, {"theme": "乗っ取り"})
        assert response.status_code == 404, (method, url)
    draft.refresh_from_db()
    assert draft.theme != "乗っ取り"
    assert Application.objects.filter(pk=draft.pk, status="draft").exists()


@pytest.mark.django_db
def test_staff_get_403_on_the_portal(client, draft, intake_clerk):
    client.force_login(intake_clerk)
    urls = [reverse("approvals:company"), reverse("approvals:application-list")]
    urls += [url for method, url in _application_pages(draft.pk) if method == "get"]
    for url in urls:
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("approvals:application-create")).status_code == 403


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(client, draft):
    response = client.get(reverse("approvals:application-list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")


@pytest.mark.django_db
def test_without_a_company_the_list_and_create_lead_to_the_company_page(client):
    user = factories.make_user("applicant")
    client.force_login(user)
    for response in (
        client.get(reverse("approvals:application-list"), follow=True),
        client.post(reverse("approvals:application-create"), follow=True),
    ):
        assert response.redirect_chain[-1][0] == reverse("approvals:company")
        assert "企業情報を登録してください" in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_the_list_shows_only_the_users_own_applications(client, draft, other_company):
    other = factories.make_application(other_company, theme="小田原の和菓子の通信販売")
    client.force_login(draft.created_by)
    page = client.get(reverse("approvals:application-list")).content.decode()
    assert draft.reference in page
    assert other.reference not in page
    assert "新しい計画を作成" in page


@pytest.mark.django_db
def test_opening_the_new_plan_address_shows_the_list_and_creates_nothing(client, applicant, draft):
    """A GET (bookmark, reload, the way back after a login) is not a blank 405."""
    client.force_login(applicant)
    response = client.get("/portal/applications/new/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [("/portal/applications/", 302)]
    assert Application.objects.filter(company=draft.company).count() == 1
