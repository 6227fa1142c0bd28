"""Two people acting on one application at once, on PostgreSQL, many times over.

Each pair starts at a barrier, the second action a few milliseconds after the first (0 to 20,
varied over the repetitions, so both orders and the overlap in between come up). Whatever the
order, the outcome is one of the orders the procedure allows, the loser gets an error a client
can be shown (never a crash), and the application's flow matches its status afterwards
(workflow.consistency): never an open task on a closed application.
"""

import os
import time
from collections import Counter
from functools import partial

import pytest

from accounts.models import User
from approvals import services as approvals_services
from approvals.errors import ApplicationError
from approvals.models import Application
from tests import factories
from tests.workflow.test_concurrency import make_staff, run_together
from workflow import services
from workflow.consistency import problems_of
from workflow.flows import ApplicationFlow
from workflow.services import open_task

# More with KAKUSHIN_RACE_REPETITIONS=200 (`-s` prints how often each outcome came up).
REPETITIONS = int(os.environ.get("KAKUSHIN_RACE_REPETITIONS", "12"))
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def delays():
    """0, 2, … 20 ms: the second action's start after the barrier, one per repetition."""
    return [n * 20 / (REPETITIONS - 1) / 1000 for n in range(REPETITIONS)]


def later(seconds, call):
    def delayed():
        time.sleep(seconds)
        return call()

    return delayed


def fresh(model, pk):
    return model.objects.get(pk=pk)


@pytest.fixture
def seen(request):
    """How often each outcome (first action's / second's) came up, printed after the test."""
    outcomes = Counter()
    yield outcomes
    print(f"\n{request.node.name}: {REPETITIONS} races: {dict(outcomes)}")


def outcome(results) -> str:
    return " / ".join(type(r).__name__ if isinstance(r, Exception) else str(r) for r in results)


def assert_no_crash(results):
    """Every result is a value or a domain error a client is shown (409/404), nothing else."""
    crashes = [
        r for r in results if isinstance(r, Exception) and not isinstance(r, ApplicationError)
    ]
    assert not crashes, crashes


def assert_consistent(application_pk):
    application = Application.objects.filter(pk=application_pk).first()
    if application is not None:
        assert problems_of(application) == [], (application.status, problems_of(application))


def submit(application_pk, user_pk):
    return services.application_submit(
        application=fresh(Application, application_pk),
        actor=fresh(User, user_pk),
        acknowledge_failures=False,
    ).status


def withdraw(application_pk, user_pk):
    return services.application_withdraw(
        application=fresh(Application, application_pk), actor=fresh(User, user_pk)
    ).status


def delete(application_pk, user_pk):
    approvals_services.application_delete(
        application=fresh(Application, application_pk), actor=fresh(User, user_pk)
    )
    return "deleted"


def decide(application_pk, user_pk, step, decision, comment=""):
    task = open_task(fresh(Application, application_pk), step)
    if task is None:
        return "no open task"
    services.task_complete(task=task, user=fresh(User, user_pk), decision=decision, comment=comment)
    return fresh(Application, application_pk).status


def test_submit_racing_withdraw(requires_postgres, company, applicant, seen):
    """Submitted then withdrawn (its process cancelled), or the withdrawal refused because
    the draft was not submitted yet: never withdrawn with an intake task still open."""
    for delay in delays():
        draft = factories.make_application(company, applicant)
        results = run_together(
            partial(submit, draft.pk, applicant.pk),
            later(delay, partial(withdraw, draft.pk, applicant.pk)),
        )
        seen[outcome(results)] += 1
        assert_no_crash(results)
        assert_consistent(draft.pk)
        status = fresh(Application, draft.pk).status
        assert status in ("withdrawn", "submitted"), results
        if status == "submitted":
            assert isinstance(results[1], ApplicationError)


def test_resubmit_racing_withdraw(requires_postgres, company, applicant, seen):
    """Resubmitted then withdrawn, or withdrawn and the resubmission refused: 409, never 500."""
    people = make_staff()
    for delay in delays():
        application = factories.make_application(company, applicant)
        submit(application.pk, applicant.pk)
        decide(application.pk, people["intake"].pk, "intake", "return", "決算書を添付")
        results = run_together(
            partial(submit, application.pk, applicant.pk),
            later(delay, partial(withdraw, application.pk, applicant.pk)),
        )
        seen[outcome(results)] += 1
        assert_no_crash(results)
        assert_consistent(application.pk)
        assert fresh(Application, application.pk).status in ("withdrawn", "submitted"), results


def test_submit_racing_delete(requires_postgres, company, applicant, seen):
    """Either the draft is deleted and the submission told so, or it is submitted and the
    deletion refused: never a process left for a deleted application."""
    for delay in delays():
        draft = factories.make_application(company, applicant)
        results = run_together(
            partial(submit, draft.pk, applicant.pk),
            later(delay, partial(delete, draft.pk, applicant.pk)),
        )
        seen[outcome(results)] += 1
        assert_no_crash(results)
        exists = Application.objects.filter(pk=draft.pk).exists()
        assert exists == (results[0] == "submitted"), results
        processes = ApplicationFlow.process_class.objects.filter(application_id=draft.pk)
        assert processes.count() == (1 if exists else 0)
        assert_consistent(draft.pk)


def test_claim_racing_claim(requires_postgres, company, applicant, seen):
    """Two clerks claim one intake task: one holds it, the other is told who does."""
    people = make_staff()
    for delay in delays():
        draft = factories.make_application(company, applicant)
        submit(draft.pk, applicant.pk)
        task = open_task(draft, "intake")

        def claim(user, task_pk=task.pk):
            services.task_claim(task=ApplicationFlow.task_class.objects.get(pk=task_pk), user=user)
            return user.username

        results = run_together(
            lambda: claim(people["intake"]), later(delay, lambda: claim(people["intake2"]))
        )
        seen[outcome(results)] += 1
        assert_no_crash(results)
        winners = [r for r in results if isinstance(r, str)]
        assert len(winners) == 1, results
        assert ApplicationFlow.task_class.objects.get(pk=task.pk).owner.username == winners[0]
        assert "担当しています" in next(r for r in results if isinstance(r, Exception)).message
        assert_consistent(draft.pk)


def test_complete_racing_complete(requires_postgres, company, applicant, seen):
    """Two clerks accept one intake task: one decision, one review task, the other told."""
    people = make_staff()
    for delay in delays():
        draft = factories.make_application(company, applicant)
        submit(draft.pk, applicant.pk)
        results = run_together(
            partial(decide, draft.pk, people["intake"].pk, "intake", "accept"),
            later(delay, partial(decide, draft.pk, people["intake2"].pk, "intake", "accept")),
        )
        seen[outcome(results)] += 1
        assert_no_crash(results)
        assert "under_review" in results, results
        assert list(draft.history.filter(step="intake").values_list("action", flat=True)) == [
            "accept"
        ]
        assert_consistent(draft.pk)


def test_withdraw_racing_decide(requires_postgres, company, applicant, seen):
    """Approved (and the withdrawal refused), or withdrawn (and the decision told the task
    ended): never an approval of a withdrawn application."""
    people = make_staff()
    for delay in delays():
        application = factories.make_application(company, applicant)
        submit(application.pk, applicant.pk)
        decide(application.pk, people["intake"].pk, "intake", "accept")
        decide(application.pk, people["reviewer"].pk, "review", "recommend_approval", "妥当")
        results = run_together(
            partial(decide, application.pk, people["approver"].pk, "decision", "approve"),
            later(delay, partial(withdraw, application.pk, applicant.pk)),
        )
        seen[outcome(results)] += 1
        assert_no_crash(results)
        stored = fresh(Application, application.pk)
        assert stored.status in ("approved", "withdrawn"), results
        assert hasattr(stored, "approval") == (stored.status == "approved")
        assert_consistent(application.pk)
