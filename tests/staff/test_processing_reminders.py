"""`manage.py processing_reminders` (issue 17): each member of staff gets one e-mail with
exactly their tasks overdue or due within N working days — the ones they hold and the
unclaimed ones they may claim — through the background tasks, once a day."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from approvals.constants import MailState
from approvals.models import Application, Authority
from tests import factories
from tests.staff.helpers import advance, submit_new
from workflow import services
from workflow.models import ProcessingReminder
from workflow.services import open_task


@pytest.fixture
def people(db):
    return {
        "intake1": factories.make_user("intake", username="intake1", email="i1@pref.example.jp"),
        "intake2": factories.make_user("intake", username="intake2", email="i2@pref.example.jp"),
        "reviewer": factories.make_user("reviewer", username="rev", email="rv@pref.example.jp"),
        "approver": factories.make_user("approver", username="app", email="ap@pref.example.jp"),
    }


@pytest.fixture
def cases(company, applicant, people, at):
    """A period of 5 working days; the command runs on Wed 2027-06-09.

    A filed Mon 5/31, due Mon 6/7: 2 working days over, held by intake1.
    B filed Mon 6/7, due Mon 6/14 (3 working days left, 5 calendar days): review, held by
      the reviewer.
    C filed Wed 6/2, due today 6/9: intake, nobody holds it.
    D filed Tue 6/8, due Tue 6/15: 4 working days left, intake, nobody holds it.
    E filed 5/31, approved; F filed 5/31 with its status forced to approved and its intake
      task left open (what check_consistency reports); G filed 5/31, returned (the
      applicant's correction): none is any staff member's."""
    authority = Authority.current()
    authority.standard_processing_days = 5
    authority.save()
    at(2027, 5, 31, 10)
    a, e, f, g = (submit_new(company, applicant) for _ in range(4))
    at(2027, 6, 1, 10)
    services.task_claim(task=open_task(a, "intake"), user=people["intake1"])
    advance(e, "intake", people["intake2"], "accept")
    advance(e, "review", people["reviewer"], "recommend_approval")
    advance(e, "decision", people["approver"], "approve")
    advance(g, "intake", people["intake2"], "return", "押印がありません。")
    Application.objects.filter(pk=f.pk).update(status="approved")
    at(2027, 6, 2, 10)
    c = submit_new(company, applicant)
    at(2027, 6, 7, 10)
    b = submit_new(company, applicant)
    at(2027, 6, 7, 11)
    advance(b, "intake", people["intake2"], "accept")
    services.task_claim(task=open_task(b, "review"), user=people["reviewer"])
    at(2027, 6, 8, 10)
    d = submit_new(company, applicant)
    at(2027, 6, 9, 7)
    return dict(zip("abcdefg", (a, b, c, d, e, f, g), strict=True))


def run(capture, *args) -> str:
    out = StringIO()
    with capture(execute=True):
        call_command("processing_reminders", *args, stdout=out)
    return out.getvalue()


def mails_by_address() -> dict:
    by = {}
    for message in mail.outbox:
        [address] = message.to
        assert address not in by, f"two mails to {address}"
        by[address] = message
    return by


def listed(message, cases) -> set[str]:
    return {key for key, app in cases.items() if app.reference in message.body}


@pytest.mark.django_db
def test_each_member_of_staff_gets_exactly_their_tasks(
    cases, people, django_capture_on_commit_callbacks
):
    output = run(django_capture_on_commit_callbacks)
    assert "reminders queued: 3" in output
    by = mails_by_address()
    assert set(by) == {"i1@pref.example.jp", "i2@pref.example.jp", "rv@pref.example.jp"}
    # intake1: the task they hold and the unclaimed one they may claim; not the reviewer's.
    assert listed(by["i1@pref.example.jp"], cases) == {"a", "c"}
    assert listed(by["i2@pref.example.jp"], cases) == {"c"}
    assert listed(by["rv@pref.example.jp"], cases) == {"b"}
    # The approver has nothing due: no mail at all.
    assert not ProcessingReminder.objects.filter(user=people["approver"]).exists()

    first = by["i1@pref.example.jp"]
    assert first.subject == "【経営革新計画】処理期限が近いタスク・過ぎたタスク（2件）"
    body = first.body
    assert "intake1 様" in body and "2027年6月9日現在" in body
    overdue, soon = body.split("処理期限が近いタスク ――")
    assert cases["a"].reference in overdue
    assert "受付 / 処理期限：2027年6月7日（期限超過 2開庁日）" in overdue
    assert cases["c"].reference in soon
    assert "受付（未担当） / 処理期限：2027年6月9日（本日が期限）" in soon
    task = open_task(cases["a"], "intake")
    assert f"/staff/application/{task.process_id}/intake/{task.pk}/" in overdue
    assert "/staff/application/workload/" in body
    assert "審査 / 処理期限：2027年6月14日（あと 3開庁日）" in by["rv@pref.example.jp"].body
    assert all(r.state == MailState.SENT for r in ProcessingReminder.objects.all())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("within", "expected"),
    [
        # B is due in 3 working days (5 calendar days: the weekend does not count).
        ("2", {"i1": {"a", "c"}, "i2": {"c"}}),
        ("3", {"i1": {"a", "c"}, "i2": {"c"}, "rv": {"b"}}),
        ("4", {"i1": {"a", "c", "d"}, "i2": {"c", "d"}, "rv": {"b"}}),
        # Only the overdue and what is due today.
        ("0", {"i1": {"a", "c"}, "i2": {"c"}}),
    ],
)
def test_due_soon_and_overdue_in_working_days(
    cases, people, within, expected, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks, "--within", within)
    got = {
        address.split("@")[0]: listed(message, cases)
        for address, message in mails_by_address().items()
    }
    assert got == expected


@pytest.mark.django_db
def test_a_due_date_one_working_day_further_is_not_listed(
    cases, people, at, django_capture_on_commit_callbacks
):
    """On Thu 6/10, D (due 6/15) is 3 working days away and listed; B (6/14) too."""
    at(2027, 6, 10, 7)
    run(django_capture_on_commit_callbacks)
    by = mails_by_address()
    assert listed(by["i2@pref.example.jp"], cases) == {"c", "d"}
    assert "期限超過 1開庁日" in by["i2@pref.example.jp"].body  # C, a day late now


@pytest.mark.django_db
def test_closed_applications_and_corrections_are_never_listed(
    cases, people, django_capture_on_commit_callbacks
):
    output = run(django_capture_on_commit_callbacks, "--within", "30")
    for message in mail.outbox:
        assert not listed(message, cases) & {"e", "f", "g"}, message.to
    for key in "efg":
        assert cases[key].reference not in output


@pytest.mark.django_db
def test_twice_the_same_day_sends_nothing_more(
    cases, people, at, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3
    again = run(django_capture_on_commit_callbacks)
    assert "reminders queued: 0" in again and len(mail.outbox) == 3
    assert ProcessingReminder.objects.count() == 3
    at(2027, 6, 10, 7)  # the next day: the reminders go again
    run(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 6


@pytest.mark.django_db
def test_a_dry_run_sends_and_writes_nothing(cases, people, django_capture_on_commit_callbacks):
    output = run(django_capture_on_commit_callbacks, "--dry-run")
    assert mail.outbox == [] and not ProcessingReminder.objects.exists()
    assert "intake1 <i1@pref.example.jp>: 2 tasks" in output
    assert f"{cases['a'].reference} intake due 2027-06-07 (overdue)" in output
    assert "dry run: 3 reminders would be sent, none queued." in output
    # ...and a real run afterwards still sends them.
    run(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_in_the_readers_language_through_the_background_task(
    cases, people, settings, django_capture_on_commit_callbacks
):
    people["intake2"].language = "en"
    people["intake2"].save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        call_command("processing_reminders", stdout=StringIO())
    # Queued with the rows, sent only once the transaction has committed (by the worker).
    assert mail.outbox == [] and len(callbacks) == 3
    for callback in callbacks:
        callback()
    english = mails_by_address()["i2@pref.example.jp"]
    assert english.subject.startswith("Business innovation plan: tasks due soon or overdue")
    assert "(due today)" in english.body and "Intake (unassigned)" in english.body


@pytest.mark.django_db
def test_a_failing_mail_server_is_recorded_and_retried(
    cases, people, monkeypatch, django_capture_on_commit_callbacks
):
    from workflow import reminders

    def down(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(reminders, "send_mail", down)
    run(django_capture_on_commit_callbacks)
    failed = ProcessingReminder.objects.get(user=people["intake2"])
    assert (failed.state, failed.attempts) == (MailState.FAILED, 1)
    assert "mail server down" in failed.error


@pytest.mark.django_db
def test_a_negative_window_is_refused(db):
    with pytest.raises(CommandError, match="--within"):
        call_command("processing_reminders", "--within", "-1", stdout=StringIO())


@pytest.mark.django_db
def test_a_reminder_that_failed_goes_out_on_the_next_run_that_day(
    cases, people, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.mail import send_mail

    from workflow import reminders

    def down(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(reminders, "send_mail", down)
    run(django_capture_on_commit_callbacks)
    assert mail.outbox == []
    monkeypatch.setattr(reminders, "send_mail", send_mail)
    output = run(django_capture_on_commit_callbacks)
    assert "reminders queued: 0" in output and "3 unsent from earlier today" in output
    assert len(mail.outbox) == 3  # each once, the one list of the day
    assert set(ProcessingReminder.objects.values_list("state", flat=True)) == {MailState.SENT}


@pytest.mark.django_db
def test_nothing_on_a_day_the_offices_are_closed(
    cases, people, at, django_capture_on_commit_callbacks
):
    from approvals.models import ClosureDay

    at(2027, 6, 12, 7)  # a Saturday
    assert "Not a working day" in run(django_capture_on_commit_callbacks)
    ClosureDay.objects.create(authority=Authority.current(), date="2027-06-10", reason="点検")
    at(2027, 6, 10, 7)
    run(django_capture_on_commit_callbacks)
    assert mail.outbox == [] and not ProcessingReminder.objects.exists()


@pytest.mark.django_db
def test_the_admin_lists_the_reminders(
    cases, people, admin_client, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    run(django_capture_on_commit_callbacks)
    page = admin_client.get(reverse("admin:workflow_processingreminder_changelist"))
    assert page.status_code == 200 and "intake1" in page.content.decode()
    reminder = ProcessingReminder.objects.get(user=people["reviewer"])
    detail = admin_client.get(
        reverse("admin:workflow_processingreminder_change", args=[reminder.pk])
    )
    assert detail.status_code == 200 and cases["b"].reference in detail.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_send_each_mail_once(cases, people, requires_postgres):
    from tests.workflow.test_concurrency import run_together

    def command():
        out = StringIO()
        call_command("processing_reminders", stdout=out)
        return out.getvalue()

    mail.outbox.clear()  # the applicant's mails of the set-up, sent at each commit here
    for _ in range(3):
        results = run_together(command, command)
        assert not [r for r in results if isinstance(r, Exception)], results
        assert ProcessingReminder.objects.count() == 3
        assert sorted(m.to[0] for m in mail.outbox) == [
            "i1@pref.example.jp",
            "i2@pref.example.jp",
            "rv@pref.example.jp",
        ]
        queued = sorted(int(r.split("reminders queued: ")[1].split()[0]) for r in results)
        assert queued in ([0, 3], [1, 2])  # whichever wrote a person's row sends it
        ProcessingReminder.objects.all().delete()
        mail.outbox.clear()
