"""Simultaneous actions on PostgreSQL: one winner per task, gapless approval numbers, and a
number given back when the approving transaction fails.

Each thread has its own database connection and starts at a barrier. SQLite cannot take row
locks, so the threaded tests need PostgreSQL (`DATABASE_URL=postgres://...`); the rollback test
without threads runs on both.
"""

import threading
import time
from datetime import datetime
from unittest import mock

import pytest
from django.db import connections
from django.utils import timezone

from accounts.models import User
from approvals import numbering, transitions
from approvals.fiscal import fiscal_year_of
from approvals.models import Application, Approval, ApprovalCounter
from tests import factories
from tests.api.conftest import client_for
from workflow import services
from workflow.flows import ApplicationFlow
from workflow.services import open_task

Task = ApplicationFlow.task_class


def make_staff():
    return {
        "intake": factories.make_user("intake", username="intake"),
        "intake2": factories.make_user("intake", username="intake2"),
        "reviewer": factories.make_user("reviewer", username="reviewer"),
        "approver": factories.make_user("approver", username="approver"),
    }


def run_together(*calls, timeout=60):
    """Run each call in its own thread (own connection), all released at once by a barrier;
    returns each call's result or the exception it raised."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=timeout)
            results[index] = call()
        except Exception as error:  # reported to the test, never swallowed
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    return results


def at_step(application, step, user, decision, comment=""):
    services.task_complete(
        task=open_task(application, step), user=user, decision=decision, comment=comment
    )


def decision_ready(company, applicant, people) -> Application:
    """A new application of the company, accepted and recommended: at its decision."""
    application = factories.make_application(company, applicant)
    services.application_submit(
        application=application, actor=applicant, acknowledge_failures=False
    )
    at_step(application, "intake", people["intake"], "accept")
    at_step(application, "review", people["reviewer"], "recommend_approval", "妥当")
    return Application.objects.get(pk=application.pk)


def approve(application_pk, approver_pk):
    """What one approver's request does, from its own thread: fresh rows, then the service."""
    application = Application.objects.get(pk=application_pk)
    approver = User.objects.get(pk=approver_pk)
    services.task_complete(
        task=open_task(application, "decision"), user=approver, decision="approve"
    )
    return Approval.objects.get(application_id=application_pk).sequence


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_clerks_completing_one_task_at_once(requires_postgres, draft, applicant):
    """Exactly one completion wins; the other is 409 naming who decided and when, and the flow
    moved on once: a single review task."""
    people = make_staff()
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    intake = open_task(draft, "intake").pk
    path = f"/api/v1/tasks/{intake}/complete/"
    clerks = {name: client_for(people[name]) for name in ("intake", "intake2")}

    responses = run_together(
        *(
            lambda c=client: c.post(path, {"decision": "accept"}, format="json")
            for client in clerks.values()
        )
    )

    assert sorted(r.status_code for r in responses) == [200, 409], responses
    winner = next(r for r in responses if r.status_code == 200).json()["owner"]
    conflict = next(r for r in responses if r.status_code == 409).json()
    task = Task.objects.get(pk=intake)
    assert (task.status, task.owner.username) == ("DONE", winner)
    assert conflict["decided_by"] == winner
    assert datetime.fromisoformat(conflict["decided_at"]) == task.finished
    reviews = Task.objects.filter(
        process__applicationprocess__application=draft, flow_task=ApplicationFlow.review
    )
    assert reviews.count() == 1
    assert Application.objects.get(pk=draft.pk).status == "under_review"
    assert list(draft.history.filter(step="intake").values_list("action", flat=True)) == ["accept"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_simultaneous_approvals_are_numbered_1_to_20(requires_postgres):
    """20 approvals from 20 connections at once queue on the fiscal year's counter row: numbers
    1…20, no gap, no duplicate."""
    people = make_staff()
    # One company each: approvals of one company's applications already queue on its row.
    applications = []
    for n in range(20):
        applicant = factories.make_user("applicant", username=f"applicant{n}@example.jp")
        company = factories.make_company(applicant, name=f"株式会社テスト{n}")
        applications.append(decision_ready(company, applicant, people))
    approver = people["approver"].pk
    waits = []
    real_next_sequence = numbering.next_sequence

    def next_sequence_timed(fiscal_year):
        started = time.monotonic()
        sequence = real_next_sequence(fiscal_year)
        waits.append(time.monotonic() - started)
        return sequence

    with mock.patch("approvals.numbering.next_sequence", next_sequence_timed):
        results = run_together(*(lambda a=a.pk: approve(a, approver) for a in applications))

    assert not [r for r in results if isinstance(r, Exception)], results
    # They did run at once: approvals waited on the counter row for another's number.
    assert max(waits) > 0.04, waits
    assert sorted(results) == list(range(1, 21))
    fiscal_year = fiscal_year_of(timezone.localdate())
    approvals = Approval.objects.filter(fiscal_year=fiscal_year)
    assert sorted(approvals.values_list("sequence", flat=True)) == list(range(1, 21))
    assert sorted(approvals.values_list("number", flat=True)) == sorted(
        f"経革第{n}号" for n in range(1, 21)
    )
    assert ApprovalCounter.objects.get(fiscal_year=fiscal_year).last_number == 20
    assert set(
        Application.objects.filter(pk__in=[a.pk for a in applications]).values_list(
            "status", flat=True
        )
    ) == {"approved"}


class FailOnce:
    """Patches `history_add` to fail once for one application, after its number was taken
    (`taken` is set then), optionally holding the counter row for `delay` seconds first."""

    def __init__(self, application_pk, *, delay=0.0):
        self.application_pk = application_pk
        self.delay = delay
        self.taken = threading.Event()
        self.real = transitions.history_add

    def history_add(self, *, application, **kwargs):
        if application.pk == self.application_pk and not self.taken.is_set():
            self.taken.set()
            time.sleep(self.delay)
            raise RuntimeError("history store unavailable")
        return self.real(application=application, **kwargs)

    def __enter__(self):
        self.patch = mock.patch("approvals.transitions.history_add", self.history_add)
        self.patch.start()
        return self

    def __exit__(self, *exc):
        self.patch.stop()


def _assert_untouched(application):
    application = Application.objects.get(pk=application.pk)
    assert application.status == "awaiting_decision"
    assert application.decided_at is None
    assert not Approval.objects.filter(application=application).exists()
    task = open_task(application, "decision")
    assert task is not None and task.status == "NEW" and task.owner is None


@pytest.mark.django_db
def test_failure_after_taking_the_number_gives_it_back(company, applicant):
    """Without threads (SQLite too): the failed approval consumes no number."""
    people = make_staff()
    application = decision_ready(company, applicant, people)
    fiscal_year = fiscal_year_of(timezone.localdate())

    with FailOnce(application.pk), pytest.raises(RuntimeError):
        approve(application.pk, people["approver"].pk)

    _assert_untouched(application)
    assert not ApprovalCounter.objects.filter(fiscal_year=fiscal_year, last_number__gt=0).exists()
    assert approve(application.pk, people["approver"].pk) == 1
    assert Approval.objects.get(application=application).number == "経革第1号"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_failed_approval_releases_its_number_to_a_concurrent_one(
    requires_postgres, company, applicant, other_company, other_applicant
):
    """The failing approval takes number 1 and holds the counter row; a concurrent approval
    queues on the row, then gets number 1 itself once the failure rolls back. The failed one
    is approved later as number 2."""
    people = make_staff()
    failing = decision_ready(company, applicant, people)
    other = decision_ready(other_company, other_applicant, people)  # no shared company row
    approver = people["approver"].pk

    with FailOnce(failing.pk, delay=0.5) as fail:

        def after_number_taken():
            assert fail.taken.wait(timeout=30)
            started = time.monotonic()
            sequence = approve(other.pk, approver)
            return sequence, time.monotonic() - started

        results = run_together(lambda: approve(failing.pk, approver), after_number_taken)

    assert isinstance(results[0], RuntimeError), results
    sequence, waited = results[1]
    assert sequence == 1
    assert waited >= 0.3  # it really queued behind the failing transaction's counter lock
    _assert_untouched(failing)
    fiscal_year = fiscal_year_of(timezone.localdate())
    assert ApprovalCounter.objects.get(fiscal_year=fiscal_year).last_number == 1
    assert approve(failing.pk, approver) == 2
    assert ApprovalCounter.objects.get(fiscal_year=fiscal_year).last_number == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_approvals_and_refusals_all_reach_the_processing_tally(requires_postgres):
    """Approvals and refusals at once, all decided the day they arrived (0 working days): the
    tally row of the processing times counts every one (no lost update, no deadlock between
    an approval's token-then-tally and a refusal's)."""
    from approvals.models import ProcessingTimeCount

    people = make_staff()
    applications = []
    for n in range(8):
        applicant = factories.make_user("applicant", username=f"applicant{n}@example.jp")
        company = factories.make_company(applicant, name=f"株式会社テスト{n}")
        applications.append(decision_ready(company, applicant, people))
    approver = User.objects.get(pk=people["approver"].pk)

    def decide(pk, index):
        def call():
            decision, comment = ("refuse", "根拠が不十分。") if index % 2 else ("approve", "")
            task = open_task(Application.objects.get(pk=pk), "decision")
            services.task_complete(task=task, user=approver, decision=decision, comment=comment)
            return Application.objects.get(pk=pk).status

        return call

    results = run_together(*(decide(a.pk, i) for i, a in enumerate(applications)))
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(results) == ["approved"] * 4 + ["refused"] * 4
    rows = ProcessingTimeCount.objects.values_list("kind", "working_days", "decisions")
    assert list(rows) == [("new", 0, 8)]
