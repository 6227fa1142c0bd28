"""The 添付書類 section of the portal as an applicant uses it, and the staff's view of it.

Several files go in one form; a bad one is refused with its name and reason while the good
ones are kept. Another company's attachments are 404; staff download them from the task page.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.test.client import MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from django.utils.http import content_disposition_header

from documents.attachments.uploads import oversized_uploads
from documents.models import Attachment
from tests import factories
from tests.factories import MINIMAL_PDF, pdf_upload
from workflow import services
from workflow.services import open_task

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 300
ELEVEN_MB = MINIMAL_PDF + b"\0" * (11 * 1024 * 1024)


@pytest.fixture
def bare(company, applicant):
    return factories.make_application(company, applicant, attachments=False)


@pytest.fixture
def browser(applicant, company):
    client = Client()
    client.force_login(applicant)
    return client


def _page(application) -> str:
    return reverse("documents:attachment-list", args=[application.pk])


def test_one_bad_file_among_several_is_refused_and_the_good_ones_are_kept(browser, bare):
    response = browser.post(
        _page(bare),
        {
            "files-articles": [pdf_upload("定款.pdf")],
            "files-financials": [
                pdf_upload("決算書_令和6年度.pdf"),
                SimpleUploadedFile("決算書_令和5年度.pdf", ELF),
            ],
            "files-registry": [SimpleUploadedFile("登記.pdf", b"")],
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "次のファイルは添付できませんでした" in page
    assert (
        "決算書_令和5年度.pdf: PDF・PNG・JPEG 以外の形式は添付できません"
        "（ファイルの中身で判定しています）。"
    ) in page
    assert "登記.pdf: ファイルが空です（0バイト）。" in page
    assert "2件のファイルを添付しました。" in page
    kept = sorted(bare.attachments.values_list("kind", "original_name"))
    assert kept == [("articles", "定款.pdf"), ("financials", "決算書_令和6年度.pdf")]
    assert "決算書を直近2期分添付してください（2件以上、現在1件）" in page


def test_an_11_mb_file_is_refused_by_name_and_not_stored(browser, bare):
    response = browser.post(
        _page(bare), {"files-other": [SimpleUploadedFile("会社案内.pdf", ELEVEN_MB)]}
    )
    page = response.content.decode()
    assert "会社案内.pdf: ファイルが大きすぎます。添付できるのは1ファイル10 MBまでです。" in page
    assert not Attachment.objects.exists()


def test_a_file_over_the_limit_is_dropped_while_it_arrives(settings):
    """The upload handler stops receiving it: it never reaches request.FILES (nor the disk)."""
    settings.KAKUSHIN_MAX_UPLOAD_BYTES = 1024
    body = encode_multipart(
        "BoUnDaRy",
        {
            "big": SimpleUploadedFile("big.pdf", MINIMAL_PDF + b"\0" * 5000),
            "small": pdf_upload("small.pdf"),
        },
    )
    request = RequestFactory().post(
        "/", body, content_type=MULTIPART_CONTENT.replace("BoUnDaRyStRiNg", "BoUnDaRy")
    )
    assert list(request.FILES) == ["small"]
    assert oversized_uploads(request) == [("big", "big.pdf")]


def test_sending_nothing_asks_for_a_file(browser, bare):
    response = browser.post(_page(bare), {})
    assert "添付するファイルを選んでください。" in response.content.decode()


def test_the_task_list_shows_the_section_and_submission_waits_for_it(browser, bare):
    detail = reverse("approvals:application-detail", args=[bare.pk])
    page = browser.get(detail).content.decode()
    assert _page(bare) in page and "提出できます" not in page

    submit = reverse("workflow:application-submit", args=[bare.pk])
    page = browser.get(submit).content.decode()
    assert "提出する前に" in page
    assert f'<a href="{_page(bare)}">添付書類: 定款を添付してください。</a>' in page

    factories.attach_required(bare)
    assert "提出できます" in browser.get(detail).content.decode()
    page = browser.get(submit).content.decode()
    assert "提出する前に" not in page and "articles-1.pdf" in page


def test_a_submission_that_lost_an_attachment_meanwhile_is_refused_with_the_reason(
    browser, bare, applicant
):
    factories.attach_required(bare)
    page = browser.get(reverse("workflow:application-submit", args=[bare.pk]))
    assert page.status_code == 200
    bare.attachments.filter(kind="registry").delete()
    response = browser.post(reverse("workflow:application-submit", args=[bare.pk]))
    assert response.status_code == 200
    assert "添付書類: 履歴事項全部証明書を添付してください。" in response.content.decode()
    bare.refresh_from_db()
    assert bare.status == "draft"


def test_delete_until_frozen_then_withdraw_from_the_next_version_and_undo(
    browser, draft, applicant, intake_clerk
):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    services.task_complete(
        task=open_task(draft, "intake"), user=intake_clerk, decision="return", comment="追加を"
    )
    browser.post(_page(draft), {"files-other": [pdf_upload("追加資料.pdf")]})
    added = draft.attachments.get(original_name="追加資料.pdf")
    frozen = draft.attachments.get(kind="articles")

    page = browser.get(_page(draft)).content.decode()
    assert reverse("documents:attachment-delete", args=[draft.pk, added.pk]) in page
    assert reverse("documents:attachment-delete", args=[draft.pk, frozen.pk]) in page
    assert "第1版で提出済み" in page and "次の版から取り下げ" in page

    response = browser.post(
        reverse("documents:attachment-delete", args=[draft.pk, frozen.pk]), follow=True
    )
    page = response.content.decode()
    assert "「articles-1.pdf」を第2版から取り下げました（提出済みの第1版には残ります）。" in page
    withdrawn = page.split('id="withdrawn-heading"', 1)[1]
    assert "articles-1.pdf" in withdrawn and "第1版で提出済み・第2版から取り下げ" in withdrawn
    assert "定款を添付してください。" in page
    frozen.refresh_from_db()
    assert frozen.withdrawn_in_version == 2

    restore = reverse("documents:attachment-restore", args=[draft.pk, frozen.pk])
    page = browser.post(restore, follow=True).content.decode()
    assert "「articles-1.pdf」の取り下げを取り消しました。" in page
    assert 'id="withdrawn-heading"' not in page and "定款を添付してください。" not in page

    response = browser.post(
        reverse("documents:attachment-delete", args=[draft.pk, added.pk]), follow=True
    )
    assert "「追加資料.pdf」を削除しました。" in response.content.decode()
    assert not Attachment.objects.filter(pk=added.pk).exists()


def test_a_submitted_file_cannot_go_while_the_prefecture_has_it(browser, draft, applicant):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    frozen = draft.attachments.first()
    response = browser.post(
        reverse("documents:attachment-delete", args=[draft.pk, frozen.pk]), follow=True
    )
    assert "第1版として提出した添付書類は削除できません。" in response.content.decode()
    frozen.refresh_from_db()
    assert frozen.withdrawn_in_version is None
    restore = reverse("documents:attachment-restore", args=[draft.pk, frozen.pk])
    assert browser.get(restore).status_code == 405


def test_nothing_can_be_added_while_the_application_is_with_the_prefecture(
    browser, draft, applicant
):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    page = browser.get(_page(draft)).content.decode()
    assert "添付書類を変更できません" in page and 'type="file"' not in page
    response = browser.post(_page(draft), {"files-other": [pdf_upload()]}, follow=True)
    assert "添付書類を追加・削除できません" in response.content.decode()
    assert not draft.attachments.filter(kind="other").exists()


def test_another_companys_attachments_are_404(draft, other_applicant, other_company):
    b = Client()
    b.force_login(other_applicant)
    attachment = draft.attachments.first()
    assert b.get(_page(draft)).status_code == 404
    assert b.post(_page(draft), {"files-other": [pdf_upload()]}).status_code == 404
    assert b.get(reverse("documents:attachment-download", args=[attachment.pk])).status_code == 404
    delete = reverse("documents:attachment-delete", args=[draft.pk, attachment.pk])
    assert b.post(delete).status_code == 404
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_anonymous_downloads_go_to_the_login_page(client, draft):
    url = reverse("documents:attachment-download", args=[draft.attachments.first().pk])
    response = client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_applicant_downloads_under_the_original_name_not_cluttering_the_history(browser, draft):
    attachment = draft.attachments.first()
    response = browser.get(reverse("documents:attachment-download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert response["Content-Disposition"] == 'attachment; filename="articles-1.pdf"'
    japanese = draft.attachments.get(kind="registry")
    Attachment.objects.filter(pk=japanese.pk).update(original_name="履歴事項全部証明書.pdf")
    response = browser.get(reverse("documents:attachment-download", args=[japanese.pk]))
    assert response["Content-Disposition"] == content_disposition_header(
        True, "履歴事項全部証明書.pdf"
    )
    assert response["Cache-Control"] == "private, no-store"
    assert not draft.history.filter(action="download_attachment").exists()


def test_staff_see_the_attachments_on_the_task_page_and_download_them(
    draft, applicant, intake_clerk
):
    reverse("staff:index")  # viewflow reverses task URLs through its mounted site
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    staff = Client()
    staff.force_login(intake_clerk)
    task = open_task(draft, "intake")
    page = staff.get(task.flow_task.reverse("detail", args=[task.process_id, task.pk]))
    html = page.content.decode()
    attachment = draft.attachments.first()
    download = reverse("documents:attachment-download", args=[attachment.pk])
    assert "添付書類" in html and download in html and attachment.original_name in html

    response = staff.get(download)
    assert response.status_code == 200
    entry = draft.history.get(action="download_attachment")
    assert entry.actor == intake_clerk and entry.step == "intake"
    applicant_view = Client()
    applicant_view.force_login(applicant)
    detail = applicant_view.get(reverse("approvals:application-detail", args=[draft.pk]))
    assert "添付書類のダウンロード" in detail.content.decode()


def test_too_many_files_in_one_form_is_a_clear_400_not_a_500(browser, bare, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    files = [pdf_upload(f"{n}.pdf") for n in range(3)]
    response = browser.post(_page(bare), {"files-other": files})
    assert response.status_code == 400
    assert "一度に20ファイルまで" in response.content.decode()
    assert not Attachment.objects.exists()


def test_each_document_has_its_own_upload_and_the_page_names_what_is_still_missing(browser, bare):
    page = browser.get(_page(bare)).content.decode()
    # One form per kind, each with its own button, so a chosen file is never left waiting
    # for a button at the bottom of the page.
    assert page.count('class="form upload-form"') == 4  # 定款, 決算書, 履歴事項, その他
    assert "定款を添付する</button>" in page and "その他を添付する</button>" in page
    # Under the page's own heading, the messages do not repeat the section's name.
    assert "<li>定款を添付してください。</li>" in page
    assert "添付書類: 定款" not in page

    response = browser.post(_page(bare), {"files-articles": [pdf_upload("定款.pdf")]})
    assert response.status_code == 302
    page = browser.get(_page(bare)).content.decode()
    assert "<li>定款を添付してください。</li>" not in page
    # A file not yet submitted says when it goes, not 「未提出」 beside a green 添付済み.
    assert "提出するときに一緒に送られます" in page and "未提出" not in page
