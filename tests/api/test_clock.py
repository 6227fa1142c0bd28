"""The processing-period clock through the API: arrival, due date, elapsed and paused working
days, overdue, on the application and on the tasks (DOMAIN.md §11)."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from approvals.clock import TOKYO
from approvals.models import Authority, ClosureDay
from tests.api.conftest import client_for
from tests.api.task_support import complete, listed, make_staff, task_id
from workflow import services


@pytest.fixture
def staff(db):
    return make_staff()


@pytest.fixture
def at(monkeypatch):
    """`at(2027, 6, 1, 10)`: from now on the clock of the whole system reads that Tokyo time."""

    def set_time(*parts):
        moment = datetime(*parts, tzinfo=TOKYO)
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_time


def clock_fields(user, application) -> dict:
    body = client_for(user).get(f"/api/v1/applications/{application.pk}/").json()
    keys = ("arrived_at", "due_on", "working_days_elapsed", "working_days_paused", "overdue")
    return {key: body[key] for key in keys}


@pytest.mark.django_db
def test_a_draft_has_no_clock(applicant, draft):
    assert set(clock_fields(applicant, draft).values()) == {None}


@pytest.mark.django_db
def test_a_return_pauses_the_clock_in_the_api(applicant, draft, staff, at):
    """Filed Tue 6/1, returned Fri 6/4, corrected Wed 6/9: the three working days 6/7–6/9 are
    not counted, so the 30-day period ends on 7/16 instead of 7/13; the tasks show it too."""
    at(2027, 6, 1, 10)
    submit = client_for(applicant).post(
        f"/api/v1/applications/{draft.pk}/submit/", {}, format="json"
    )
    assert submit.status_code == 200, submit.json()
    assert clock_fields(applicant, draft)["due_on"] == "2027-07-13"
    [task] = listed(client_for(staff["intake"]))
    assert task["due"] == "2027-07-13"

    at(2027, 6, 4, 11)
    returned = complete(
        client_for(staff["intake"]), task_id(draft, "intake"), "return", "押印がありません。"
    )
    assert returned.status_code == 200, returned.json()
    at(2027, 6, 8, 9)
    waiting = clock_fields(applicant, draft)
    # While the correction is awaited there is no due date, and the count stands still.
    assert waiting["due_on"] is None
    assert (waiting["working_days_elapsed"], waiting["working_days_paused"]) == (3, 2)
    assert waiting["overdue"] is False

    at(2027, 6, 9, 16)
    resubmitted = complete(client_for(applicant), task_id(draft, "correction"), "resubmit")
    assert resubmitted.status_code == 200, resubmitted.json()
    at(2027, 6, 10, 9)
    fields = clock_fields(applicant, draft)
    assert fields == {
        "arrived_at": "2027-06-01T10:00:00+09:00",
        "due_on": "2027-07-16",
        "working_days_elapsed": 4,
        "working_days_paused": 3,
        "overdue": False,
    }
    [task] = listed(client_for(staff["intake"]))
    assert task["due"] == "2027-07-16"

    at(2027, 7, 16, 17)  # the last day of the period
    assert clock_fields(applicant, draft)["overdue"] is False
    at(2027, 7, 17, 9)  # undecided the day after (a Saturday)
    assert clock_fields(staff["intake"], draft)["overdue"] is True


@pytest.mark.django_db
def test_period_and_closure_days_come_from_the_authority(applicant, draft, at):
    """The administrator's period and closure days move the due date."""
    authority = Authority.current()
    authority.standard_processing_days = 20
    authority.save()
    ClosureDay.objects.create(authority=authority, date=date(2027, 6, 29), reason="点検")
    at(2027, 6, 1, 10)
    submit = client_for(applicant).post(
        f"/api/v1/applications/{draft.pk}/submit/", {}, format="json"
    )
    assert submit.status_code == 200, submit.json()
    assert clock_fields(applicant, draft)["due_on"] == "2027-06-30"


@pytest.mark.django_db
def test_a_page_of_applications_costs_fixed_queries(api, staff, company, applicant, at):
    """Listing applications reads the clock without a query per row."""
    from tests import factories

    at(2027, 6, 1, 10)
    client = api(staff["intake"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/applications/").status_code == 200
        return len(queries)

    def add():
        draft = factories.make_application(company, applicant)
        services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)

    add()
    count()  # the first request of a token does its own bookkeeping
    one = count()
    add()
    add()
    assert count() == one
