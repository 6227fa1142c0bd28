"""Attachments through the API: upload, list, download, delete (API.md), errors in the contract's
shape, another company's attachments absent (404), every download in the history."""

import hashlib
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.http import content_disposition_header

from approvals.models import HistoryEntry
from documents.models import Attachment
from tests import factories
from tests.api.conftest import client_for
from tests.factories import MINIMAL_PDF, pdf_bytes, pdf_upload
from workflow import services

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 300
JAPANESE_NAME = "決算書_令和7年度.pdf"


def _list_url(application) -> str:
    return f"/api/v1/applications/{application.pk}/attachments/"


def _upload(client, application, upload, kind="financials"):
    return client.post(_list_url(application), {"kind": kind, "file": upload}, format="multipart")


@pytest.fixture
def client_a(applicant, company):
    return client_for(applicant)


@pytest.fixture
def client_b(other_applicant, other_company):
    return client_for(other_applicant)


@pytest.fixture
def bare(company, applicant):
    return factories.make_application(company, applicant, attachments=False)


@pytest.fixture
def stored_files(settings):
    """The names of the files in the (test) storage folder, to prove nothing was stored."""
    from pathlib import Path

    root = Path(settings.MEDIA_ROOT)
    return lambda: sorted(p.name for p in root.rglob("*") if p.is_file())


def test_an_upload_answers_the_contract_fields(client_a, bare):
    response = _upload(client_a, bare, pdf_upload(JAPANESE_NAME))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert {"id", "kind", "filename", "size", "sha256", "uploaded_at"} <= set(body)
    assert body["kind"] == "financials"
    assert body["filename"] == JAPANESE_NAME
    assert body["size"] == len(MINIMAL_PDF)
    assert body["sha256"] == hashlib.sha256(MINIMAL_PDF).hexdigest()
    assert body["frozen_in_version"] is None
    listed = client_a.get(_list_url(bare)).json()
    assert listed["count"] == 1 and listed["results"][0]["id"] == body["id"]


def test_a_japanese_file_name_round_trips_through_the_download(client_a, bare):
    content = pdf_bytes("Reiwa 7")
    created = _upload(client_a, bare, SimpleUploadedFile(JAPANESE_NAME, content)).json()
    response = client_a.get(f"/api/v1/attachments/{created['id']}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition == content_disposition_header(True, JAPANESE_NAME)
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert unquote(disposition.split("''", 1)[1]) == JAPANESE_NAME


def test_a_download_answers_whatever_the_client_accepts(client_a, bare):
    created = _upload(client_a, bare, pdf_upload()).json()
    url = f"/api/v1/attachments/{created['id']}/download/"
    assert client_a.get(url, HTTP_ACCEPT="application/pdf").status_code == 200


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("決算書.pdf", ELF, content_type="application/pdf"),
            "PDF・PNG・JPEG 以外の形式は添付できません（ファイルの中身で判定しています）。",
        ),
        (
            SimpleUploadedFile("決算書.pdf", b"", content_type="application/pdf"),
            "ファイルが空です（0バイト）。中身のあるファイルを選んでください。",
        ),
        (
            SimpleUploadedFile("決算書.pdf", MINIMAL_PDF + b"\0" * (11 * 1024 * 1024)),
            "ファイルが大きすぎます。添付できるのは1ファイル10 MBまでです。",
        ),
    ],
    ids=["renamed-executable", "empty", "11MB"],
)
def test_bad_files_are_refused_with_a_clear_message_and_nothing_is_stored(
    client_a, bare, stored_files, upload, message
):
    before = stored_files()
    response = _upload(client_a, bare, upload)
    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == {"file": [message]}
    assert message in body["detail"]
    assert not Attachment.objects.exists()
    assert stored_files() == before


def test_a_missing_file_or_unknown_kind_is_a_400(client_a, bare):
    response = client_a.post(_list_url(bare), {"kind": "financials"}, format="multipart")
    assert response.status_code == 400 and "file" in response.json()["errors"]
    response = _upload(client_a, bare, pdf_upload(), kind="passport")
    assert response.status_code == 400 and "kind" in response.json()["errors"]


def test_too_many_files_in_one_request_is_a_clear_400(client_a, bare, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    files = [pdf_upload(f"{n}.pdf") for n in range(3)]
    response = client_a.post(_list_url(bare), {"kind": "other", "file": files}, format="multipart")
    assert response.status_code == 400
    assert "ファイルを分けて" in response.json()["errors"]["file"][0]
    assert not Attachment.objects.exists()


def test_another_companys_attachments_are_404_for_b(client_a, client_b, bare):
    created = _upload(client_a, bare, pdf_upload()).json()
    pk = created["id"]
    assert client_b.get(_list_url(bare)).status_code == 404
    assert _upload(client_b, bare, pdf_upload()).status_code == 404
    assert client_b.get(f"/api/v1/attachments/{pk}/").status_code == 404
    download = client_b.get(f"/api/v1/attachments/{pk}/download/")
    assert download.status_code == 404
    assert download.json() == {"detail": "見つかりません。", "errors": {}}
    assert client_b.delete(f"/api/v1/attachments/{pk}/").status_code == 404
    assert Attachment.objects.filter(pk=pk).exists()
    assert not HistoryEntry.objects.filter(action="download_attachment").exists()


def test_staff_download_submitted_attachments_and_each_staff_download_is_recorded(
    client_a, draft, applicant, intake_clerk
):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    staff = client_for(intake_clerk)
    listed = staff.get(_list_url(draft)).json()["results"]
    assert len(listed) == 4
    url = f"/api/v1/attachments/{listed[0]['id']}/download/"
    for client in (staff, staff, client_a):
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == MINIMAL_PDF
    rows = draft.history.filter(action="download_attachment").order_by("pk")
    # The applicant's own download of their own file does not clutter the history.
    assert [r.actor for r in rows] == [intake_clerk, intake_clerk]
    assert all(r.step == "intake" and listed[0]["filename"] in r.comment for r in rows)


def test_staff_do_not_see_drafts_nor_change_attachments(draft, intake_clerk, applicant):
    staff = client_for(intake_clerk)
    attachment = draft.attachments.first()
    assert staff.get(_list_url(draft)).status_code == 404
    assert staff.get(f"/api/v1/attachments/{attachment.pk}/download/").status_code == 404
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    assert _upload(staff, draft, pdf_upload()).status_code == 403
    assert staff.delete(f"/api/v1/attachments/{attachment.pk}/").status_code == 403


def test_delete_while_editable_then_409_once_frozen(client_a, draft, applicant):
    extra = _upload(client_a, draft, pdf_upload("余分.pdf"), kind="other").json()
    assert client_a.delete(f"/api/v1/attachments/{extra['id']}/").status_code == 204
    assert not Attachment.objects.filter(pk=extra["id"]).exists()

    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    frozen = draft.attachments.first()
    response = client_a.delete(f"/api/v1/attachments/{frozen.pk}/")
    assert response.status_code == 409
    assert "第1版として提出した添付書類は削除できません" in response.json()["detail"]
    assert Attachment.objects.filter(pk=frozen.pk).exists()
    response = _upload(client_a, draft, pdf_upload("後から.pdf"), kind="other")
    assert response.status_code == 409
    assert "添付書類を追加・削除できません" in response.json()["detail"]


def test_during_correction_delete_withdraws_a_submitted_file(
    client_a, draft, applicant, intake_clerk
):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    services.task_complete(
        task=services.open_task(draft, "intake"),
        user=intake_clerk,
        decision="return",
        comment="差替えを",
    )
    frozen = draft.attachments.get(kind="articles")
    response = client_a.delete(f"/api/v1/attachments/{frozen.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert (body["frozen_in_version"], body["withdrawn_in_version"]) == (1, 2)
    assert client_a.get(f"/api/v1/attachments/{frozen.pk}/").json()["withdrawn_in_version"] == 2


def test_submission_through_the_api_lists_the_missing_kinds(client_a, bare):
    response = client_a.post(
        f"/api/v1/applications/{bare.pk}/submit/", {"acknowledge_failures": False}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["errors"]["non_field_errors"] == [
        "添付書類: 定款を添付してください。",
        "添付書類: 決算書を直近2期分添付してください（2件以上、現在0件）。",
        "添付書類: 履歴事項全部証明書を添付してください。",
    ]
