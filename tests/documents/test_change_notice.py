"""The change-approval notice (変更承認通知書, DOMAIN.md §10): issued for an approved change,
naming the original approval number, 第n回変更, the change-approval date and the items."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from approvals.change import change_create
from approvals.models import Application, ApplicationVersion, ChangeApproval
from approvals.services import application_set_figures, application_update
from documents.constants import DocumentKind
from documents.issued import notices, selectors
from tests import factories
from tests.documents import pdfcheck
from tests.documents.conftest import decide

TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture
def approved_change(approved, applicant, staff):
    change = change_create(
        application=approved,
        actor=applicant,
        reason="販路開拓に時間を要するため。",
        items=["period_extension", "target"],
    )
    application_update(application=change, actor=applicant, period_years=5)
    application_set_figures(application=change, rows=factories.passing_figures(5))
    return decide(Application.objects.get(pk=change.pk), applicant, staff)


@pytest.mark.django_db
def test_change_notice_text(approved, approved_change):
    ApplicationVersion.objects.filter(application=approved_change).update(
        submitted_at=datetime(2026, 11, 10, 9, 30, tzinfo=TOKYO)
    )
    ChangeApproval.objects.filter(application=approved_change).update(
        approved_on=date(2026, 11, 24)
    )
    number = approved.approval.number
    assert notices.notice_identity(approved_change) == (
        DocumentKind.CHANGE_NOTICE,
        f"{number}（第1回変更）",
    )
    text = pdfcheck.text(notices.notice_pdf(Application.objects.get(pk=approved_change.pk)))
    for expected in (
        f"{number}（第1回変更）",
        "承認経営革新計画の変更に係る承認について（通知）",
        "令和8年11月10日付けで申請のありました承認経営革新計画の変更については、"
        "中小企業等経営強化法第15条第1項の規定により承認します。",
        f"1　承認番号 {number}",
        "2　変更承認日 令和8年11月24日",
        "3　変更の回数 第1回変更",
        "4　変更事項 目標・指標、計画期間延長",
        "（5年間）",
    ):
        assert expected in text, expected


@pytest.mark.django_db
def test_the_change_notice_is_issued_and_listed_when_missing(approved_change):
    assert approved_change in selectors.applications_missing_notice()
    document = notices.notice_issue(application_id=approved_change.pk)
    assert document.kind == DocumentKind.CHANGE_NOTICE and document.state == "issued"
    assert approved_change not in selectors.applications_missing_notice()


@pytest.mark.django_db
def test_the_decision_mail_of_a_change(approved, approved_change):
    from django.core import mail as outbox

    from approvals.models import Mail
    from approvals.notifications import mail_send

    outbox.outbox.clear()
    mail_send(Mail.objects.filter(application=approved_change, template="approved").get())
    body = outbox.outbox[-1].body
    assert "承認経営革新計画の変更を承認しました" in body
    assert approved.approval.number in body and "第1回変更" in body


@pytest.mark.django_db
def test_the_form_of_a_change_has_the_change_table(approved, approved_change):
    from documents.issued import form

    version = approved_change.versions.get(number=1)
    text = pdfcheck.text(form.form_pdf(version))
    for expected in (
        "承認経営革新計画の変更に係る承認申請書",
        "中小企業等経営強化法第15条第1項の規定に基づき",
        "変更の内容（新旧対照表）",
        approved.approval.number,
        "目標・指標、計画期間延長",
        "販路開拓に時間を要するため。",
        "事業期間（年） 3年 5年",
    ):
        assert expected in text, expected
