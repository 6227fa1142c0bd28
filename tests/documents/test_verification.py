"""The public verification of an approval (照合): page and API, the code, the notice's QR."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from approvals.constants import ApplicationKind, Status
from approvals.models import Application, Approval
from approvals.verification import new_verify_code
from documents.issued import notices
from tests.api.conftest import client_for
from tests.documents import pdfcheck
from tests.documents.conftest import decide


@pytest.fixture
def issued(draft, applicant, staff):
    """An approved application with its notice issued."""
    application = decide(draft, applicant, staff)
    document = notices.notice_issue(application_id=application.pk)
    return Application.objects.get(pk=application.pk), document


def _api(code):
    return client_for(None).get(f"/api/v1/verify/{code}/")


@pytest.mark.django_db
def test_anyone_verifies_an_approval_by_its_code_without_signing_in(issued):
    application, document = issued
    approval = application.approval
    response = _api(approval.verify_code)
    assert response.status_code == 200
    assert response.json() == {
        "number": approval.number,
        "approved_on": approval.approved_on.isoformat(),
        "company": application.company.name,
        "theme": application.theme,
        "status": "valid",
        "sha256": document.sha256,
    }
    page = Client().get(f"/verify/{approval.verify_code}/")
    assert page.status_code == 200
    html = page.content.decode()
    for expected in (approval.number, application.company.name, application.theme, "有効"):
        assert expected in html
    assert document.sha256 in html
    # The era date of the approval, and nothing else of the plan (no reference, no figures).
    assert "令和" in html
    assert application.reference not in html


@pytest.mark.django_db
def test_the_status_follows_the_plan_changed_discontinued_revoked(issued, applicant):
    application, _document = issued
    code = application.approval.verify_code
    Application.objects.create(
        company=application.company,
        created_by=applicant,
        kind=ApplicationKind.CHANGE,
        changes=application,
        status=Status.APPROVED,
    )
    assert _api(code).json()["status"] == "changed"
    assert "計画の変更が承認されています" in Client().get(f"/verify/{code}/").content.decode()
    for status, shown in ((Status.DISCONTINUED, "廃止"), (Status.REVOKED, "取消し")):
        Application.objects.filter(pk=application.pk).update(status=status)
        assert _api(code).json()["status"] == status
        assert shown in Client().get(f"/verify/{code}/").content.decode()


@pytest.mark.django_db
def test_a_change_not_yet_approved_leaves_the_approval_valid(issued, applicant):
    application, _document = issued
    Application.objects.create(
        company=application.company,
        created_by=applicant,
        kind=ApplicationKind.CHANGE,
        changes=application,
        status=Status.DRAFT,
    )
    assert _api(application.approval.verify_code).json()["status"] == "valid"


@pytest.mark.django_db
def test_an_unknown_code_is_a_404(issued):
    response = _api("x" * 22)
    assert response.status_code == 404
    assert "detail" in response.json() or "errors" in response.json()
    page = Client().get("/verify/" + "x" * 22 + "/")
    assert page.status_code == 404
    assert "ページが見つかりません" in page.content.decode()


@pytest.mark.django_db
def test_the_code_is_random_long_and_not_derived_from_the_id_or_number(issued):
    application, _document = issued
    approval = application.approval
    code = approval.verify_code
    assert re.fullmatch(r"[A-Za-z0-9_-]{22,}", code)
    assert str(approval.pk) != code and str(application.pk) not in (code,)
    assert approval.number not in code and str(approval.sequence) != code
    codes = {new_verify_code() for _ in range(1000)}
    assert len(codes) == 1000
    assert Approval._meta.get_field("verify_code").unique


@pytest.mark.django_db
def test_the_application_api_gives_the_verify_url(issued, applicant, settings):
    application, _document = issued
    settings.KAKUSHIN_SITE_URL = "https://kakushin.pref.example.jp"
    data = client_for(applicant).get(f"/api/v1/applications/{application.pk}/").json()
    code = application.approval.verify_code
    assert data["approval"]["verify_url"] == f"https://kakushin.pref.example.jp/verify/{code}/"
    assert reverse("documents:verify", kwargs={"code": code}) == f"/verify/{code}/"


@pytest.mark.django_db
def test_the_notice_carries_the_verify_url_and_a_qr_code(issued, settings):
    application, _document = issued
    settings.KAKUSHIN_SITE_URL = "https://kakushin.pref.example.jp"
    data = notices.notice_pdf(application)
    code = application.approval.verify_code
    assert f"kakushin.pref.example.jp/verify/{code}/" in pdfcheck.text(data)
    images = {x.idnum: x.get_object() for x in pdfcheck.image_xobjects(data)}
    assert len(images) == 1
    (qr,) = images.values()
    assert qr["/Width"] == qr["/Height"]
    assert len(pdfcheck.reader(data).pages) == 1


@pytest.mark.django_db
def test_the_refusal_notice_has_no_verification(draft, applicant, staff):
    refused = decide(draft, applicant, staff, approve=False, reasons="理由")
    data = notices.notice_pdf(refused)
    assert "/verify/" not in pdfcheck.text(data)
    assert pdfcheck.image_xobjects(data) == []


@pytest.mark.django_db
def test_the_migration_gives_existing_approvals_distinct_codes(issued):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("approvals.migrations.0022_approval_verify_code")
    application, _document = issued
    Approval.objects.filter(pk=application.approval.pk).update(verify_code="")
    migration.fill_codes(apps, None)
    code = Approval.objects.get(pk=application.approval.pk).verify_code
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", code)


@pytest.mark.django_db
def test_the_qr_code_is_the_verify_url(issued):
    """The image is the size segno gives the URL's QR code (a different text, a different size)."""
    import segno

    application, _document = issued
    data = notices.notice_pdf(application)
    url = notices.approval_notice(application).verify_url
    (qr,) = {x.idnum: x.get_object() for x in pdfcheck.image_xobjects(data)}.values()
    width, _height = segno.make(url, error="m").symbol_size(scale=4, border=2)
    assert qr["/Width"] == width
    assert url.endswith(f"/verify/{application.approval.verify_code}/")


@pytest.mark.django_db
def test_the_api_is_throttled_like_every_anonymous_request(issued, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setitem(AnonRateThrottle.THROTTLE_RATES, "anon", "3/min")
    code = issued[0].approval.verify_code
    statuses = [_api(code).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    # Guessing codes counts too.
    assert _api("y" * 22).status_code == 429
