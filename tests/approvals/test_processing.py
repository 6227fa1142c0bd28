"""The clock's inputs from the database: arrival, correction rounds from the history, the
period by procedure (new or change) and the authority's closure days."""

from datetime import date, datetime

import pytest

from approvals.clock import TOKYO, Pause
from approvals.constants import Action, ApplicationKind, Status, Step
from approvals.models import Application, Authority, ClosureDay, HistoryEntry
from approvals.processing import application_clock, clock_settings, correction_pauses


def entry(action, step, *parts):
    return HistoryEntry(action=action, step=step, at=datetime(*parts, tzinfo=TOKYO))


def submitted(kind=ApplicationKind.NEW, history=(), **fields) -> Application:
    application = Application(kind=kind, status=Status.UNDER_REVIEW, **fields)
    application.first_submitted_at = datetime(2026, 12, 25, 9, tzinfo=TOKYO)
    application.clock_history = list(history)
    return application


def test_two_rounds_from_the_history():
    """return → resubmit, twice: two intervals, each with the step that asked."""
    history = [
        entry(Action.RETURN, Step.INTAKE, 2027, 6, 4, 17),
        entry(Action.RESUBMIT, Step.CORRECTION, 2027, 6, 9, 8),
        entry(Action.RETURN, Step.REVIEW, 2027, 6, 15, 10),
    ]
    assert correction_pauses(history) == (
        Pause(date(2027, 6, 5), date(2027, 6, 9), "補正依頼（受付）"),
        Pause(date(2027, 6, 16), None, "補正依頼（審査）"),
    )


@pytest.mark.django_db
def test_a_change_application_has_its_own_period():
    authority = Authority.current()
    authority.standard_processing_days_change = 20
    authority.save()
    settings = clock_settings()
    today = date(2027, 1, 5)
    new = application_clock(submitted(), settings=settings, today=today)
    change = application_clock(submitted(ApplicationKind.CHANGE), settings=settings, today=today)
    assert (new.period, new.due_on) == (30, date(2027, 2, 15))
    assert (change.period, change.due_on) == (20, date(2027, 1, 29))
    # 12/28, 1/4 and 1/5 counted; 12/29–1/3 is not a pause, just closed.
    assert (change.working_days_elapsed, change.working_days_paused) == (3, 0)
    assert change.working_days_left == 17  # 成人の日 1/11 not counted


@pytest.mark.django_db
def test_closure_days_and_decision_end_the_count():
    ClosureDay.objects.create(authority=Authority.current(), date=date(2027, 2, 15), reason="点検")
    decided = submitted(decided_at=datetime(2027, 2, 17, 15, tzinfo=TOKYO))
    clock = application_clock(decided, settings=clock_settings(), today=date(2027, 3, 31))
    assert clock.due_on == date(2027, 2, 16)
    assert clock.ended_on == date(2027, 2, 17)
    assert clock.working_days_elapsed == 31
    assert clock.overdue is True  # decided a day late
    assert clock.working_days_left is None


@pytest.mark.django_db
def test_a_draft_has_no_clock():
    draft = Application(kind=ApplicationKind.NEW, status=Status.DRAFT)
    draft.first_submitted_at = None
    assert application_clock(draft, settings=clock_settings(), today=date(2027, 1, 5)) is None
