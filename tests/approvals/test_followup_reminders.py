"""`manage.py followup_reminders`: the 2-week and the 4-week reminder, once each, never after
the answer; run daily and again without sending twice."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from approvals.followups import selectors, services
from approvals.models import Mail
from tests.documents.conftest import decide

REQUESTED_ON = date(2026, 12, 1)


@pytest.fixture
def clock(monkeypatch):
    day = {"value": REQUESTED_ON}
    monkeypatch.setattr(selectors, "today", lambda: day["value"])
    return day


def reminders(application):
    return Mail.objects.filter(application=application, template="follow_up_reminder").count()


def run_on(clock, day):
    clock["value"] = day
    call_command("followup_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.django_db
def test_reminders_after_two_and_four_weeks_once_each(
    draft, applicant, staff, clock, django_capture_on_commit_callbacks
):
    plan = decide(draft, applicant, staff)
    follow_up = services.follow_up_request(
        application=plan, actor=staff["intake"], kind="interim", on=REQUESTED_ON
    )
    run_on(clock, REQUESTED_ON + timedelta(days=13))
    assert reminders(plan) == 0
    with django_capture_on_commit_callbacks(execute=True):
        run_on(clock, REQUESTED_ON + timedelta(days=14))
    run_on(clock, REQUESTED_ON + timedelta(days=14))
    run_on(clock, REQUESTED_ON + timedelta(days=20))
    assert reminders(plan) == 1
    [sent] = [m for m in mail.outbox if "再送" in m.subject]
    assert "2027年1月1日" in sent.body  # the due date, one month after the request
    run_on(clock, REQUESTED_ON + timedelta(days=28))
    run_on(clock, REQUESTED_ON + timedelta(days=29))
    assert reminders(plan) == 2
    run_on(clock, REQUESTED_ON + timedelta(days=90))
    assert reminders(plan) == 2
    follow_up.refresh_from_db()
    assert follow_up.reminders_sent == 2


@pytest.mark.django_db
def test_no_reminder_after_the_answer(draft, applicant, staff, clock):
    plan = decide(draft, applicant, staff)
    follow_up = services.follow_up_request(
        application=plan, actor=staff["intake"], kind="adhoc", on=REQUESTED_ON
    )
    run_on(clock, REQUESTED_ON + timedelta(days=14))
    assert reminders(plan) == 1
    type(follow_up).objects.filter(pk=follow_up.pk).update(status="submitted")
    run_on(clock, REQUESTED_ON + timedelta(days=28))
    assert reminders(plan) == 1


@pytest.mark.django_db
def test_a_late_run_sends_only_the_four_week_reminder(draft, applicant, staff, clock):
    plan = decide(draft, applicant, staff)
    services.follow_up_request(
        application=plan, actor=staff["intake"], kind="interim", on=REQUESTED_ON
    )
    run_on(clock, REQUESTED_ON + timedelta(days=30))
    run_on(clock, REQUESTED_ON + timedelta(days=31))
    assert reminders(plan) == 1


@pytest.mark.django_db
def test_the_request_mail_is_in_the_members_language(
    draft, applicant, staff, clock, django_capture_on_commit_callbacks
):
    applicant.language = "en"
    applicant.save(update_fields=["language"])
    plan = decide(draft, applicant, staff)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.follow_up_request(
            application=plan, actor=staff["intake"], kind="final", on=REQUESTED_ON
        )
    english = [m for m in mail.outbox if applicant.email in m.to]
    assert english and "Follow-up survey request" in english[0].subject
    assert f"/portal/follow-ups/{plan.follow_ups.get().pk}/" in english[0].body
