"""Target ②: revoked and discontinued plans are counted in the fiscal year of their end, apart,
and stay in the cumulative actual (they were granted that year)."""

from datetime import date

import pytest
from django.db import transaction
from django.utils import timezone
from rest_framework.test import APIClient

from approvals.constants import Status
from approvals.ending import plan_end
from approvals.fiscal import fiscal_year_of
from approvals.models import Application
from approvals.services import application_lock
from tests import factories

pytestmark = pytest.mark.django_db


def end(application, status, on):
    Application.objects.filter(pk=application.pk).update(status=Status.APPROVED)
    with transaction.atomic():
        plan_end(locked=application_lock(application), status=status, on=on)


def years():
    body = APIClient().get("/api/v1/targets/target-2/").json()
    return {y["fiscal_year"]: y for y in body["years"]}


def test_ended_plans_by_the_fiscal_year_of_their_end_and_the_actual_unchanged(client):
    current = fiscal_year_of(timezone.localdate())
    last = current - 1
    company = factories.make_company()
    plans = [
        factories.make_approval(company, approved_on=date(last, 6, 1)).application for _ in range(3)
    ]
    before = years()
    assert before[last]["revoked_in_year"] == 0 and before[current]["revoked_in_year"] == 0
    end(plans[0], Status.REVOKED, date(current, 3, 31))  # the last day of FY `last`
    end(plans[1], Status.REVOKED, date(current, 4, 1))  # the first day of FY `current`
    end(plans[2], Status.DISCONTINUED, date(current, 4, 1))
    after = years()
    assert (after[last]["revoked_in_year"], after[last]["discontinued_in_year"]) == (1, 0)
    assert (after[current]["revoked_in_year"], after[current]["discontinued_in_year"]) == (1, 1)
    for year in (last, current):
        assert after[year]["actual"] == before[year]["actual"]
        assert after[year]["approvals_in_year"] == before[year]["approvals_in_year"]
    assert after[last]["approvals_in_year"] == 3
    assert after[current + 1]["revoked_in_year"] is None if current + 1 in after else True
    html = client.get("/targets/").content.decode()
    assert "年度内の取消し" in html and "年度内の廃止" in html
