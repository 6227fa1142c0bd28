"""Attachments as services see them: the upload check, names, what a submission needs, freezing.

Files are judged by content (PDF, PNG, JPEG), never by name; the size limit is read from the
upload's size before anything is read; the name the applicant gave is for display only.
"""

import hashlib
import io
import unicodedata

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, transaction

from approvals import services as approval_services
from approvals.errors import NotEditable, SubmissionBlocked
from approvals.models import Application, Company
from documents.attachments import selectors as attachment_selectors
from documents.attachments.services import (
    attachment_add,
    attachment_delete,
    attachment_restore,
    display_name,
    download_name,
)
from documents.errors import AttachmentFrozen, AttachmentRefused
from documents.models import Attachment
from tests import factories
from tests.factories import MINIMAL_PDF, image_bytes, pdf_upload
from workflow import services
from workflow.services import open_task

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
PNG = image_bytes("PNG")
JPEG = image_bytes("JPEG")

WRONG_TYPE = "PDF・PNG・JPEG 以外の形式は添付できません（ファイルの中身で判定しています）。"


def _add(application, upload, kind="financials"):
    return attachment_add(
        application=application, kind=kind, upload=upload, actor=application.created_by
    )


@pytest.fixture
def bare(company, applicant):
    """A complete plan without any attachment."""
    return factories.make_application(company, applicant, attachments=False)


# --- the upload check ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "content_type"),
    [(MINIMAL_PDF, "application/pdf"), (PNG, "image/png"), (JPEG, "image/jpeg")],
)
def test_pdf_png_and_jpeg_are_accepted_by_content(bare, content, content_type):
    attachment = _add(bare, SimpleUploadedFile("scan.bin", content))
    assert attachment.content_type == content_type
    assert attachment.size == len(content)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    with default_storage.open(attachment.file.name) as stored:
        assert stored.read() == content


def test_a_renamed_executable_is_refused_and_nothing_is_stored(bare):
    with pytest.raises(AttachmentRefused) as refused:
        _add(bare, SimpleUploadedFile("決算書.pdf", ELF, content_type="application/pdf"))
    assert refused.value.message == WRONG_TYPE
    assert not Attachment.objects.exists()


def test_an_empty_file_is_refused(bare):
    with pytest.raises(AttachmentRefused) as refused:
        _add(bare, SimpleUploadedFile("空.pdf", b""))
    assert "空" in refused.value.message
    assert not Attachment.objects.exists()


class _Unreadable(SimpleUploadedFile):
    def read(self, *args):
        raise AssertionError("the size must be judged before reading")

    def chunks(self, *args):
        raise AssertionError("the size must be judged before reading")


def test_a_file_over_the_limit_is_refused_from_its_size_before_reading(bare, settings):
    settings.KAKUSHIN_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
    upload = _Unreadable("大きい.pdf", b"%PDF-1.4\n")
    upload.size = 11 * 1024 * 1024
    with pytest.raises(AttachmentRefused) as refused:
        _add(bare, upload)
    assert refused.value.message == "ファイルが大きすぎます。添付できるのは1ファイル10 MBまでです。"
    assert not Attachment.objects.exists()


def test_the_limit_is_a_setting(bare, settings):
    settings.KAKUSHIN_MAX_UPLOAD_BYTES = len(MINIMAL_PDF) - 1
    with pytest.raises(AttachmentRefused, match="大きすぎます"):
        _add(bare, pdf_upload())
    settings.KAKUSHIN_MAX_UPLOAD_BYTES = len(MINIMAL_PDF)
    assert _add(bare, pdf_upload()).size == len(MINIMAL_PDF)


def test_an_unknown_kind_is_refused(bare):
    with pytest.raises(AttachmentRefused, match="種類"):
        _add(bare, pdf_upload(), kind="passport")


def test_the_file_is_stored_under_a_random_key_not_its_name(bare):
    first = _add(bare, pdf_upload("../../決算書.pdf"))
    second = _add(bare, pdf_upload("../../決算書.pdf"))
    assert first.file.name != second.file.name
    for attachment in (first, second):
        assert attachment.file.name.startswith("attachments/")
        assert "決算書" not in attachment.file.name and ".." not in attachment.file.name
        assert attachment.original_name == "決算書.pdf"


# --- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("C:\\Users\\経理\\決算書_令和7年度.pdf", "決算書_令和7年度.pdf"),
        ("/etc/passwd.pdf", "passwd.pdf"),
        (unicodedata.normalize("NFD", "がぎぐ.pdf"), "がぎぐ.pdf"),
        ("請求\u202etxt.pdf", "請求txt.pdf"),  # no right-to-left override
        ("  \x00 ", "添付ファイル"),
    ],
)
def test_display_names_lose_folders_and_control_characters_and_are_nfc(given, shown):
    assert display_name(given) == shown
    assert unicodedata.is_normalized("NFC", display_name(given))


def test_a_long_name_keeps_its_extension_within_255_characters():
    name = display_name("決" * 300 + ".pdf")
    assert len(name) == 255 and name.endswith(".pdf")


def test_the_download_name_gets_the_extension_of_the_real_type(bare):
    attachment = _add(bare, SimpleUploadedFile("スキャン", PNG))
    assert download_name(attachment) == "スキャン.png"
    assert download_name(_add(bare, pdf_upload("決算書.PDF"))) == "決算書.PDF"


# --- what a submission needs ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("legal_form", "closed", "required"),
    [
        ("kabushiki", 5, {"articles": 1, "financials": 2, "registry": 1}),
        ("godo", 1, {"articles": 1, "financials": 1, "registry": 1}),
        ("kabushiki", 0, {"articles": 1, "registry": 1}),
        ("sole", 3, {"residence": 1, "financials": 2}),
        ("sole", 1, {"residence": 1, "financials": 1}),
    ],
)
def test_required_attachments_by_legal_form_and_closed_years(legal_form, closed, required):
    company = Company(legal_form=legal_form, closed_fiscal_years=closed)
    assert attachment_selectors.required_attachments(company) == required


def test_submission_is_blocked_listing_every_missing_kind(bare, applicant):
    _add(bare, pdf_upload("決算書_令和6年度.pdf"))
    with pytest.raises(SubmissionBlocked) as blocked:
        services.application_submit(application=bare, actor=applicant, acknowledge_failures=False)
    assert blocked.value.reasons == [
        "添付書類: 定款を添付してください。",
        "添付書類: 決算書を直近2期分添付してください（2件以上、現在1件）。",
        "添付書類: 履歴事項全部証明書を添付してください。",
    ]
    assert Application.objects.get(pk=bare.pk).status == "draft"


def test_a_sole_proprietor_needs_the_residence_certificate_not_the_registry(applicant):
    company = factories.make_company(applicant, legal_form="sole", capital=None)
    application = factories.make_application(company, applicant, attachments=False)
    assert attachment_selectors.missing_attachments(application) == [
        "添付書類: 住民票（個人事業主）を添付してください。",
        "添付書類: 決算書を直近2期分添付してください（2件以上、現在0件）。",
    ]
    factories.attach_required(application)
    assert attachment_selectors.missing_attachments(application) == []


def test_the_plans_own_blockers_come_with_the_missing_attachments(company, applicant):
    application = factories.make_application(company, applicant, complete=False)
    with pytest.raises(SubmissionBlocked) as blocked:
        services.application_submit(
            application=application, actor=applicant, acknowledge_failures=False
        )
    reasons = blocked.value.reasons
    assert "テーマを入力してください。" in reasons
    assert "添付書類: 定款を添付してください。" in reasons


# --- freezing with the version -------------------------------------------------------------


def test_submission_freezes_the_attachments_and_they_cannot_be_deleted(draft, applicant):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    attachments = list(draft.attachments.all())
    assert attachments and {a.frozen_in_version for a in attachments} == {1}
    with pytest.raises(AttachmentFrozen, match="第1版として提出した添付書類は削除できません"):
        attachment_delete(attachment=attachments[0], actor=applicant)
    assert draft.attachments.count() == len(attachments)


def test_during_correction_new_files_are_added_and_frozen_into_the_next_version(
    draft, applicant, intake_clerk
):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    with pytest.raises(NotEditable):
        _add(draft, pdf_upload("追加.pdf"), kind="other")
    services.task_complete(
        task=open_task(draft, "intake"), user=intake_clerk, decision="return", comment="補足を"
    )
    draft.refresh_from_db()
    added = _add(draft, pdf_upload("追加資料.pdf"), kind="other")
    frozen = draft.attachments.exclude(pk=added.pk).first()

    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    added.refresh_from_db()
    frozen.refresh_from_db()
    assert (frozen.frozen_in_version, added.frozen_in_version) == (1, 2)
    assert frozen.withdrawn_in_version is None


def _returned(draft, applicant, intake_clerk):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    services.task_complete(
        task=open_task(draft, "intake"), user=intake_clerk, decision="return", comment="差替えを"
    )
    draft.refresh_from_db()
    return draft


def test_during_correction_a_frozen_file_is_withdrawn_from_the_next_version_only(
    draft, applicant, intake_clerk, django_capture_on_commit_callbacks
):
    _returned(draft, applicant, intake_clerk)
    old = draft.attachments.get(kind="financials", original_name="financials-1.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn = attachment_delete(attachment=old, actor=applicant)
    assert withdrawn.withdrawn_in_version == 2
    # Never deleted: the row and the stored file stay, for version 1.
    old.refresh_from_db()
    assert (old.frozen_in_version, old.withdrawn_in_version) == (1, 2)
    assert default_storage.exists(old.file.name)
    assert old in Attachment.objects.in_version(1)
    assert old not in draft.attachments.current()
    entry = draft.history.get(action="withdraw_attachment")
    assert entry.actor == applicant
    assert (
        entry.comment
        == "決算書（直近2期分）: financials-1.pdf（第2版から取り下げ。第1版には残ります）"
    )
    # Withdrawn twice (a double click) is one withdrawal.
    attachment_delete(attachment=old, actor=applicant)
    assert draft.history.filter(action="withdraw_attachment").count() == 1

    # The withdrawn file no longer counts: the next version needs a replacement.
    assert attachment_selectors.missing_attachments(draft) == [
        "添付書類: 決算書を直近2期分添付してください（2件以上、現在1件）。"
    ]
    with pytest.raises(SubmissionBlocked):
        services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    new = _add(draft, pdf_upload("決算書_差替え.pdf"))
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    new.refresh_from_db()
    assert new.frozen_in_version == 2
    names = {
        n: set(Attachment.objects.in_version(n).values_list("original_name", flat=True))
        for n in (1, 2)
    }
    assert "financials-1.pdf" in names[1] and "financials-1.pdf" not in names[2]
    assert "決算書_差替え.pdf" in names[2] and "決算書_差替え.pdf" not in names[1]
    assert names[1] - {"financials-1.pdf"} == names[2] - {"決算書_差替え.pdf"}
    # Once the application is with the prefecture again, nothing submitted can go.
    with pytest.raises(AttachmentFrozen, match="第2版として提出した添付書類は削除できません"):
        attachment_delete(attachment=new, actor=applicant)


def test_a_withdrawal_can_be_undone_until_the_next_version_is_submitted(
    draft, applicant, intake_clerk
):
    _returned(draft, applicant, intake_clerk)
    old = draft.attachments.get(kind="articles")
    attachment_delete(attachment=old, actor=applicant)
    assert attachment_selectors.missing_attachments(draft) == ["添付書類: 定款を添付してください。"]
    restored = attachment_restore(attachment=old, actor=applicant)
    assert restored.withdrawn_in_version is None
    assert attachment_selectors.missing_attachments(draft) == []
    assert draft.history.filter(action="restore_attachment").count() == 1

    # Withdrawn from version 2 and version 2 submitted: that version was sent without it.
    attachment_delete(attachment=old, actor=applicant)
    _add(draft, pdf_upload("定款_新.pdf"), kind="articles")
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    services.task_complete(
        task=open_task(draft, "intake"), user=intake_clerk, decision="return", comment="再度"
    )
    draft.refresh_from_db()
    with pytest.raises(AttachmentFrozen, match="第2版で取り下げた添付書類は元に戻せません"):
        attachment_restore(attachment=old, actor=applicant)
    old.refresh_from_db()
    assert old.withdrawn_in_version == 2


@pytest.mark.parametrize(("frozen", "withdrawn"), [(None, 2), (2, 2), (2, 1)])
def test_only_a_frozen_file_is_withdrawn_and_from_a_later_version(bare, frozen, withdrawn):
    attachment = _add(bare, pdf_upload("x.pdf"), kind="other")
    attachment.frozen_in_version, attachment.withdrawn_in_version = frozen, withdrawn
    with pytest.raises(IntegrityError), transaction.atomic():
        attachment.save()


def test_the_change_list_names_the_added_and_removed_attachments(draft, applicant, intake_clerk):
    _returned(draft, applicant, intake_clerk)
    old = draft.attachments.get(kind="registry")
    attachment_delete(attachment=old, actor=applicant)
    _add(draft, pdf_upload("履歴事項_最新.pdf"), kind="registry")
    _add(draft, pdf_upload("補足資料.pdf"), kind="other")
    working = attachment_selectors.attachment_changes(draft, 1, None)
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    submitted = attachment_selectors.attachment_changes(draft, 1, 2)
    expected = [
        ("添付書類", "履歴事項全部証明書", "registry-1.pdf", "（削除）"),
        ("添付書類", "履歴事項全部証明書", "（なし）", "履歴事項_最新.pdf"),
        ("添付書類", "その他", "（なし）", "補足資料.pdf"),
    ]
    for changes in (working, submitted):
        assert [(c.section, c.field_label, c.old, c.new) for c in changes] == expected
    assert attachment_selectors.attachment_changes(draft, 2, 2) == []


def test_a_draft_attachment_is_deleted_with_its_stored_file_and_recorded(
    bare, applicant, django_capture_on_commit_callbacks
):
    attachment = _add(bare, pdf_upload("間違い.pdf"), kind="other")
    name = attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        attachment_delete(attachment=attachment, actor=applicant)
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert not default_storage.exists(name)
    entry = bare.history.get(action="delete_attachment")
    assert entry.actor == applicant and "間違い.pdf" in entry.comment


def test_deleting_a_draft_removes_its_stored_files_once_committed_never_before(
    bare, applicant, django_capture_on_commit_callbacks
):
    names = [_add(bare, pdf_upload(f"{n}.pdf"), kind="other").file.name for n in ("一", "二")]
    # A delete that rolls back keeps every file the draft still points at.
    with pytest.raises(RuntimeError), transaction.atomic():
        approval_services.application_delete(application=bare, actor=applicant)
        raise RuntimeError("the surrounding transaction fails")
    assert Attachment.objects.get(file=names[0]).application == bare
    assert all(default_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        approval_services.application_delete(application=bare, actor=applicant)
    assert not Application.objects.filter(pk=bare.pk).exists()
    assert [name for name in names if default_storage.exists(name)] == []


# --- demo data -----------------------------------------------------------------------------


def test_the_demo_drafts_can_be_submitted_and_seeding_twice_adds_nothing(db):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    application = Application.objects.get(theme__startswith="精密切削技術")
    assert application.attachments.count() == 4
    assert attachment_selectors.missing_attachments(application) == []
    applicant = application.company.members.get()
    services.application_submit(
        application=application, actor=applicant, acknowledge_failures=False
    )
    assert Application.objects.get(pk=application.pk).status == "submitted"
