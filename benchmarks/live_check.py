"""The live criteria check on the 経営指標 page: one htmx round trip per pause in typing.

Measured: the preview POST for a 5-year plan (parse the table, compute derived rows and every
criterion, render the partial). Baseline: a GET of "My applications" through the same client,
which pays the same middleware, session, query and template costs without the domain work.
"""

from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment
from django.urls import reverse

from benchmarks.timing import median_seconds, report


def _figures_post(period_years: int) -> dict:
    data = {}
    for year in range(-2, period_years + 1):
        sales = 300_000 + 25_000 * max(year, 0)
        values = {
            "sales": sales,
            "cost_of_sales": sales * 55 // 100,
            "sga": sales * 30 // 100,
            "non_operating_expenses": 800,
            "personnel_cost": 60_000 + 500 * year,
            "depreciation": 4_000,
            "employees": 45,
            "total_salary": 54_000 + 1_200 * year,
            "capex": 0,
            "working_capital": 0,
        }
        data.update({f"y{year}-{k}": f"{v:,}" for k, v in values.items()})
    return data


def run() -> None:
    from django.db import connection

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from approvals import services
        from approvals.models import Application

        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        client = Client()
        client.login(username="applicant@example.jp", password="kakushin-demo-2026")
        application = Application.objects.filter(
            company__members__username="applicant@example.jp"
        ).first()
        services.application_update(
            application=application, actor=application.created_by, period_years=5
        )
        url = reverse("approvals:application-figures-preview", args=[application.pk])
        data = _figures_post(5)
        assert client.post(url, data, HTTP_HX_REQUEST="true").status_code == 200

        list_url = reverse("approvals:application-list")
        assert client.get(list_url).status_code == 200
        baseline = median_seconds(lambda: client.get(list_url))
        preview = median_seconds(lambda: client.post(url, data, HTTP_HX_REQUEST="true"))
        print("Live criteria check (経営指標 preview), median of 50 after 5 warm-up runs")
        report("baseline: GET My applications", baseline, baseline)
        report("preview POST, 5-year plan + 2 prior years", preview, baseline)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
