"""The Django admin: the authority is edited there; applications and decisions only read."""

import pytest
from django.urls import reverse

from approvals.models import Authority
from tests import factories
from workflow import services

# The authority's change form as the admin posts it, with no closure day.
AUTHORITY_FORM = {
    "prefecture": "神奈川県",
    "governor_title": "神奈川県知事",
    "governor_name": "山田 太郎",
    "number_format": "{series}第{seq}号",
    "approval_series": "経革",
    "refusal_series": "経革不",
    "hearing_series": "経革聴",
    "revocation_series": "経革取",
    "standard_processing_days": "30",
    "standard_processing_days_change": "30",
    "closure_days-TOTAL_FORMS": "0",
    "closure_days-INITIAL_FORMS": "0",
}


@pytest.fixture
def admin_client(client, db):
    client.force_login(factories.make_user("admin", username="root"))
    return client


@pytest.mark.django_db
def test_the_admin_pages_open(admin_client, draft, applicant):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    for name in (
        "company",
        "application",
        "applicationversion",
        "approval",
        "refusal",
        "authority",
    ):
        assert admin_client.get(reverse(f"admin:approvals_{name}_changelist")).status_code == 200
    page = admin_client.get(reverse("admin:approvals_application_change", args=[draft.pk]))
    assert page.status_code == 200
    assert draft.reference in page.content.decode()
    assert "submit" in page.content.decode()  # the history inline


@pytest.mark.django_db
def test_applications_are_read_only_in_the_admin(admin_client, draft):
    url = reverse("admin:approvals_application_change", args=[draft.pk])
    admin_client.post(url, {"status": "approved"})
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert admin_client.get(reverse("admin:approvals_application_add")).status_code == 403


@pytest.mark.django_db
def test_the_governor_and_the_number_format_are_edited_in_the_admin(admin_client):
    authority = Authority.current()
    url = reverse("admin:approvals_authority_change", args=[authority.pk])
    data = {**AUTHORITY_FORM, "number_format": "{series}第{fy}-{seq}号"}
    assert admin_client.post(url, data).status_code == 302
    authority.refresh_from_db()
    assert (authority.governor_name, authority.number_format) == (
        "山田 太郎",
        "{series}第{fy}-{seq}号",
    )
    bad = admin_client.post(url, {**data, "number_format": "経革第号"})
    assert bad.status_code == 200 and "{seq}" in bad.content.decode()
    # Approvals and refusals are numbered apart: the format must tell them apart.
    bad = admin_client.post(url, {**data, "number_format": "経革第{seq}号"})
    assert bad.status_code == 200 and "{series}" in bad.content.decode()
    same = admin_client.post(url, {**data, "refusal_series": "経革"})
    assert same.status_code == 200 and "別の記号" in same.content.decode()


@pytest.mark.django_db
def test_closure_days_and_the_change_period_are_edited_with_the_authority(admin_client):
    """The administrator adds a closure day and sets the change period on the authority's page;
    the same day twice is a form error, not a 500."""
    authority = Authority.current()
    url = reverse("admin:approvals_authority_change", args=[authority.pk])
    data = {
        **AUTHORITY_FORM,
        "standard_processing_days": "35",
        "standard_processing_days_change": "20",
        "closure_days-TOTAL_FORMS": "1",
        "closure_days-0-date": "2027-06-29",
        "closure_days-0-reason": "庁舎の電気設備点検",
    }
    assert admin_client.post(url, data).status_code == 302
    authority.refresh_from_db()
    assert authority.processing_days("change") == 20
    assert authority.processing_days("new") == 35
    assert [(str(d.date), d.reason) for d in authority.closure_days.all()] == [
        ("2027-06-29", "庁舎の電気設備点検")
    ]
    again = admin_client.post(url, data)
    assert again.status_code == 200
    assert "この日はすでに閉庁日として登録されています。" in again.content.decode()
    assert authority.closure_days.count() == 1


@pytest.mark.django_db
def test_the_after_approval_records_are_read_in_the_admin(admin_client, client, draft, applicant):
    """A revocation case, its plan's change approvals, follow-ups and particulars reports have
    read-only pages for the administrator, and none for policy staff (no firm data)."""
    from tests.approvals.test_revocation import open_case
    from tests.documents.conftest import decide

    staff = {role: factories.make_user(role) for role in ("intake", "reviewer", "approver")}
    plan = decide(draft, applicant, staff)
    case = open_case(plan, staff["intake"])
    for name in ("changeapproval", "companyreport", "followup", "revocationcase"):
        assert admin_client.get(reverse(f"admin:approvals_{name}_changelist")).status_code == 200
    url = reverse("admin:approvals_revocationcase_change", args=[case.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and case.hearing_place in page.content.decode()
    admin_client.post(url, {"hearing_place": "別の場所"})
    case.refresh_from_db()
    assert case.hearing_place == "県庁本庁舎3階 第1会議室"
    client.force_login(factories.make_user("policy", username="planner"))
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(url).status_code == 403
    assert client.get(reverse("admin:approvals_followup_changelist")).status_code == 403


@pytest.mark.django_db
def test_the_notice_series_must_differ_from_every_other_series(admin_client):
    authority = Authority.current()
    url = reverse("admin:approvals_authority_change", args=[authority.pk])
    data = AUTHORITY_FORM
    for clash in ({"hearing_series": "経革"}, {"revocation_series": "経革聴"}):
        response = admin_client.post(url, {**data, **clash})
        assert response.status_code == 200
        assert "聴聞通知と承認取消通知には" in response.content.decode()
    assert admin_client.post(url, data).status_code == 302
    authority.refresh_from_db()
    assert (authority.hearing_series, authority.revocation_series) == ("経革聴", "経革取")
