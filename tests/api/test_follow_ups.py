"""Follow-up surveys through the API: staff ask, the firm answers closed years and submits,
the achievement is computed with the approval's rule set and the approved base year."""

from datetime import date

import pytest
from django.core import mail
from django.db import transaction

from approvals import services as approval_services
from approvals.constants import Status
from approvals.ending import plan_end
from approvals.followups import selectors
from approvals.models import Application, FollowUp, Mail
from approvals.rules.followup import add_months
from tests.api.conftest import client_for
from tests.documents.conftest import decide

TODAY = date(2026, 12, 2)
# Plan year 1 ends 2026-03-31 (closed on TODAY), year 2 on 2027-03-31 (not closed).
PLAN_START = date(2025, 4, 1)
BASE = {
    "sales": 100_000,
    "cost_of_sales": 60_000,
    "sga": 30_000,
    "non_operating_expenses": 500,
    "personnel_cost": 17_000,
    "depreciation": 3_000,
    "employees": 20,
    "total_salary": 10_000,
    "capex": 0,
    "working_capital": 1_000,
}  # value added 30,000; 給与支給総額 10,000


@pytest.fixture
def on_today(monkeypatch):
    day = {"value": TODAY}
    monkeypatch.setattr(selectors, "today", lambda: day["value"])
    return day


@pytest.fixture
def plan(draft, applicant, staff, on_today):
    """An approved plan (2020 rule set) that started on PLAN_START."""
    approval_services.application_set_figures(application=draft, rows={0: BASE})
    approved = decide(draft, applicant, staff)
    Application.objects.filter(pk=approved.pk).update(plan_start=PLAN_START)
    return Application.objects.get(pk=approved.pk)


def request(staff_user, plan, **body):
    return client_for(staff_user).post(
        f"/api/v1/applications/{plan.pk}/follow-ups/", {"kind": "interim", **body}, format="json"
    )


@pytest.mark.django_db
def test_staff_ask_and_the_firm_is_told_by_mail(
    plan, staff, applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = request(staff["reviewer"], plan)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["due_on"], body["closed_years"]) == (
        "requested",
        "2027-01-02",
        [1],
    )
    assert Mail.objects.filter(application=plan, template="follow_up_requested").count() == 1
    assert any("フォローアップ調査" in m.subject for m in mail.outbox)
    of_plan = client_for(staff["reviewer"]).get(f"/api/v1/applications/{plan.pk}/follow-ups/")
    assert of_plan.json()["count"] == 1
    approved_on = plan.approval.approved_on
    # Year 1 ended 2026-03-31, before a year since approval: a year after approval.
    assert of_plan.json()["proposed"][0] == {
        "kind": "interim",
        "request_on": add_months(approved_on, 12).isoformat(),
        "due_on": add_months(approved_on, 13).isoformat(),
    }
    assert of_plan.json()["proposed"][1]["request_on"] == "2028-06-30"
    listed = client_for(applicant).get("/api/v1/follow-ups/").json()
    assert listed["count"] == 1 and listed["results"][0]["id"] == body["id"]


@pytest.mark.django_db
def test_only_approved_plans_and_only_requesting_staff(draft, plan, staff, applicant):
    assert request(staff["approver"], plan).status_code == 403
    assert request(applicant, plan).status_code == 403
    assert request(staff["intake"], plan, due_on="2026-12-01").status_code == 400
    with transaction.atomic():
        plan_end(
            locked=approval_services.application_lock(plan),
            status=Status.DISCONTINUED,
            on=TODAY,
        )
    assert request(staff["intake"], plan).status_code == 409


def answer(applicant, follow_up_id, **body):
    return client_for(applicant).patch(f"/api/v1/follow-ups/{follow_up_id}/", body, format="json")


def year_one(value_added, total_salary):
    # value added = sales − 60,000 − 30,000 + 17,000 + 3,000
    return {**BASE, "year": 1, "sales": value_added + 70_000, "total_salary": total_salary}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value_added", "total_salary", "achieved", "growth"),
    [
        (30_900, 10_150, True, ("3.00", "1.50")),  # exactly 3 % and 1.5 % (year 1)
        (30_897, 10_149, False, ("2.99", "1.49")),  # 0.01 pt below
    ],
)
def test_the_answer_is_judged_at_exactly_the_required_growth(
    plan, staff, applicant, value_added, total_salary, achieved, growth
):
    follow_up = request(staff["intake"], plan).json()["id"]
    response = answer(
        applicant,
        follow_up,
        figures=[year_one(value_added, total_salary)],
        items=[{"item": "新製品の試作", "status": "done", "effect": "受注増", "next": "量産"}],
        support_used=["jfc_loan", "subsidy"],
    )
    assert response.status_code == 200, response.content
    assert response.json()["figures"][0]["value_added"] == value_added
    response = client_for(applicant).post(f"/api/v1/follow-ups/{follow_up}/submit/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "submitted"
    result = {r["code"]: r for r in body["achievement"]}
    assert set(result) == {"value_added", "value_added_per_employee", "total_salary"}
    assert result["value_added"] == {
        "code": "value_added",
        "base": 30_000,
        "actual": value_added,
        "growth_pct": growth[0],
        "required_pct": "3",
        "achieved": achieved,
    }
    assert (result["total_salary"]["growth_pct"], result["total_salary"]["required_pct"]) == (
        growth[1],
        "1.5",
    )
    assert result["total_salary"]["achieved"] is achieved
    stored = FollowUp.objects.get(pk=follow_up)
    assert (stored.value_added_achieved, stored.total_salary_achieved) == (achieved, achieved)
    # Submitted: no more edits.
    assert answer(applicant, follow_up, support_used=[]).status_code == 409


@pytest.mark.django_db
def test_a_year_not_yet_closed_is_refused(plan, staff, applicant):
    follow_up = request(staff["intake"], plan).json()["id"]
    response = answer(applicant, follow_up, figures=[{**BASE, "year": 2}])
    assert response.status_code == 400
    assert "figures" in response.json()["errors"]
    assert answer(applicant, follow_up, figures=[{**BASE, "year": 0}]).status_code == 400
    assert not FollowUp.objects.get(pk=follow_up).figures.exists()
    # Nothing reported yet: nothing to submit.
    assert client_for(applicant).post(f"/api/v1/follow-ups/{follow_up}/submit/").status_code == 409


@pytest.mark.django_db
def test_another_firm_never_sees_the_survey(plan, staff, other_applicant, other_company):
    follow_up = request(staff["intake"], plan).json()["id"]
    other = client_for(other_applicant)
    assert other.get(f"/api/v1/follow-ups/{follow_up}/").status_code == 404
    assert other.patch(f"/api/v1/follow-ups/{follow_up}/", {}, format="json").status_code == 404
    assert other.post(f"/api/v1/follow-ups/{follow_up}/submit/").status_code == 404
    assert other.get("/api/v1/follow-ups/").json()["count"] == 0


@pytest.mark.django_db
def test_unanswered_after_the_due_date(plan, staff, applicant, on_today):
    follow_up = request(staff["intake"], plan, due_on="2026-12-20").json()["id"]
    client = client_for(applicant)
    on_today["value"] = date(2026, 12, 20)
    assert client.get(f"/api/v1/follow-ups/{follow_up}/").json()["status"] == "requested"
    on_today["value"] = date(2026, 12, 21)
    assert client.get(f"/api/v1/follow-ups/{follow_up}/").json()["status"] == "unanswered"


@pytest.mark.django_db
def test_ending_the_plan_closes_its_open_surveys(plan, staff):
    follow_up = request(staff["intake"], plan).json()["id"]
    with transaction.atomic():
        plan_end(locked=approval_services.application_lock(plan), status=Status.REVOKED, on=TODAY)
    assert FollowUp.objects.get(pk=follow_up).status == "closed"


@pytest.mark.django_db
def test_staff_may_move_the_due_date(plan, staff, applicant):
    follow_up = request(staff["intake"], plan).json()["id"]
    url = f"/api/v1/follow-ups/{follow_up}/"
    moved = client_for(staff["reviewer"]).patch(url, {"due_on": "2027-02-15"}, format="json")
    assert (moved.status_code, moved.json()["due_on"]) == (200, "2027-02-15")
    early = client_for(staff["reviewer"]).patch(url, {"due_on": "2026-12-01"}, format="json")
    assert early.status_code == 400
    assert client_for(staff["approver"]).patch(url, {"due_on": "2027-03-01"}).status_code == 403
