"""The approval and refusal notices: the exact sentences, numbers, era dates and names, the
fonts that carry them, PDF/A-3b, and nothing fetched or embedded from applicant text."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from approvals.models import ApplicationVersion, Approval, Authority, Refusal
from documents.issued import notices
from tests import factories
from tests.documents import pdfcheck
from tests.documents.conftest import decide
from tests.documents.httpspy import spy_server

TOKYO = ZoneInfo("Asia/Tokyo")


def _fix_dates(application, *, submitted=date(2026, 11, 10), decided=date(2026, 11, 24)):
    ApplicationVersion.objects.filter(application=application).update(
        submitted_at=datetime(submitted.year, submitted.month, submitted.day, 9, 30, tzinfo=TOKYO)
    )
    Approval.objects.filter(application=application).update(approved_on=decided)
    Refusal.objects.filter(application=application).update(refused_on=decided)


@pytest.fixture
def authority(db):
    authority = Authority.current()
    authority.governor_name = "神奈川 太郎"
    authority.save()
    return authority


@pytest.mark.django_db
def test_approval_notice_says_exactly_what_was_decided(authority, approved):
    _fix_dates(approved)
    data = notices.notice_pdf(approved)
    text = pdfcheck.text(data)
    for expected in (
        "経革第1号",
        "令和8年11月24日",
        "株式会社テスト精工",
        "代表取締役　神奈川 太郎　様",
        "神奈川県知事　神奈川 太郎",
        "経営革新計画に係る承認について（通知）",
        "令和8年11月10日付けで申請のあった経営革新計画については、"
        "中小企業等経営強化法第14条第1項の規定に基づき承認します。",
        "記",
        "1　承認番号 経革第1号",
        "2　テーマ 金属加工技術を応用した医療機器部品の製造",
        "3　計画期間 令和9年4月から令和12年3月まで（3年間）",
        "4　新事業活動の類型 新商品の開発又は生産",
        "5　申請日 令和8年11月10日",
        f"6　受付番号 {approved.reference}",
        "以上",
    ):
        assert expected in text, expected
    metadata = pdfcheck.reader(data).metadata
    assert metadata.title == "経営革新計画に係る承認について（通知）"
    assert metadata.author == "神奈川県知事"
    assert metadata.subject == "承認通知書（承認番号 経革第1号）"
    xmp = pdfcheck.xmp(data)
    assert 'pdfaid:part="3"' in xmp or "<pdfaid:part>3<" in xmp
    assert 'pdfaid:conformance="B"' in xmp or "<pdfaid:conformance>B<" in xmp
    fonts = pdfcheck.fonts(data)
    assert fonts and all(f["file2"] and f["family"] == "IPAexMincho" for f in fonts.values())
    assert len(pdfcheck.reader(data).pages) == 1
    assert len(data) <= 100_000


@pytest.mark.django_db
def test_the_law_is_the_one_in_force_on_the_date_of_application(approved):
    _fix_dates(approved, submitted=date(2016, 6, 30))
    text = pdfcheck.text(notices.notice_pdf(approved))
    assert (
        "平成28年6月30日付けで申請のあった経営革新計画については、"
        "中小企業の新たな事業活動の促進に関する法律第9条第1項の規定に基づき承認します。"
    ) in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("submitted", "basis"),
    [
        (date(2016, 7, 1), "中小企業等経営強化法第8条第1項"),
        (date(2019, 7, 15), "中小企業等経営強化法第8条第1項"),
        (date(2019, 7, 16), "中小企業等経営強化法第14条第1項"),
    ],
)
def test_the_article_is_the_one_numbered_on_the_date_of_application(approved, submitted, basis):
    """中小企業等経営強化法 numbered the approval 第8条 until 2019-07-15, 第14条 from 07-16."""
    _fix_dates(approved, submitted=submitted)
    text = pdfcheck.text(notices.notice_pdf(approved))
    assert f"付けで申請のあった経営革新計画については、{basis}の規定に基づき承認します。" in text


@pytest.mark.django_db
def test_a_notice_is_japanese_whatever_the_language_of_the_request(approved):
    with translation.override("en"):
        text = pdfcheck.text(notices.notice_pdf(approved))
    assert "新商品の開発又は生産" in text


@pytest.mark.django_db
def test_a_rare_kanji_in_the_representative_name_comes_out_as_itself(applicant, staff):
    company = factories.make_company(applicant, representative_name="𠮷田 一郎")
    application = decide(factories.make_application(company, applicant), applicant, staff)
    data = notices.notice_pdf(application)
    assert "代表取締役　𠮷田 一郎　様" in pdfcheck.text(data)
    families = {f["family"] for f in pdfcheck.fonts(data).values()}
    assert families == {"IPAexMincho", "IPAmjMincho"}


@pytest.mark.django_db
def test_refusal_notice_gives_the_reasons_and_the_rights_of_appeal(authority, refused):
    _fix_dates(refused, decided=date(2027, 1, 5))
    data = notices.notice_pdf(refused)
    text = pdfcheck.text(data)
    for expected in (
        "経革不第1号",  # the refusal series, in the approvals' format
        "令和9年1月5日",
        "経営革新計画に係る不承認について（通知）",
        "令和8年11月10日付けで申請のあった経営革新計画については、次の理由により承認しません。",
        "不承認の理由",
        "（1）付加価値額の伸び率の根拠が示されていません。",
        "（2）資金計画の裏付けがありません。",
        "（教示）",
        "3か月以内に、神奈川県知事に対して審査請求をすることができます。",
        "6か月以内に、神奈川県を被告として",
    ):
        assert expected in text, expected
    assert pdfcheck.reader(data).metadata.subject == f"不承認通知書（受付番号 {refused.reference}）"
    assert f"第{refused.reference}号" not in text


@pytest.mark.django_db
def test_a_refusal_recorded_before_numbering_keeps_the_number_it_was_issued_with(
    authority, refused
):
    refused.refusal.number = f"第{refused.reference}号"  # what migration 0034 stores
    refused.refusal.sequence = None
    refused.refusal.save()
    assert f"第{refused.reference}号" in pdfcheck.text(notices.notice_pdf(refused))


@pytest.mark.django_db
def test_a_theme_with_markup_and_urls_fetches_nothing_and_embeds_nothing(applicant, company, staff):
    with spy_server() as (base, requests):
        theme = (
            '<img src="file:///etc/hostname">'
            f'<link rel=attachment href="{base}a.bin">'
            f'<img src="{base}i.png"> {base}'
        )
        application = factories.make_application(company, applicant, theme=theme)
        application = decide(application, applicant, staff)
        data = notices.notice_pdf(application)
    assert requests == []
    # The one image is the notice's own verification QR code (a square), nothing the theme named.
    images = {x.idnum: x.get_object() for x in pdfcheck.image_xobjects(data)}
    assert len(images) == 1
    (qr,) = images.values()
    assert qr["/Width"] == qr["/Height"]
    assert pdfcheck.embedded_files(data) == []
    assert not [o for o in pdfcheck.objects(data) if o.get("/Type") == "/EmbeddedFile"]
    # The applicant's text is printed as text, exactly as typed.
    assert theme.replace(" ", "") in pdfcheck.text(data).replace(" ", "")
    streams = [o for o in pdfcheck.objects(data) if "/FontFile2" in o]
    assert streams, "the fonts are the only embedded files"


@pytest.mark.django_db
def test_a_notice_issued_again_names_the_governor_in_office_at_the_decision(authority, approved):
    """A new governor takes office after the approval: the notice re-issued later (a template or
    font fix) still names the one who approved, in its text and as its author."""
    authority.governor_name = "新任 知事"
    authority.save()
    approved.approval.refresh_from_db()
    text = pdfcheck.text(notices.notice_pdf(approved))
    assert "神奈川県知事　神奈川 太郎" in text
    assert "新任 知事" not in text


@pytest.fixture
def contact(authority):
    authority.contact_department = "産業労働局中小企業部中小企業支援課"
    authority.contact_phone = "045-210-5550"
    authority.contact_email = "kakushin@pref.example.jp"
    authority.save()
    return authority


@pytest.mark.django_db
def test_the_approval_notice_names_the_governor_omits_the_seal_and_gives_notes_and_contact(
    contact, approved
):
    data = notices.notice_pdf(approved)
    text = pdfcheck.text(data)
    for expected in (
        "神奈川県知事　神奈川 太郎（公印省略）",
        "（留意事項）",
        "1　計画の内容を変更しようとするときは、あらかじめ計画の変更の承認を申請してください。",
        "フォローアップ調査にご協力ください。",
        "支援措置を受けるには、それぞれの実施機関の審査が必要です。",
        "担当 産業労働局中小企業部中小企業支援課",
        "電話 045-210-5550",
        "電子メール kakushin@pref.example.jp",
    ):
        assert expected in text, expected
    # Half-width item numbers throughout (公用文作成の考え方): no full-width digit is left.
    assert not any("０" <= character <= "９" for character in text)
    assert len(pdfcheck.reader(data).pages) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("decision", ["approved", "refused"])
def test_notices_are_tagged_pdfs_and_still_pdf_a_3b(contact, decision, request):
    data = notices.notice_pdf(request.getfixturevalue(decision))
    root = pdfcheck.reader(data).trailer["/Root"].get_object()
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"].get_object()["/Marked"].value is True
    tree = root["/StructTreeRoot"].get_object()
    assert tree["/K"], "the structure tree has the document's elements"
    xmp = pdfcheck.xmp(data)
    assert 'pdfaid:conformance="B"' in xmp or "<pdfaid:conformance>B<" in xmp


@pytest.mark.django_db
def test_the_refusal_notice_has_the_contact_block_but_not_the_approval_notes(contact, refused):
    text = pdfcheck.text(notices.notice_pdf(refused))
    assert "電話 045-210-5550" in text and "（公印省略）" in text
    assert "留意事項" not in text


@pytest.mark.django_db
def test_without_a_contact_point_the_notice_has_no_empty_contact_block(authority, approved):
    text = pdfcheck.text(notices.notice_pdf(approved))
    assert "電話" not in text and "担当" not in text


@pytest.mark.django_db
def test_an_issued_notice_stays_byte_for_byte_what_was_issued(contact, approved):
    """Issued notices are stored: a later change of what a notice would say (the contact
    point here, a template in a release) never changes the bytes served for one issued."""
    from documents.issued import issuing

    document = notices.notice_issue(application_id=approved.pk)
    issued = issuing.document_read(document)
    contact.contact_phone = "045-000-0000"
    contact.save()
    again = notices.notice_issue(application_id=approved.pk)
    assert issuing.document_read(again) == issued
    assert "045-000-0000" in pdfcheck.text(notices.notice_pdf(approved))  # a new issue would
