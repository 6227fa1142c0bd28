"""The outcome KPI on the target dashboard: answered surveys and the share of plans on track
or achieved, per approval fiscal year; a list of plans for policy staff only."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from approvals.models import FollowUp
from approvals.targets.outcome import outcome_by_year
from tests import factories

pytestmark = pytest.mark.django_db


def answered(approval, *, value_added, total_salary, kind="interim", on=date(2026, 5, 1)):
    return FollowUp.objects.create(
        application=approval.application,
        kind=kind,
        requested_on=on,
        requested_by=approval.approved_by,
        due_on=on,
        status="submitted",
        submitted_at=timezone.now(),
        value_added_achieved=value_added,
        total_salary_achieved=total_salary,
    )


@pytest.fixture
def plans():
    company = factories.make_company(name="株式会社秘密")
    first = factories.make_approval(company, approved_on=date(2024, 6, 1))
    second = factories.make_approval(company, approved_on=date(2024, 7, 1))
    third = factories.make_approval(company, approved_on=date(2025, 6, 1))
    # The first plan's latest answer (final) counts, not its earlier interim one.
    answered(first, value_added=False, total_salary=False)
    answered(first, value_added=True, total_salary=True, kind="final")
    answered(second, value_added=False, total_salary=None)  # judged on 経常利益
    answered(third, value_added=True, total_salary=False)
    # An open survey is not an answer.
    FollowUp.objects.create(
        application=third.application,
        kind="adhoc",
        requested_on=date(2026, 5, 1),
        requested_by=third.approved_by,
        due_on=date(2026, 6, 1),
    )
    return first, second, third


def test_shares_per_approval_year_from_each_plans_latest_answer(plans):
    with CaptureQueriesContext(connection) as queries:
        years = outcome_by_year()
    assert len(queries) == 1
    fy2025, fy2024 = years
    assert (fy2024.fiscal_year, fy2024.answered, len(fy2024.plans)) == (2024, 3, 2)
    assert str(fy2024.value_added_pct) == "50.0"
    assert str(fy2024.total_salary_pct) == "100.0"  # the 経常利益 plan is not judged on it
    assert (fy2025.answered, str(fy2025.value_added_pct), str(fy2025.total_salary_pct)) == (
        1,
        "100.0",
        "0.0",
    )


def test_the_public_page_shows_aggregates_and_policy_staff_the_plans(plans, client):
    html = client.get("/targets/").content.decode()
    assert 'id="outcome-table"' in html and "50.0%" in html
    assert 'id="outcome-plans"' not in html
    assert plans[0].number not in html and "株式会社秘密" not in html
    client.force_login(factories.make_user("policy", username="policy-outcome"))
    html = client.get("/targets/").content.decode()
    assert 'id="outcome-plans"' in html and plans[0].number in html
