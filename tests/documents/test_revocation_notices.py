"""The hearing notice (聴聞通知書) and the revocation notice: what the law requires on them."""

import datetime

import pytest
from django.utils import timezone

from approvals import revocation
from approvals.errors import IssuerMissing
from approvals.models import Authority, RevocationCase, SupportContact
from approvals.numbering import HEARING_SERIES, REVOCATION_SERIES, series_number
from documents.issued import revocation as documents
from tests import factories
from tests.api.conftest import client_for
from tests.api.test_revocation import open_body, url
from tests.documents import pdfcheck
from tests.documents.conftest import decide


@pytest.fixture
def case(draft, applicant, staff):
    application = decide(draft, applicant, staff)
    body = open_body()
    return revocation.revocation_open(
        application=application,
        actor=staff["intake"],
        facts=body["facts"],
        ground=body["ground"],
        hearing_at=datetime.datetime.fromisoformat(body["hearing_at"]),
        hearing_place=body["hearing_place"],
    )


def revoke(case, staff, reasons="計画のいずれの取組にも着手していない。\n再三の照会に回答がない。"):
    officer = factories.make_user("intake", username="officer")
    revocation.revocation_hearing(
        application=case.application,
        actor=officer,
        record="当事者は出頭しなかった。",
        held_on=timezone.localdate(),
    )
    return revocation.revocation_decide(
        application=case.application, actor=staff["approver"], decision="revoke", reasons=reasons
    )


def test_hearing_notice_names_the_disposition_its_article_the_facts_and_the_rights(case):
    notice = documents.hearing_notice(case)
    text = notice.sentence + " ".join(v for _label, v in notice.items) + " ".join(notice.rights)
    assert "経営革新計画の承認の取消し" in text
    assert "中小企業等経営強化法第15条第2項" in text  # in force on today's notice date
    assert case.facts in text and "第1会議室" in text
    assert "聴聞に関する事務を所掌する組織" in " ".join(label for label, _v in notice.items)
    for right in ("代理人", "陳述書", "証拠書類", "資料の閲覧", "第18条"):
        assert right in text


def test_the_article_is_the_one_in_force_on_the_notice_date(case):
    """A notice dated in 2018 cites the article before the 2019 renumbering (第9条第2項)."""
    RevocationCase.objects.filter(pk=case.pk).update(notice_issued_on=datetime.date(2018, 5, 1))
    case.refresh_from_db()
    notice = documents.hearing_notice(case)
    assert notice.article == "第9条第2項" and "平成30年5月1日" in notice.head.date_label


def test_revocation_notice_gives_reasons_appeal_and_the_support_bodies(case, staff):
    SupportContact.objects.create(application=case.application, body="credit_guarantee")
    notice = documents.revocation_notice(revoke(case, staff))
    assert notice.title == "経営革新計画の承認の取消しについて（通知）"
    assert "第15条第2項の規定により、その承認を取り消します" in notice.sentence
    assert notice.reasons == ("計画のいずれの取組にも着手していない。", "再三の照会に回答がない。")
    assert any("審査請求" in a for a in notice.appeal) and any("6か月" in a for a in notice.appeal)
    assert notice.copies_to == ("日本政策金融公庫", "信用保証協会")


def test_both_pdfs_download_for_staff_and_the_applicant(case, staff, applicant):
    revoke(case, staff)
    application = case.application
    hearing = client_for(staff["approver"]).get(url(application, "hearing-notice.pdf"))
    assert hearing.status_code == 200 and hearing["Content-Type"] == "application/pdf"
    assert "聴聞通知書" in pdfcheck.text(b"".join(hearing.streaming_content))
    mine = client_for(applicant).get(url(application, "notice.pdf"))
    assert mine.status_code == 200
    text = pdfcheck.text(b"".join(mine.streaming_content))
    assert "教示" in text and "日本政策金融公庫" in text


def test_no_revocation_notice_before_a_revocation(case, applicant):
    assert client_for(applicant).get(url(case.application, "notice.pdf")).status_code == 404


def test_the_applicant_finds_both_documents_on_the_portal(case, staff, applicant):
    from django.test import Client

    revoke(case, staff)
    client = Client()
    client.force_login(applicant)
    html = client.get(f"/portal/applications/{case.application_id}/").content.decode()
    assert "聴聞通知書（PDF）" in html and "承認取消通知書（PDF）" in html
    pdf = client.get(f"/documents/applications/{case.application_id}/revocation/notice.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_the_notices_carry_their_own_numbers_in_the_authority_format(case, staff):
    assert documents.hearing_notice(case).head.document_number == "経革聴第1号"
    revoked = revoke(case, staff)
    assert documents.revocation_notice(revoked).head.document_number == "経革取第1号"


@pytest.mark.django_db
def test_each_series_counts_on_its_own_and_restarts_in_the_next_fiscal_year():
    authority = Authority.current()
    march, april = datetime.date(2027, 3, 31), datetime.date(2027, 4, 1)
    assert series_number(HEARING_SERIES, march, authority) == "経革聴第1号"
    assert series_number(HEARING_SERIES, march, authority) == "経革聴第2号"
    assert series_number(REVOCATION_SERIES, march, authority) == "経革取第1号"
    assert series_number(HEARING_SERIES, april, authority) == "経革聴第1号"


def test_no_case_opens_and_no_number_is_taken_without_the_issuer(draft, applicant, staff):
    application = decide(draft, applicant, staff)
    Authority.objects.filter(pk=Authority.current().pk).update(governor_name="")
    body = open_body()
    opening = {
        "application": application,
        "actor": staff["intake"],
        "facts": body["facts"],
        "ground": body["ground"],
        "hearing_at": datetime.datetime.fromisoformat(body["hearing_at"]),
        "hearing_place": body["hearing_place"],
    }
    with pytest.raises(IssuerMissing):
        revocation.revocation_open(**opening)
    assert not RevocationCase.objects.exists()
    Authority.objects.filter(pk=Authority.current().pk).update(governor_name="神奈川 太郎")
    case = revocation.revocation_open(**opening)
    assert documents.hearing_notice(case).head.document_number == "経革聴第1号"
