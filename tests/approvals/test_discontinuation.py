"""廃止: the firm ends its approved plan, through the API and the portal (DOMAIN.md §10)."""

from datetime import timedelta

import pytest
from django.urls import reverse

from approvals.constants import Action, Status
from approvals.ending import plan_ended
from approvals.models import Application
from tests.api.conftest import client_for
from tests.documents.conftest import decide


@pytest.fixture
def approved(draft, applicant, staff):
    return decide(draft, applicant, staff)


def _url(application):
    return f"/api/v1/applications/{application.pk}/discontinue/"


def _post(user, application, **body):
    return client_for(user).post(_url(application), body, format="json")


@pytest.mark.django_db
def test_the_firm_discontinues_its_approved_plan_through_the_api(approved, applicant):
    approved_on = approved.approval.approved_on
    received = []
    plan_ended.connect(lambda **kw: received.append(kw["status"]), weak=False, dispatch_uid="t")
    try:
        response = _post(
            applicant, approved, reason="事業環境の変化により", effective_on=str(approved_on)
        )
    finally:
        plan_ended.disconnect(dispatch_uid="t")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "discontinued"
    application = Application.objects.get(pk=approved.pk)
    assert application.status == Status.DISCONTINUED
    assert application.ended_on == approved_on
    entry = application.history.get(action=Action.DISCONTINUE)
    assert entry.comment == "事業環境の変化により" and entry.actor == applicant
    assert received == [Status.DISCONTINUED]
    # The applicant reads their own reason in the history.
    history = client_for(applicant).get(f"/api/v1/applications/{approved.pk}/history/").json()
    rows = history["results"] if isinstance(history, dict) else history
    assert any(r.get("comment") == "事業環境の変化により" for r in rows)


@pytest.mark.django_db
def test_the_date_may_not_be_before_the_approval_nor_in_the_future(approved, applicant):
    approved_on = approved.approval.approved_on
    for day in (approved_on - timedelta(days=1), approved_on + timedelta(days=400)):
        response = _post(applicant, approved, reason="理由", effective_on=str(day))
        assert response.status_code == 400
        assert "effective_on" in response.json()["errors"]
    response = _post(applicant, approved, reason="  ", effective_on=str(approved_on))
    assert response.status_code == 400 and "reason" in response.json()["errors"]
    response = _post(applicant, approved, reason="理由")
    assert response.status_code == 400 and "effective_on" in response.json()["errors"]
    assert Application.objects.get(pk=approved.pk).status == Status.APPROVED


@pytest.mark.django_db
def test_only_an_approved_plan_can_be_discontinued(draft, applicant):
    response = _post(applicant, draft, reason="理由", effective_on="2026-01-01")
    assert response.status_code == 409
    assert Application.objects.get(pk=draft.pk).status == Status.DRAFT


@pytest.mark.django_db
def test_twice_is_a_conflict(approved, applicant):
    day = str(approved.approval.approved_on)
    assert _post(applicant, approved, reason="理由", effective_on=day).status_code == 200
    assert _post(applicant, approved, reason="理由", effective_on=day).status_code == 409


@pytest.mark.django_db
def test_another_company_gets_404_and_staff_403(approved, other_applicant, other_company, staff):
    day = str(approved.approval.approved_on)
    assert _post(other_applicant, approved, reason="理由", effective_on=day).status_code == 404
    assert _post(staff["approver"], approved, reason="理由", effective_on=day).status_code == 403
    assert Application.objects.get(pk=approved.pk).status == Status.APPROVED


@pytest.mark.django_db
def test_the_portal_offers_discontinuation_and_then_shows_it(approved, applicant, browser_for):
    client = browser_for(applicant)
    detail = reverse("approvals:application-detail", args=[approved.pk])
    page_url = reverse("approvals:application-discontinue", args=[approved.pk])
    html = client.get(detail).content.decode()
    assert "計画を廃止する" in html and page_url in html
    assert client.get(page_url).status_code == 200
    approved_on = approved.approval.approved_on
    day_before = approved_on - timedelta(days=1)
    response = client.post(page_url, {"reason": "理由", "effective_on": str(day_before)})
    assert response.status_code == 200
    assert "承認日" in response.content.decode()
    assert Application.objects.get(pk=approved.pk).status == Status.APPROVED
    response = client.post(page_url, {"reason": "事業の終了", "effective_on": str(approved_on)})
    assert response.status_code == 302
    html = client.get(detail).content.decode()
    assert "廃止の日" in html and "計画を廃止する" not in html
    assert Application.objects.get(pk=approved.pk).ended_on == approved_on
    # Once ended, the page is not offered again.
    assert client.get(page_url).status_code == 302


@pytest.mark.django_db
def test_the_portal_page_is_not_for_a_draft_nor_another_company(
    draft, approved, other_applicant, other_company, browser_for
):
    url = reverse("approvals:application-discontinue", args=[approved.pk])
    assert browser_for(other_applicant).get(url).status_code == 404


@pytest.mark.django_db
def test_staff_see_the_status(approved, applicant, staff, browser_for):
    day = str(approved.approval.approved_on)
    assert _post(applicant, approved, reason="理由", effective_on=day).status_code == 200
    data = client_for(staff["intake"]).get(f"/api/v1/applications/{approved.pk}/").json()
    assert data["status"] == "discontinued" and data["status_display"] == "廃止"


@pytest.mark.django_db
def test_staff_pages_show_the_discontinued_plan(approved, applicant, staff, browser_for):
    day = str(approved.approval.approved_on)
    assert _post(applicant, approved, reason="理由", effective_on=day).status_code == 200
    client = browser_for(staff["intake"])
    response = client.get(reverse("staff:application:archive"))
    assert response.status_code == 200
    html = response.content.decode()
    assert approved.reference in html and "廃止" in html


@pytest.mark.django_db
def test_the_approval_notice_stays_downloadable_byte_for_byte_after_discontinuation(
    approved, applicant
):
    from documents.issued import notices

    notices.notice_issue(application_id=approved.pk)
    client = client_for(applicant)
    url = f"/api/v1/applications/{approved.pk}/notice/"
    before = b"".join(client.get(url).streaming_content)
    day = str(approved.approval.approved_on)
    assert _post(applicant, approved, reason="理由", effective_on=day).status_code == 200
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == before
