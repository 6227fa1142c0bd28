"""Who may download a notice, how (portal, staff pages, API), and that each download is in the
history; the staff's view of a notice that failed, with its retry button."""

import pytest
from django.urls import reverse

from approvals.models import HistoryEntry
from documents import pdf
from documents.issued import notices
from documents.models import IssuedDocument
from tests import factories
from tests.api.conftest import client_for
from tests.documents import pdfcheck


def _portal_url(application):
    return reverse("documents:notice-download", args=[application.pk])


def _api_url(application):
    return f"/api/v1/applications/{application.pk}/notice/"


@pytest.fixture
def issued(approved):
    notices.notice_issue(application_id=approved.pk)
    return approved


@pytest.mark.django_db
def test_the_applicant_downloads_the_notice_without_a_history_row(client, applicant, issued):
    client.force_login(applicant)
    response = client.get(_portal_url(issued))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    assert "承認します。" in pdfcheck.text(data)
    assert not HistoryEntry.objects.filter(application=issued, action="download_notice").exists()


@pytest.mark.django_db
def test_another_company_gets_404_and_staff_may_download(client, issued, other_company, staff):
    client.force_login(other_company.members.get())
    assert client.get(_portal_url(issued)).status_code == 404
    assert client.get(_api_url(issued)).status_code == 404
    client.force_login(staff["intake"])
    assert client.get(_portal_url(issued)).status_code == 200
    assert HistoryEntry.objects.filter(
        application=issued, action="download_notice", actor=staff["intake"]
    ).exists()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client, issued):
    response = client.get(_portal_url(issued))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.django_db
def test_api_notice_is_404_until_issued_then_the_pdf(applicant, approved):
    api = client_for(applicant)
    response = api.get(_api_url(approved))
    assert response.status_code == 404
    assert set(response.json()) == {"detail", "errors"}
    notices.notice_issue(application_id=approved.pk)
    response = api.get(_api_url(approved), HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    document = IssuedDocument.objects.get(application=approved)
    assert data.startswith(b"%PDF") and len(data) == document.size
    assert not HistoryEntry.objects.filter(application=approved, action="download_notice").exists()


@pytest.mark.django_db
def test_api_errors_stay_json_when_the_client_asks_for_pdf(applicant, draft):
    response = client_for(applicant).get(_api_url(draft), HTTP_ACCEPT="application/pdf")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["errors"] == {}


@pytest.mark.django_db
def test_a_failed_notice_shows_to_staff_with_a_retry_button_that_issues_it(
    client, approved, staff, applicant, monkeypatch
):
    monkeypatch.setattr(pdf, "html_to_pdf", lambda *a, **k: 1 / 0)
    notices.notice_issue(application_id=approved.pk)
    monkeypatch.undo()
    process = approved.processes.get()
    page_url = reverse("staff:application:process_detail", args=[process.pk])
    client.force_login(staff["intake"])
    page = client.get(page_url).content.decode()
    assert "発行失敗" in page and "ZeroDivisionError" in page
    retry = reverse("documents:notice-retry", args=[approved.pk])
    assert retry in page

    response = client.post(retry, {"next": page_url})
    assert response.status_code == 302 and response["Location"] == page_url
    document = IssuedDocument.objects.get(application=approved)
    assert (document.state, document.attempts) == ("issued", 2)
    page = client.get(page_url).content.decode()
    assert "発行失敗" not in page and _portal_url(approved) in page
    assert HistoryEntry.objects.filter(application=approved, action="retry_notice").exists()


@pytest.mark.django_db
def test_only_staff_may_retry_and_only_by_post(client, approved, applicant, staff):
    retry = reverse("documents:notice-retry", args=[approved.pk])
    client.force_login(applicant)
    assert client.post(retry).status_code == 403
    client.force_login(staff["reviewer"])
    assert client.get(retry).status_code == 405
    response = client.post(retry, {"next": "https://evil.example/"})
    assert response.status_code == 302 and "evil" not in response["Location"]


@pytest.mark.django_db
def test_the_portal_page_links_the_notice_once_issued(client, applicant, approved):
    client.force_login(applicant)
    detail = reverse("approvals:application-detail", args=[approved.pk])
    page = client.get(detail).content.decode()
    assert _portal_url(approved) not in page
    assert "通知書は準備中です" in page and "発行失敗" not in page
    notices.notice_issue(application_id=approved.pk)
    page = client.get(detail).content.decode()
    assert _portal_url(approved) in page and "承認通知書（PDF）" in page


@pytest.mark.django_db
def test_a_refusal_notice_downloads_under_its_own_name(client, applicant, refused):
    notices.notice_issue(application_id=refused.pk)
    client.force_login(applicant)
    response = client.get(_portal_url(refused))
    assert response.status_code == 200
    assert "%E4%B8%8D%E6%89%BF%E8%AA%8D" in response["Content-Disposition"]  # 不承認


@pytest.mark.django_db
def test_a_user_without_a_company_gets_404(client, issued):
    client.force_login(factories.make_user("applicant"))
    assert client.get(_portal_url(issued)).status_code == 404
