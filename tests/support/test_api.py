"""The API of support bodies (API.md "Support bodies"): the firm grants and revokes; a
delegate sees only the firms that delegated to it, acts within its scopes (403 beyond) and
never reaches another firm's application, tasks, attachments, notice or history (404)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from approvals.constants import Status
from approvals.models import Application, Authority, Delegation, SupportOrganisation
from tests import factories
from tests.api.conftest import client_for
from tests.support.conftest import grant, make_delegate
from workflow import services

DELEGATIONS = "/api/v1/company/delegations/"


def in_days(n: int) -> str:
    return (timezone.localdate() + timedelta(days=n)).isoformat()


@pytest.mark.django_db
def test_the_firm_grants_lists_and_revokes(client_a, delegate):
    response = client_a.post(
        DELEGATIONS,
        {"username": delegate.username, "scopes": ["edit"], "valid_to": in_days(30)},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["scopes"] == ["view", "edit"] and body["active"] is True
    assert body["organisation"]["name"] == "横須賀商工会"
    assert body["power_of_attorney"] is None
    listed = client_a.get(DELEGATIONS).json()
    assert listed["count"] == 1 and listed["results"][0]["id"] == body["id"]

    gone = client_a.delete(f"{DELEGATIONS}{body['id']}/")
    assert gone.status_code == 200
    assert gone.json()["revoked_at"] is not None and gone.json()["active"] is False
    stored = Delegation.objects.get(pk=body["id"])  # the row stays
    assert stored.revoked_at is not None
    assert client_a.get(DELEGATIONS).json()["count"] == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        (
            {"username": "nobody@example.jp"},
            "username",
            "支援機関の担当者「nobody@example.jp」が見つかりません",
        ),
        ({"username": "applicant-b@example.jp"}, "username", "が見つかりません"),
        ({"scopes": ["view", "fly"]}, "scopes", "「fly」は権限の種類にありません"),
        ({"scopes": []}, "scopes", "1つ以上選んでください"),
        ({"valid_to": "2001-01-01"}, "valid_to", "過去の日付は指定できません"),
        ({"valid_to": in_days(3000)}, "valid_to", "3年以内"),
        ({"scopes": ["submit"]}, "scopes", "「提出」は中小企業支援センター"),
    ],
)
def test_a_bad_grant_is_400_with_a_clear_message(
    client_a, delegate, other_applicant, payload, field, message, db
):
    SupportOrganisation.objects.filter(pk=delegate.support_membership.organisation_id).update(
        kind="support_centre"
    )
    Authority.objects.update_or_create(pk=1, defaults={"submit_kinds": ["gyoseishoshi"]})
    data = {"username": delegate.username, "scopes": ["view"], "valid_to": in_days(10)} | payload
    response = client_a.post(DELEGATIONS, data, format="json")
    assert response.status_code == 400, response.json()
    assert any(message in m for m in response.json()["errors"][field]), response.json()
    assert not Delegation.objects.exists()


@pytest.mark.django_db
def test_submit_needs_the_letter_and_a_kind_the_authority_allows(client_a, delegate, shoshi):
    # A 行政書士 may submit, but only with a 委任状.
    data = {"username": shoshi.username, "scopes": ["view", "submit"], "valid_to": in_days(10)}
    response = client_a.post(DELEGATIONS, data, format="json")
    assert response.status_code == 400
    assert "委任状を添付してください" in response.json()["errors"]["power_of_attorney"][0]
    response = client_a.post(
        DELEGATIONS,
        {**data, "power_of_attorney": factories.pdf_upload("委任状.pdf")},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["scopes"] == ["view", "submit"]
    assert response.json()["power_of_attorney"]["filename"] == "委任状.pdf"
    # A bank may not (not in the authority's list), with or without a letter.
    bank = SupportOrganisation.objects.create(kind="bank", name="湘南信用金庫")
    banker = make_delegate(bank, "banker@example.jp")
    response = client_a.post(
        DELEGATIONS,
        {**data, "username": banker.username, "power_of_attorney": factories.pdf_upload()},
        format="multipart",
    )
    assert response.status_code == 400
    assert "「提出」は金融機関には委任できません" in response.json()["errors"]["scopes"][0]
    # A letter that is not a PDF or an image is refused as an attachment would be.
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("委任状.pdf", b"not a pdf", content_type="application/pdf")
    Delegation.objects.update(revoked_at=timezone.now())
    response = client_a.post(DELEGATIONS, {**data, "power_of_attorney": fake}, format="multipart")
    assert response.status_code == 400 and response.json()["errors"]["power_of_attorney"]


@pytest.mark.django_db
def test_only_the_firm_manages_its_delegations(delegate, client_b, company, applicant):
    delegation = grant(company, applicant, delegate, ["view"])
    as_delegate = client_for(delegate)
    assert as_delegate.get(DELEGATIONS).status_code == 403
    assert as_delegate.delete(f"{DELEGATIONS}{delegation.pk}/").status_code == 403
    # Another firm: not found.
    assert client_b.delete(f"{DELEGATIONS}{delegation.pk}/").status_code == 404
    assert client_b.get(f"{DELEGATIONS}{delegation.pk}/").status_code == 404
    assert Delegation.objects.get(pk=delegation.pk).revoked_at is None


@pytest.mark.django_db
def test_a_delegate_lists_only_the_firms_that_delegated(delegated, delegate, draft, other_company):
    b = factories.make_application(other_company, other_company.members.first())
    as_delegate = client_for(delegate)
    assert as_delegate.get("/api/v1/applications/").json()["count"] == 0
    delegated("view")
    listed = as_delegate.get("/api/v1/applications/").json()
    assert [a["id"] for a in listed["results"]] == [draft.pk]
    assert as_delegate.get(f"/api/v1/applications/{b.pk}/").status_code == 404
    me = as_delegate.get("/api/v1/me/").json()
    assert me["roles"] == ["support"] and me["company"] is None


@pytest.mark.django_db
def test_me_names_the_support_users_organisation_and_nobody_elses(
    delegate, shokokai, shoshi, applicant, intake_clerk
):
    me = client_for(delegate).get("/api/v1/me/").json()
    assert me["organisation"] == {
        "id": shokokai.pk,
        "name": "横須賀商工会",
        "kind": "shokokai",
        "region": "横須賀三浦",
        "registration_number": "",
    }
    office = client_for(shoshi).get("/api/v1/me/").json()["organisation"]
    assert (office["name"], office["kind"]) == ("港行政書士事務所", "gyoseishoshi")
    assert client_for(applicant).get("/api/v1/me/").json()["organisation"] is None
    assert client_for(intake_clerk).get("/api/v1/me/").json()["organisation"] is None


@pytest.mark.django_db
def test_a_support_user_whose_membership_was_removed_has_no_organisation(delegate):
    delegate.support_membership.delete()
    delegate.refresh_from_db()
    me = client_for(delegate).get("/api/v1/me/").json()
    assert me["roles"] == ["support"] and me["organisation"] is None


@pytest.mark.django_db
def test_a_delegate_edits_but_cannot_submit_without_the_scope(delegate, company, applicant, draft):
    as_delegate = client_for(delegate)
    url = f"/api/v1/applications/{draft.pk}/"
    delegation = grant(company, applicant, delegate, ["view"])
    assert as_delegate.patch(url, {"theme": "支援機関の案"}, format="json").status_code == 403
    from approvals.support.services import delegation_revoke

    delegation_revoke(delegation=delegation, actor=applicant)
    grant(company, applicant, delegate, ["view", "edit"])
    response = as_delegate.patch(url, {"theme": "支援機関の案"}, format="json")
    assert response.status_code == 200, response.json()
    assert Application.objects.get(pk=draft.pk).theme == "支援機関の案"
    submit = as_delegate.post(f"{url}submit/", {}, format="json")
    assert submit.status_code == 403
    assert Application.objects.get(pk=draft.pk).status == Status.DRAFT
    assert as_delegate.post(f"{url}withdraw/", {}, format="json").status_code == 403
    assert as_delegate.delete(url).status_code == 403
    assert as_delegate.post("/api/v1/applications/", {}, format="json").status_code == 403
    upload = as_delegate.post(
        f"{url}attachments/",
        {"kind": "other", "file": factories.pdf_upload("資料.pdf")},
        format="multipart",
    )
    assert upload.status_code == 201, upload.json()


@pytest.mark.django_db
def test_a_delegate_submits_with_the_scope_and_history_says_on_whose_behalf(
    shoshi, company, applicant, draft
):
    grant(company, applicant, shoshi, ["view", "edit", "submit"])
    as_delegate = client_for(shoshi)
    url = f"/api/v1/applications/{draft.pk}/"
    response = as_delegate.post(f"{url}submit/", {}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "submitted"
    rows = as_delegate.get(f"{url}history/").json()["results"]
    submitted = [r for r in rows if r["action"] == "submit"][0]
    assert submitted["on_behalf_of"] == company.name
    assert submitted["on_behalf_of_id"] == company.pk
    assert "港行政書士事務所" in submitted["actor"]
    created = [r for r in rows if r["action"] == "create"][0]
    assert created["on_behalf_of"] is None
    # The firm and staff read the same.
    firm_rows = client_for(applicant).get(f"{url}history/").json()["results"]
    assert [r["on_behalf_of"] for r in firm_rows if r["action"] == "submit"] == [company.name]
    intake = factories.make_user("intake", username="intake-x")
    staff_rows = client_for(intake).get(f"{url}history/").json()["results"]
    assert [r["on_behalf_of"] for r in staff_rows if r["action"] == "submit"] == [company.name]


@pytest.mark.django_db
def test_revocation_takes_effect_on_the_next_api_request(delegate, company, applicant, draft):
    delegation = grant(company, applicant, delegate, ["view", "edit"])
    as_delegate = client_for(delegate)
    url = f"/api/v1/applications/{draft.pk}/"
    assert as_delegate.get(url).status_code == 200
    assert client_for(applicant).delete(f"{DELEGATIONS}{delegation.pk}/").status_code == 200
    assert as_delegate.get(url).status_code == 404
    assert as_delegate.patch(url, {"theme": "x"}, format="json").status_code == 404
    assert as_delegate.get("/api/v1/applications/").json()["count"] == 0


@pytest.mark.django_db
def test_a_delegate_never_reaches_another_firms_tasks_files_notice_or_history(
    delegate, company, applicant, draft, other_company, other_applicant, staff
):
    """B's approved plan with its notice and attachments, and a returned one with its
    correction task: none of it reaches A's delegate, who holds every scope from A."""
    from documents.issued import notices

    grant(company, applicant, delegate, ["view", "comment", "edit", "confirm", "correct"])
    b = factories.make_application(other_company, other_applicant)
    services.application_submit(application=b, actor=other_applicant, acknowledge_failures=False)
    for step, user, decision in (
        ("intake", staff["intake"], "accept"),
        ("review", staff["reviewer"], "recommend_approval"),
        ("decision", staff["approver"], "approve"),
    ):
        services.task_complete(
            task=services.open_task(b, step), user=user, decision=decision, comment="意見"
        )
    notices.notice_issue(application_id=b.pk)
    returned = factories.make_application(other_company, other_applicant)
    services.application_submit(
        application=returned, actor=other_applicant, acknowledge_failures=False
    )
    services.task_complete(
        task=services.open_task(returned, "intake"),
        user=staff["intake"],
        decision="return",
        comment="直してください",
        sections=["overview"],
    )
    correction = services.open_task(returned, "correction")
    attachment = b.attachments.first()
    as_delegate = client_for(delegate)
    for url in (
        f"/api/v1/applications/{b.pk}/",
        f"/api/v1/applications/{b.pk}/history/",
        f"/api/v1/applications/{b.pk}/versions/",
        f"/api/v1/applications/{b.pk}/attachments/",
        f"/api/v1/applications/{b.pk}/notice/",
        f"/api/v1/applications/{b.pk}/form.pdf",
        f"/api/v1/attachments/{attachment.pk}/",
        f"/api/v1/attachments/{attachment.pk}/download/",
        f"/api/v1/tasks/{correction.pk}/",
    ):
        response = as_delegate.get(url)
        assert response.status_code == 404, (url, response.status_code)
    browser = Client()
    browser.force_login(delegate)
    for url in (
        reverse("documents:notice-download", args=[b.pk]),
        reverse("documents:form-download", args=[b.pk]),
        reverse("documents:attachment-download", args=[attachment.pk]),
        reverse("approvals:application-detail", args=[returned.pk]),
        reverse("approvals:application-detail", args=[b.pk]),
        reverse("documents:attachment-list", args=[returned.pk]),
        reverse("workflow:application-submit", args=[returned.pk]),
    ):
        response = browser.get(url)
        assert response.status_code == 404, (url, response.status_code)
    done = as_delegate.post(
        f"/api/v1/tasks/{correction.pk}/complete/", {"decision": "resubmit"}, format="json"
    )
    assert done.status_code == 404
    tasks = as_delegate.get("/api/v1/tasks/?status=all").json()
    assert tasks["count"] == 0
    assert Application.objects.get(pk=returned.pk).status == Status.RETURNED


@pytest.mark.django_db
def test_a_delegate_with_correct_sees_and_answers_the_firms_correction_task(
    delegate, company, applicant, draft, staff
):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    services.task_complete(
        task=services.open_task(draft, "intake"),
        user=staff["intake"],
        decision="return",
        comment="直してください",
        sections=["overview"],
    )
    as_delegate = client_for(delegate)
    grant(company, applicant, delegate, ["view", "edit"])
    assert as_delegate.get("/api/v1/tasks/?status=open").json()["count"] == 0
    task = services.open_task(draft, "correction")
    refused = as_delegate.post(
        f"/api/v1/tasks/{task.pk}/complete/", {"decision": "resubmit"}, format="json"
    )
    assert refused.status_code == 403
    Delegation.objects.update(revoked_at=timezone.now())
    grant(company, applicant, delegate, ["view", "correct"])
    open_tasks = as_delegate.get("/api/v1/tasks/?status=open").json()
    assert [t["id"] for t in open_tasks["results"]] == [task.pk]
    done = as_delegate.post(
        f"/api/v1/tasks/{task.pk}/complete/",
        {"decision": "resubmit", "comment": "支援機関が補正しました"},
        format="json",
    )
    assert done.status_code == 200, done.json()
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    row = draft.history.get(action="resubmit")
    assert row.actor == delegate and row.on_behalf_of == company
