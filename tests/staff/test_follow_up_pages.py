"""The staff page of a plan's follow-up surveys: ask for one (kind, due date), see the
proposed schedule and each survey's state and achievement, with the service's rules."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from approvals.models import FollowUp
from tests.documents.conftest import decide


@pytest.fixture
def approved(draft, applicant, staff):
    return decide(draft, applicant, staff)


def page(application):
    return f"/staff/applications/{application.pk}/follow-ups/"


@pytest.mark.django_db
def test_staff_ask_for_a_survey_and_the_firm_is_told(
    approved, clients, django_capture_on_commit_callbacks
):
    html = clients["intake"].get(page(approved)).content.decode()
    assert "調査を依頼する" in html and "中間調査" in html and "最終調査" in html
    due = timezone.localdate() + timedelta(days=45)
    with django_capture_on_commit_callbacks(execute=True):
        response = clients["intake"].post(page(approved), {"kind": "interim", "due_on": due})
    assert response.status_code == 302
    survey = FollowUp.objects.get(application=approved)
    assert (survey.kind, survey.due_on, survey.status) == ("interim", due, "requested")
    assert any("フォローアップ調査" in message.subject for message in mail.outbox)
    listed = clients["intake"].get(page(approved)).content.decode()
    assert "フォローアップ調査を依頼しました。" in listed and "回答待ち" in listed


@pytest.mark.django_db
def test_a_due_date_in_the_past_is_refused_and_nothing_is_asked(approved, clients):
    yesterday = timezone.localdate() - timedelta(days=1)
    response = clients["intake"].post(page(approved), {"kind": "adhoc", "due_on": yesterday})
    assert response.status_code == 400
    assert "回答期限は依頼日以降の日付にしてください。" in response.content.decode()
    assert not FollowUp.objects.exists()


@pytest.mark.django_db
def test_who_may_not_ask_sees_no_form_and_cannot_ask(approved, clients, draft):
    assert "調査を依頼する" not in clients["approver"].get(page(approved)).content.decode()
    response = clients["approver"].post(
        page(approved), {"kind": "interim", "due_on": timezone.localdate()}, follow=True
    )
    assert "フォローアップ調査を依頼する権限がありません。" in response.content.decode()
    assert clients["applicant"].get(page(approved)).status_code == 403
    assert not FollowUp.objects.exists()
