"""Target ② counting: the seed's figures, fiscal-year boundaries in Tokyo, kinds, the live count."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from approvals.constants import ApprovalKind
from approvals.fiscal import fiscal_year_of, local_date
from approvals.models import Application, Approval, ApprovalDayCount, LegacyApproval, TargetSeries
from approvals.targets.counting import (
    achievement_rate,
    fiscal_year_label,
    pace_projection,
    series_years,
    year_rows,
)
from tests import factories
from workflow import services
from workflow.services import open_task

TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.mark.parametrize(
    ("moment", "fiscal_year"),
    [
        (datetime(2027, 3, 31, 23, 59, tzinfo=TOKYO), 2026),
        (datetime(2027, 4, 1, 0, 0, tzinfo=TOKYO), 2027),
        # 00:30 on 1 April in Tokyo is still 31 March in UTC: already the new year.
        (datetime(2027, 3, 31, 15, 30, tzinfo=UTC), 2027),
        (datetime(2027, 3, 31, 14, 59, tzinfo=UTC), 2026),
        (datetime(2027, 1, 1, 0, 0, tzinfo=TOKYO), 2026),
    ],
)
def test_fiscal_year_of_a_moment_is_taken_on_the_tokyo_date(moment, fiscal_year):
    assert fiscal_year_of(local_date(moment)) == fiscal_year


@pytest.mark.parametrize(
    ("year", "label"),
    [
        (2007, "2007年度（平成19年度）"),
        (1989, "1989年度（平成元年度）"),
        (2019, "2019年度（令和元年度）"),
        (2026, "2026年度（令和8年度）"),
    ],
)
def test_fiscal_year_label_gives_both_forms(year, label):
    assert fiscal_year_label(year) == label


@pytest.mark.parametrize(
    ("actual", "target", "rate"),
    [(1040, 1165, "89.3"), (1165, 1165, "100.0"), (0, 1165, "0.0"), (5, None, None)],
)
def test_achievement_rate_is_one_decimal_half_up(actual, target, rate):
    assert achievement_rate(actual, target) == rate


def test_pace_projection_extends_the_pace_to_the_whole_year():
    # 10 approvals in the first 73 of 365 days (1 April – 12 June 2007): 50 over the year.
    assert pace_projection(previous=1040, so_far=10, today=date(2007, 6, 12)) == 1090
    assert pace_projection(previous=1040, so_far=0, today=date(2007, 4, 1)) == 1040


def _seed_rows(counts, today):
    return year_rows(
        baseline_as_of=date(2007, 3, 31),
        baseline_count=1040,
        targets={2007: 1165, 2008: 1290, 2009: 1415, 2010: 1540},
        recorded={2005: 940, 2006: 1040},
        counts=counts,
        today=today,
    )


def test_year_rows_cumulate_from_the_baseline():
    rows = {r.fiscal_year: r for r in _seed_rows({2007: 100, 2008: 130}, date(2008, 10, 1))}
    assert [rows[2005].actual, rows[2006].actual, rows[2007].actual, rows[2008].actual] == [
        940,
        1040,
        1140,
        1270,
    ]
    assert rows[2006].approvals_in_year == 100
    assert rows[2008].approvals_in_year == 130
    assert rows[2007].achievement_rate == "97.9"
    assert rows[2008].is_current and rows[2008].projection == 1140 + 258  # 130 in 184 of 365 days
    assert rows[2007].projection is None
    assert (rows[2009].actual, rows[2009].target) == (None, 1415)


@pytest.mark.django_db
def test_seed_figures_on_a_fresh_database():
    series = TargetSeries.objects.get(code="target-2")
    assert series.unit == "件"
    assert (series.baseline_as_of, series.baseline_count) == (date(2007, 3, 31), 1040)
    rows = {r.fiscal_year: r for r in series_years(series, today=date(2026, 6, 1))}
    assert rows[2005].actual == 940
    assert rows[2006].actual == 1040
    assert [rows[y].target for y in range(2007, 2011)] == [1165, 1290, 1415, 1540]
    assert rows[2026].is_current and rows[2026].actual == 1040
    assert max(rows) == 2026


@pytest.mark.django_db
def test_change_approvals_and_legacy_before_the_baseline_are_not_counted():
    series = TargetSeries.objects.get(code="target-2")
    company = factories.make_company()
    factories.make_approval(company, approved_on=date(2026, 5, 1))
    factories.make_approval(company, approved_on=date(2026, 5, 2), kind="change")
    LegacyApproval.objects.create(approved_on=date(2007, 3, 31), company_name="旧", theme="a")
    LegacyApproval.objects.create(approved_on=date(2007, 4, 1), company_name="旧", theme="b")
    rows = {r.fiscal_year: r for r in series_years(series, today=date(2026, 6, 1))}
    assert rows[2007].approvals_in_year == 1
    assert rows[2026].approvals_in_year == 1
    assert rows[2026].actual == 1042


@pytest.mark.django_db
def test_approvals_either_side_of_midnight_on_31_march_land_in_different_years():
    series = TargetSeries.objects.get(code="target-2")
    company = factories.make_company()
    for moment in (
        datetime(2027, 3, 31, 23, 59, tzinfo=TOKYO),
        datetime(2027, 4, 1, 0, 0, tzinfo=TOKYO),
    ):
        factories.make_approval(company, approved_on=local_date(moment))
    rows = {r.fiscal_year: r for r in series_years(series, today=date(2027, 4, 2))}
    assert (rows[2026].approvals_in_year, rows[2027].approvals_in_year) == (1, 1)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_data():
    series = TargetSeries.objects.get(code="target-2")

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            series_years(series, today=date(2026, 6, 1))
        return len(ctx)

    before = queries()
    company = factories.make_company()
    for day in (1, 2, 3):
        factories.make_approval(company, approved_on=date(2025, 5, day))
    LegacyApproval.objects.create(approved_on=date(2010, 4, 1), company_name="旧", theme="a")
    assert queries() == before


def _step(application, step, user, decision, **extra):
    task = open_task(application, step)
    services.task_complete(task=task, user=user, decision=decision, **extra)
    return Application.objects.get(pk=application.pk)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_approval_through_the_flow_raises_the_current_year_by_exactly_one(draft, applicant):
    """Counted the moment the decision commits, in the published figures too (the API's are
    kept in memory between approvals, and were read before the decision)."""
    staff = {r: factories.make_user(r) for r in ("intake", "reviewer", "approver")}
    series = TargetSeries.objects.get(code="target-2")
    today = timezone.localdate()
    public = Client()

    def current():
        row = next(r for r in series_years(series, today=today) if r.is_current)
        published = public.get("/api/v1/targets/target-2/").json()["years"]
        assert [y["actual"] for y in published if y["fiscal_year"] == row.fiscal_year] == [
            row.actual
        ]
        return row

    before = current()
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    _step(draft, "intake", staff["intake"], "accept")
    _step(draft, "review", staff["reviewer"], "recommend_approval")
    assert current().actual == before.actual
    app = _step(draft, "decision", staff["approver"], "approve")
    assert app.status == "approved"
    after = current()
    assert after.actual == before.actual + 1
    assert after.approvals_in_year == before.approvals_in_year + 1


def _actual(fiscal_year: int) -> int:
    """The cumulative actual of `fiscal_year` seen on a day in that year (the current year has
    data even before its first approval; a past year without approvals has none)."""
    series = TargetSeries.objects.get(code="target-2")
    today = date(fiscal_year, 12, 1)
    row = next(r for r in series_years(series, today=today) if r.fiscal_year == fiscal_year)
    return row.actual


def tally_drift() -> dict:
    """Days on which the tally and the approvals themselves disagree: {day: (tally, live)}."""
    live = dict(
        Approval.objects.filter(kind=ApprovalKind.NEW)
        .values("approved_on")
        .annotate(n=Count("*"))
        .order_by()
        .values_list("approved_on", "n")
    )
    tally = dict(ApprovalDayCount.objects.exclude(new_plans=0).values_list("day", "new_plans"))
    return {
        day: (tally.get(day, 0), live.get(day, 0))
        for day in set(live) | set(tally)
        if tally.get(day, 0) != live.get(day, 0)
    }


@pytest.mark.django_db
def test_the_day_tally_follows_every_approval_and_matches_the_approvals_themselves():

    day = date(2027, 6, 1)
    before = _actual(2027)
    for _ in range(3):
        factories.make_approval(approved_on=day)
    factories.make_approval(approved_on=day, kind="change")
    factories.make_approval(approved_on=date(2027, 6, 2))
    assert ApprovalDayCount.objects.get(day=day).new_plans == 3
    assert _actual(2027) == before + 4
    assert tally_drift() == {}


@pytest.mark.django_db
def test_a_rolled_back_approval_leaves_the_tally_and_the_target_unchanged():
    from django.db import transaction

    from approvals.numbering import approval_grant

    application = factories.make_application(factories.make_company(), complete=False)
    approver = factories.make_user("approver")
    before = _actual(2027)
    with pytest.raises(RuntimeError), transaction.atomic():
        approval_grant(application=application, actor=approver, approved_on=date(2027, 7, 1))
        assert _actual(2027) == before + 1  # inside the transaction it already counts
        raise RuntimeError("the notice step failed")
    assert _actual(2027) == before


@pytest.mark.django_db
def test_tally_drift_reports_a_day_changed_behind_the_tally():

    approval = factories.make_approval(approved_on=date(2027, 8, 3))
    Approval.objects.filter(pk=approval.pk).update(approved_on=date(2027, 8, 4))
    assert tally_drift() == {date(2027, 8, 3): (1, 0), date(2027, 8, 4): (0, 1)}


@pytest.mark.django_db
def test_the_migration_tallies_approvals_recorded_before_the_tally_existed():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("approvals.migrations.0006_approval_day_count")
    factories.make_approval(approved_on=date(2026, 5, 1))
    factories.make_approval(approved_on=date(2026, 5, 1))
    factories.make_approval(approved_on=date(2026, 5, 1), kind="change")
    ApprovalDayCount.objects.all().delete()
    migration.backfill(apps, None)
    assert list(ApprovalDayCount.objects.values_list("day", "fiscal_year", "new_plans")) == [
        (date(2026, 5, 1), 2026, 2)
    ]
