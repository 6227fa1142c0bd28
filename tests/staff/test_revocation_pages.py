"""The staff pages of a revocation: start from the application, hear, decide, with the rules."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.constants import Status
from approvals.models import Application
from tests import factories
from tests.documents.conftest import decide
from tests.staff.helpers import signed_in
from workflow.consistency import problems_of


@pytest.fixture
def approved(draft, applicant, staff):
    return decide(draft, applicant, staff)


def page(application, tail=""):
    return f"/staff/applications/{application.pk}/revocation/{tail}"


def test_open_hear_and_revoke_through_the_pages(approved, clients, staff):
    process = approved.processes.get()
    detail = clients["intake"].get(reverse("staff:application:process_detail", args=[process.pk]))
    assert "承認取消しの手続を開始" in detail.content.decode()
    start = clients["intake"].get(page(approved))
    assert start.status_code == 200 and "承認取消しの手続を開始" in start.content.decode()
    assert "日本政策金融公庫" in start.content.decode()  # the 別表6 body to be told
    hearing_at = (timezone.localtime() + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    opened = clients["intake"].post(
        page(approved, "open/"),
        {
            "ground": "not_carried_out",
            "facts": "未着手",
            "hearing_at": hearing_at,
            "hearing_place": "会議室",
        },
    )
    assert opened.status_code == 302
    # The opener may not hold the hearing: the page says so instead of a form.
    mine = clients["intake"].get(page(approved)).content.decode()
    assert "取消し手続を開始した職員は聴聞を主宰できません" in mine
    officer = signed_in(factories.make_user("intake", username="officer"))
    heard = officer.post(
        page(approved, "hearing/"),
        {"held_on": timezone.localdate().isoformat(), "record": "出頭せず"},
    )
    assert heard.status_code == 302
    no_reasons = clients["approver"].post(page(approved, "decide/"), {"decision": "revoke"})
    assert no_reasons.status_code == 400 and "行政手続法第14条" in no_reasons.content.decode()
    assert Application.objects.get(pk=approved.pk).status == Status.APPROVED
    done = clients["approver"].post(
        page(approved, "decide/"), {"decision": "revoke", "reasons": "未着手のため"}
    )
    assert done.status_code == 302
    revoked = Application.objects.get(pk=approved.pk)
    assert revoked.status == Status.REVOKED
    assert problems_of(revoked) == []  # no flow reopened for the revocation
    assert "承認取消通知書" in clients["approver"].get(page(approved)).content.decode()
    again = clients["intake"].get(reverse("staff:application:process_detail", args=[process.pk]))
    assert again.status_code == 200 and "承認取消しの手続" in again.content.decode()
    # The lists show a revoked plan like any other.
    listed = clients["intake"].get(reverse("staff:application:process_list"))
    assert listed.status_code == 200 and "承認取消し" in listed.content.decode()
    mine = clients["applicant"].get("/portal/applications/")
    assert mine.status_code == 200 and "承認取消し" in mine.content.decode()


def test_the_applicant_is_refused(approved, clients):
    assert clients["applicant"].get(page(approved)).status_code == 403
