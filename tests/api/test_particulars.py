"""Particulars reports (変更報告): after an approval, a new name, representative or address needs
evidence and is kept with the old particulars; issued notices keep their bytes."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from approvals.models import Company, CompanyReport
from documents.issued import notices
from tests.api.conftest import client_for
from tests.documents.conftest import decide
from tests.factories import MINIMAL_PDF


@pytest.fixture
def approved(draft, applicant, staff):
    application = decide(draft, applicant, staff)
    notices.notice_issue(application_id=application.pk)
    return application


def _profile(client) -> dict:
    data = client.get("/api/v1/company/").json()
    for key in ("id", "region", "created_at", "updated_at"):
        data.pop(key)
    return data


def _upload(client, content=MINIMAL_PDF, name="登記事項証明書.pdf"):
    return client.post(
        "/api/v1/company/evidence/",
        {"file": SimpleUploadedFile(name, content, content_type="application/pdf")},
        format="multipart",
    )


@pytest.mark.django_db
def test_a_new_name_after_approval_needs_evidence_and_nothing_is_saved_without(
    approved, applicant, company
):
    client = client_for(applicant)
    before = Company.objects.filter(pk=company.pk).values().get()
    response = client.put(
        "/api/v1/company/", {**_profile(client), "name": "株式会社新商号"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["evidence_attachment"]
    assert Company.objects.filter(pk=company.pk).values().get() == before
    assert not CompanyReport.objects.exists()


@pytest.mark.django_db
def test_with_evidence_the_change_is_saved_and_kept_in_the_history(approved, applicant, company):
    client = client_for(applicant)
    old_name = company.name
    upload = _upload(client)
    assert upload.status_code == 201, upload.json()
    evidence_id = upload.json()["id"]
    response = client.put(
        "/api/v1/company/",
        {
            **_profile(client),
            "name": "株式会社新商号",
            "address": "新町2-2",
            "evidence_attachment": evidence_id,
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert Company.objects.get(pk=company.pk).name == "株式会社新商号"
    history = client.get("/api/v1/company/history/").json()
    assert history["count"] == 1
    (report,) = history["results"]
    assert report["changes"]["name"] == {"before": old_name, "after": "株式会社新商号"}
    assert report["changes"]["address"]["after"] == "新町2-2"
    assert report["evidence"]["id"] == evidence_id
    assert report["evidence"]["sha256"] == hashlib.sha256(MINIMAL_PDF).hexdigest()
    # The evidence is used once: a second change cannot name it again.
    again = client.put(
        "/api/v1/company/",
        {**_profile(client), "name": "株式会社三番目", "evidence_attachment": evidence_id},
        format="json",
    )
    assert again.status_code == 400 and "evidence_attachment" in again.json()["errors"]


@pytest.mark.django_db
def test_evidence_is_checked_like_an_attachment(approved, applicant):
    client = client_for(applicant)
    response = _upload(client, content=b"MZ\x90\x00 not a pdf", name="x.pdf")
    assert response.status_code == 400 and "file" in response.json()["errors"]
    assert _upload(client, content=b"").status_code == 400


@pytest.mark.django_db
def test_a_phone_change_is_reported_without_evidence(approved, applicant, company):
    client = client_for(applicant)
    response = client.put(
        "/api/v1/company/", {**_profile(client), "phone": "045-999-9999"}, format="json"
    )
    assert response.status_code == 200, response.json()
    report = CompanyReport.objects.get()
    assert report.changes == {"phone": {"before": company.phone, "after": "045-999-9999"}}
    assert report.evidence is None


@pytest.mark.django_db
def test_before_an_approval_no_evidence_is_needed_and_no_report_made(draft, applicant, company):
    client = client_for(applicant)
    response = client.put(
        "/api/v1/company/", {**_profile(client), "name": "株式会社新商号"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert Company.objects.get(pk=company.pk).name == "株式会社新商号"
    assert not CompanyReport.objects.exists()


@pytest.mark.django_db
def test_an_issued_notice_keeps_its_bytes_after_a_particulars_report(approved, applicant):
    client = client_for(applicant)
    url = f"/api/v1/applications/{approved.pk}/notice/"
    before = hashlib.sha256(b"".join(client.get(url).streaming_content)).hexdigest()
    evidence_id = _upload(client).json()["id"]
    response = client.put(
        "/api/v1/company/",
        {**_profile(client), "name": "株式会社新商号", "evidence_attachment": evidence_id},
        format="json",
    )
    assert response.status_code == 200
    after_response = client.get(url)
    after = hashlib.sha256(b"".join(after_response.streaming_content)).hexdigest()
    assert after == before


@pytest.mark.django_db
def test_the_portal_company_form_asks_for_evidence_and_lists_the_reports(
    approved, applicant, company, browser_for
):
    from tests.portal.helpers import company_data

    client = browser_for(applicant)
    url = reverse("approvals:company")
    data = company_data(
        name=company.name,
        corporate_number=company.corporate_number,
        legal_form=company.legal_form,
        representative_title=company.representative_title,
        representative_name=company.representative_name,
        postal_code=company.postal_code,
        prefecture=company.prefecture,
        municipality=company.municipality,
        address=company.address,
        phone=company.phone,
        email=company.email,
        industry=company.industry,
        capital=str(company.capital or ""),
        employees=str(company.employees),
        fiscal_year_end_month=str(company.fiscal_year_end_month),
        founded_on=str(company.founded_on or ""),
        closed_fiscal_years=str(company.closed_fiscal_years),
    )
    assert "変更を証明する書類" in client.get(url).content.decode()
    response = client.post(url, {**data, "name": "株式会社新商号"})
    assert response.status_code == 200
    assert "履歴事項全部証明書" in response.content.decode()
    assert Company.objects.get(pk=company.pk).name == company.name
    evidence = SimpleUploadedFile("証明書.pdf", MINIMAL_PDF, content_type="application/pdf")
    response = client.post(url, {**data, "name": "株式会社新商号", "evidence_attachment": evidence})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Company.objects.get(pk=company.pk).name == "株式会社新商号"
    html = client.get(url).content.decode()
    assert "変更報告の履歴" in html and "株式会社新商号" in html and "証明書.pdf" in html


@pytest.mark.django_db
def test_unused_evidence_is_purged_after_the_grace_period_and_used_evidence_kept(
    approved, applicant, company, django_capture_on_commit_callbacks
):
    """An upload no report used goes (row and file) once older than --older-than days; one a
    report used stays, and so does a fresh unused one; --dry-run removes nothing."""
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from approvals.models import CompanyEvidence

    client = client_for(applicant)
    used_id = _upload(client).json()["id"]
    client.put(
        "/api/v1/company/",
        {**_profile(client), "name": "株式会社新商号", "evidence_attachment": used_id},
        format="json",
    )
    old_id = _upload(client, name="使わなかった.pdf").json()["id"]
    fresh_id = _upload(client, name="いま選んだ.pdf").json()["id"]
    eight_days_ago = timezone.now() - timedelta(days=8)
    CompanyEvidence.objects.filter(pk__in=[used_id, old_id]).update(uploaded_at=eight_days_ago)
    old = CompanyEvidence.objects.get(pk=old_id)
    storage, name = old.file.storage, old.file.name
    assert storage.exists(name)

    out = StringIO()
    call_command("purge_unused_evidence", "--dry-run", stdout=out)
    assert (
        "使わなかった.pdf" in out.getvalue() and "1 unused evidence files would" in out.getvalue()
    )
    assert CompanyEvidence.objects.filter(pk=old_id).exists() and storage.exists(name)

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_unused_evidence", stdout=out)
    assert "1 unused evidence files removed" in out.getvalue()
    assert set(CompanyEvidence.objects.values_list("pk", flat=True)) == {used_id, fresh_id}
    assert not storage.exists(name)
    (report,) = client.get("/api/v1/company/history/").json()["results"]
    assert report["evidence"]["id"] == used_id


@pytest.mark.django_db
def test_purge_refuses_a_grace_period_under_a_day(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="at least 1"):
        call_command("purge_unused_evidence", "--older-than", "0")
