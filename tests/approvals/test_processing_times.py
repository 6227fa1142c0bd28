"""Processing times per fiscal year (標準処理期間) on the target dashboard and in the API:
decisions, nearest-rank median and 90th percentile of the working days from arrival to the
decision (補正 excluded), the share within the period. Real applications through the flow."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from approvals.clock import TOKYO
from approvals.constants import ApplicationKind
from approvals.models import Application, Authority, ProcessingTimeCount
from approvals.processing import clock_settings, recompute_decision_clocks
from approvals.targets.memo import memo
from approvals.targets.processing_times import (
    nearest_rank,
    processing_times,
    rebuild_processing_counts,
)
from tests import factories
from tests.api.conftest import client_for
from tests.documents.conftest import attach_required, staff_step
from workflow import services

URL = "/api/v1/targets/processing-times/"


@pytest.fixture
def at(monkeypatch):
    """`at(2027, 6, 1, 10)`: from now on the whole system reads that Tokyo time."""

    def set_time(*parts):
        moment = datetime(*parts, tzinfo=TOKYO)
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_time


@pytest.fixture
def flow(company, applicant, staff, at):
    """Drive one application through the procedure at given Tokyo times."""

    class Flow:
        def submit(self, when, application=None):
            at(*when)
            application = application or factories.make_application(company, applicant)
            services.application_submit(
                application=application, actor=applicant, acknowledge_failures=False
            )
            return application

        def to_decision(self, application, when):
            at(*when)
            staff_step(application, "intake", staff["intake"], "accept")
            staff_step(application, "review", staff["reviewer"], "recommend_approval", "妥当")

        def decide(self, application, when, *, approve=True):
            at(*when)
            if approve:
                staff_step(application, "decision", staff["approver"], "approve")
            else:
                staff_step(application, "decision", staff["approver"], "refuse", "根拠がない。")
            return Application.objects.get(pk=application.pk)

        def return_and_resubmit(self, application, returned, resubmitted):
            at(*returned)
            staff_step(application, "intake", staff["intake"], "return", "押印がありません。")
            at(*resubmitted)
            task = services.open_task(application, "correction")
            services.task_complete(task=task, user=applicant, decision="resubmit")

    return Flow()


# --- the percentile --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "percent", "expected"),
    [
        ([7], 50, 7),
        ([7], 90, 7),
        ([1, 2, 3, 4], 50, 2),  # rank ⌈2⌉ = 2: the lower middle, a value some case took
        ([1, 2, 3, 4, 5], 50, 3),  # rank ⌈2.5⌉ = 3
        (list(range(1, 11)), 90, 9),  # rank ⌈9⌉ = 9
        (list(range(1, 12)), 90, 10),  # rank ⌈9.9⌉ = 10
        ([5, 5, 5, 9], 90, 9),  # rank ⌈3.6⌉ = 4
        ([5, 5, 5, 9], 50, 5),
    ],
)
def test_nearest_rank(values, percent, expected):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    assert nearest_rank(counts, percent) == expected


def test_nearest_rank_of_nothing_is_none():
    assert nearest_rank({}, 50) is None


# --- through the flow ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_last_working_day_is_within_and_the_next_is_not(flow):
    """Filed Tue 2027-06-01: the 30 working days end Tue 7/13 (海の日 7/19 is later). Decided
    on 7/13 at 17:00: 30 days, within. Decided Wed 7/14: 31 days, not within. With a return
    on Fri 6/4 and the corrected version on Wed 6/9 (6/7–6/9 not counted), 7/16 is the last
    day and a decision then is 30 days, within."""
    on_time = flow.submit((2027, 6, 1, 10))
    late = flow.submit((2027, 6, 1, 11))
    corrected = flow.submit((2027, 6, 1, 12))
    flow.return_and_resubmit(corrected, (2027, 6, 4, 11), (2027, 6, 9, 16))
    for application in (on_time, late, corrected):
        flow.to_decision(application, (2027, 6, 21, 10))
    on_time = flow.decide(on_time, (2027, 7, 13, 17))
    late = flow.decide(late, (2027, 7, 14, 9), approve=False)
    corrected = flow.decide(corrected, (2027, 7, 16, 17))

    stored = [
        (a.decision_working_days, a.decided_within_period) for a in (on_time, late, corrected)
    ]
    assert stored == [(30, True), (31, False), (30, True)]
    [year] = processing_times()
    assert year.fiscal_year == 2027 and year.label == "2027年度（令和9年度）"
    assert year.decisions == 3  # approvals and refusals alike
    assert (year.median_working_days, year.p90_working_days) == (30, 31)
    assert (year.within_period, year.within_period_pct) == (2, Decimal("66.7"))


@pytest.mark.django_db
def test_a_decision_on_a_holiday_after_the_last_day_is_late(flow):
    """Due Fri 2027-07-16; a decision on Sat 7/17 counts no more working days (30) but is
    after the last day of the period: not within, as the clock says overdue."""
    application = flow.submit((2027, 6, 1, 10))
    flow.return_and_resubmit(application, (2027, 6, 4, 11), (2027, 6, 9, 16))
    flow.to_decision(application, (2027, 6, 21, 10))
    decided = flow.decide(application, (2027, 7, 17, 10))
    assert (decided.decision_working_days, decided.decided_within_period) == (30, False)


@pytest.mark.django_db
def test_years_run_april_to_march_in_tokyo(flow):
    """23:30 on 3/31 in Tokyo is FY2026; 00:30 on 4/1 in Tokyo (still 3/31 in UTC) is
    FY2027."""
    march = flow.submit((2027, 3, 1, 10))
    april = flow.submit((2027, 3, 1, 11))
    for application in (march, april):
        flow.to_decision(application, (2027, 3, 10, 10))
    flow.decide(march, (2027, 3, 31, 23, 30))
    flow.decide(april, (2027, 4, 1, 0, 30))
    years = processing_times()
    assert [(y.fiscal_year, y.decisions) for y in years] == [(2027, 1), (2026, 1)]
    # 3/2 (Tue) to 3/31 (Wed): 22 weekdays, less the 振替休日 of 春分の日 (Sun 3/21) on 3/22.
    assert years[1].median_working_days == 21


@pytest.mark.django_db
def test_withdrawn_applications_are_not_decisions(flow, applicant):
    decided = flow.submit((2027, 6, 1, 10))
    withdrawn = flow.submit((2027, 6, 1, 11))
    flow.to_decision(decided, (2027, 6, 2, 10))
    flow.decide(decided, (2027, 6, 3, 10))
    services.application_withdraw(application=withdrawn, actor=applicant)
    assert [y.decisions for y in processing_times()] == [1]


@pytest.mark.django_db
def test_changes_are_counted_apart_with_their_own_period(flow, staff):
    """A change approval is not a new plan's decision: its own table, its own period."""
    from approvals.change import change_create

    authority = Authority.current()
    authority.standard_processing_days_change = 2
    authority.save()
    original = flow.submit((2027, 6, 1, 10))
    flow.to_decision(original, (2027, 6, 2, 10))
    original = flow.decide(original, (2027, 6, 3, 10))
    change = change_create(
        application=original,
        actor=original.created_by,
        reason="計画期間を延長する。",
        items=["period_extension"],
    )
    attach_required(change, original.created_by)
    flow.submit((2027, 6, 7, 10), change)  # Mon; 2 working days end Wed 6/9
    flow.to_decision(change, (2027, 6, 8, 10))
    flow.decide(change, (2027, 6, 10, 10))  # Thu: 3 days, late against 2
    [new] = processing_times(ApplicationKind.NEW)
    [changed] = processing_times(ApplicationKind.CHANGE)
    assert (new.decisions, new.median_working_days, new.within_period) == (1, 2, 1)
    assert (changed.decisions, changed.median_working_days, changed.within_period) == (1, 3, 0)


# --- the API and the dashboard ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_api_gives_aggregates_without_login(flow, client):
    on_time = flow.submit((2027, 6, 1, 10))
    flow.to_decision(on_time, (2027, 6, 2, 10))
    flow.decide(on_time, (2027, 6, 3, 10))
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {
        "standard_period": {"new": 30, "change": 30},
        "percentile_method": "nearest_rank",
        "new": [
            {
                "fiscal_year": 2027,
                "label": "2027年度（令和9年度）",
                "decisions": 1,
                "median_working_days": 2,
                "p90_working_days": 2,
                "within_period": 1,
                "within_period_pct": "100.0",
            }
        ],
        "change": [],
    }
    # Nothing of the firm: no company, reference or application id.
    body = response.content.decode()
    assert on_time.company.name not in body and on_time.reference not in body


@pytest.mark.django_db
def test_a_refusal_is_counted_at_once_though_the_figures_are_kept(flow, client):
    """The public figures are kept under the target token: a refusal (no approval number,
    no tally) must replace it too, so the next request counts it."""
    first = flow.submit((2027, 6, 1, 10))
    second = flow.submit((2027, 6, 1, 11))
    for application in (first, second):
        flow.to_decision(application, (2027, 6, 2, 10))
    flow.decide(first, (2027, 6, 3, 10))
    assert client.get(URL).json()["new"][0]["decisions"] == 1
    assert "決定件数" in client.get("/targets/").content.decode()
    flow.decide(second, (2027, 6, 4, 10), approve=False)
    assert client.get(URL).json()["new"][0]["decisions"] == 2
    html = client.get("/targets/").content.decode()
    assert '<td class="num" data-label="決定件数">2</td>' in html


@pytest.mark.django_db
def test_a_new_standard_period_is_shown_at_once(client):
    assert client.get(URL).json()["standard_period"]["new"] == 30
    authority = Authority.current()
    authority.standard_processing_days = 35
    authority.save()
    assert client.get(URL).json()["standard_period"]["new"] == 35
    assert "新規の承認申請が35開庁日" in client.get("/targets/").content.decode()


@pytest.mark.django_db
def test_the_dashboard_shows_the_table_to_everyone(flow, client, applicant):
    late = flow.submit((2027, 6, 1, 10))
    flow.to_decision(late, (2027, 6, 2, 10))
    flow.decide(late, (2027, 7, 14, 9))
    html = client.get("/targets/").content.decode()
    assert "処理期間の実績（標準処理期間）" in html
    assert 'id="processing-new"' in html and 'id="processing-change"' in html
    assert '<td class="num" data-label="中央値（開庁日）">31</td>' in html
    assert "0.0%（0件）" in html
    assert late.company.name not in html and late.reference not in html
    signed_in = client_for(applicant).get("/targets/").content.decode()
    assert "処理期間の実績（標準処理期間）" in signed_in


@pytest.mark.django_db
def test_the_figures_cost_fixed_queries(flow):
    """One grouped query per procedure, whatever the number of decisions."""

    def queries() -> int:
        memo.clear()
        with CaptureQueriesContext(connection) as captured:
            processing_times()
        return len(captured)

    first = flow.submit((2027, 6, 1, 10))
    flow.to_decision(first, (2027, 6, 2, 10))
    flow.decide(first, (2027, 6, 3, 10))
    one = queries()
    for hour in (11, 12, 13):
        more = flow.submit((2027, 6, 1, hour))
        flow.to_decision(more, (2027, 6, 2, 10))
        flow.decide(more, (2027, 6, 3 + hour - 10, 10))
    assert queries() == one == 1


@pytest.mark.django_db
def test_recomputing_from_the_history_gives_what_was_stored(flow):
    """The migration's backfill (and the benchmark's comparison) reads the versions and the
    history: the same figures as stored at the decision."""
    on_time = flow.submit((2027, 6, 1, 10))
    corrected = flow.submit((2027, 6, 1, 12))
    flow.return_and_resubmit(corrected, (2027, 6, 4, 11), (2027, 6, 9, 16))
    for application in (on_time, corrected):
        flow.to_decision(application, (2027, 6, 21, 10))
    flow.decide(on_time, (2027, 7, 14, 9))
    flow.decide(corrected, (2027, 7, 16, 17))
    fields = ("pk", "decision_working_days", "decided_within_period")
    stored = list(Application.objects.filter(decided_at__isnull=False).values_list(*fields))
    Application.objects.update(decision_working_days=None, decided_within_period=None)
    assert recompute_decision_clocks(clock_settings(), chunk=1) == 2
    again = list(Application.objects.filter(decided_at__isnull=False).values_list(*fields))
    assert sorted(again) == sorted(stored)
    assert {row[1:] for row in stored} == {(31, False), (30, True)}
    # The tally too: rebuilt from the stored figures, the rows the decisions added.
    tally = ("fiscal_year", "kind", "working_days", "within_period", "decisions")
    counted = sorted(ProcessingTimeCount.objects.values_list(*tally))
    assert counted == [(2027, "new", 30, True, 1), (2027, "new", 31, False, 1)]
    assert rebuild_processing_counts() == 2
    assert sorted(ProcessingTimeCount.objects.values_list(*tally)) == counted


# --- the due date kept for the staff queue's sort ----------------------------------------------


def stored_due(application) -> str | None:
    due = Application.objects.get(pk=application.pk).processing_due_on
    return due.isoformat() if due else None


@pytest.mark.django_db
def test_the_due_date_is_stored_at_each_submission_and_cleared_by_a_return(flow, at, staff):
    application = flow.submit((2027, 6, 1, 10))
    assert stored_due(application) == "2027-07-13"
    at(2027, 6, 4, 11)
    staff_step(application, "intake", staff["intake"], "return", "押印がありません。")
    assert stored_due(application) is None  # the clock stands still
    at(2027, 6, 9, 16)
    task = services.open_task(application, "correction")
    services.task_complete(task=task, user=application.created_by, decision="resubmit")
    assert stored_due(application) == "2027-07-16"


@pytest.mark.django_db
def test_closure_days_and_periods_move_the_stored_due_dates(flow):
    """The administrator's changes move every open case's stored date, as the clock's."""
    from datetime import date

    from approvals.models import ClosureDay

    open_case = flow.submit((2027, 6, 1, 10))
    decided = flow.submit((2027, 6, 1, 11))
    flow.to_decision(decided, (2027, 6, 2, 10))
    flow.decide(decided, (2027, 6, 3, 10))
    authority = Authority.current()
    closure = ClosureDay.objects.create(authority=authority, date=date(2027, 7, 1), reason="点検")
    assert stored_due(open_case) == "2027-07-14"
    assert stored_due(decided) == "2027-07-13"  # decided: left as it was
    authority.standard_processing_days = 20
    authority.save()
    assert stored_due(open_case) == "2027-06-29"  # 20 working days; 7/1 is after them
    closure.date = date(2027, 6, 29)
    closure.save()
    assert stored_due(open_case) == "2027-06-30"
    closure.delete()
    assert stored_due(open_case) == "2027-06-29"


@pytest.mark.django_db
def test_the_migrations_fill_the_figures_of_earlier_applications(flow):
    """0030–0032 on applications decided and submitted before the columns and the tally:
    the same figures, due dates and tally rows as the services write."""
    import importlib

    from django.apps import apps

    late = flow.submit((2027, 6, 1, 10))
    corrected = flow.submit((2027, 6, 1, 12))
    waiting = flow.submit((2027, 6, 2, 12))
    flow.return_and_resubmit(corrected, (2027, 6, 4, 11), (2027, 6, 9, 16))
    for application in (late, corrected):
        flow.to_decision(application, (2027, 6, 21, 10))
    flow.decide(late, (2027, 7, 14, 9), approve=False)
    flow.decide(corrected, (2027, 7, 16, 17))
    fields = ("pk", "decision_working_days", "decided_within_period", "processing_due_on")
    tally = ("fiscal_year", "kind", "working_days", "within_period", "decisions")
    written = sorted(Application.objects.values_list(*fields))
    counted = sorted(ProcessingTimeCount.objects.values_list(*tally))
    assert stored_due(waiting) == "2027-07-14"

    Application.objects.update(
        decision_working_days=None, decided_within_period=None, processing_due_on=None
    )
    ProcessingTimeCount.objects.all().delete()
    for name in ("0030_decision_clock", "0031_processing_due_on", "0032_processing_time_count"):
        importlib.import_module(f"approvals.migrations.{name}").backfill(apps, None)
    # The decided keep no due date (only open applications get one): as written otherwise.
    assert sorted(Application.objects.values_list(*fields)) == [
        row if row[0] == waiting.pk else (*row[:3], None) for row in written
    ]
    assert sorted(ProcessingTimeCount.objects.values_list(*tally)) == counted
