"""The portal's follow-up survey: shown as a task with its due date, answered with the closed
years' figures, the schedule items and the support used, then submitted."""

from datetime import date

import pytest

from approvals.followups import selectors, services
from approvals.models import Application, FollowUp
from tests.documents.conftest import decide

TODAY = date(2026, 12, 2)


@pytest.fixture
def follow_up(draft, applicant, staff, monkeypatch):
    monkeypatch.setattr(selectors, "today", lambda: TODAY)
    plan = decide(draft, applicant, staff)
    Application.objects.filter(pk=plan.pk).update(plan_start=date(2025, 4, 1))
    return services.follow_up_request(
        application=plan, actor=staff["intake"], kind="interim", on=TODAY
    )


def answer_data(follow_up, **overrides):
    items = list(follow_up.application.schedule.all())
    data = {
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": str(len(items)),
        "support_used": ["jfc_loan"],
        "y1-sales": "110,000",
        "y1-cost_of_sales": "62,000",
        "y1-sga": "31,000",
        "y1-non_operating_expenses": "500",
        "y1-personnel_cost": "20,500",
        "y1-depreciation": "3,000",
        "y1-employees": "20",
        "y1-total_salary": "19,000",
    }
    for i, item in enumerate(items):
        data |= {f"items-{i}-item": item.item, f"items-{i}-status": "done"}
    return data | overrides


@pytest.mark.django_db
def test_the_open_survey_is_a_task_with_its_due_date(follow_up, applicant, browser_for):
    page = browser_for(applicant).get("/portal/applications/").content.decode()
    assert f"/portal/follow-ups/{follow_up.pk}/" in page
    assert "2027年1月2日" in page
    detail = browser_for(applicant).get(f"/portal/applications/{follow_up.application_id}/")
    assert f"/portal/follow-ups/{follow_up.pk}/" in detail.content.decode()


@pytest.mark.django_db
def test_answer_and_submit(follow_up, applicant, browser_for):
    client = browser_for(applicant)
    page = client.get(f"/portal/follow-ups/{follow_up.pk}/").content.decode()
    assert 'name="y1-sales"' in page and 'name="y2-sales"' not in page  # closed years only
    response = client.post(f"/portal/follow-ups/{follow_up.pk}/", answer_data(follow_up))
    assert response.status_code == 302
    stored = FollowUp.objects.get(pk=follow_up.pk)
    assert stored.figures.get().sales == 110_000
    assert stored.support_used == ["jfc_loan"]
    assert stored.status == "requested"
    response = client.post(
        f"/portal/follow-ups/{follow_up.pk}/", answer_data(follow_up, submit="1")
    )
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.status == "submitted" and stored.achievement
    page = client.get(f"/portal/follow-ups/{follow_up.pk}/").content.decode()
    assert "達成状況" in page


@pytest.mark.django_db
def test_a_bad_cell_is_an_error_and_nothing_is_saved(follow_up, applicant, browser_for):
    response = browser_for(applicant).post(
        f"/portal/follow-ups/{follow_up.pk}/", answer_data(follow_up, **{"y1-sales": "abc"})
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not FollowUp.objects.get(pk=follow_up.pk).figures.exists()


@pytest.mark.django_db
def test_another_firm_gets_404(follow_up, other_applicant, other_company, browser_for):
    assert (
        browser_for(other_applicant).get(f"/portal/follow-ups/{follow_up.pk}/").status_code == 404
    )
