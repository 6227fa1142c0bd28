"""Who drafted each section (DOMAIN.md §12: the history records who drafted each section and
who pressed submit): every save through the portal or the API is counted for the version it
becomes, with the firm on whose behalf; intake reads it beside the delegation, the API with
each version."""

import pytest
from django.urls import reverse

from approvals import services as approval_services
from approvals.models import SectionDraft
from approvals.support import services as support_services
from tests import factories
from tests.api.conftest import client_for
from tests.portal.helpers import formset_data
from tests.staff.helpers import claim, task_urls
from tests.support.conftest import grant
from workflow import services

SCHEDULE = [{"item": "試作機の製作", "start": "1-1", "end": "1-4"}]


@pytest.fixture(autouse=True)
def _staff_site_mounted():
    reverse("staff:index")


def versions(application, number):
    return f"/api/v1/applications/{application.pk}/versions/{number}/"


@pytest.mark.django_db
def test_the_version_says_who_wrote_each_section_and_for_whom(
    browser_for, company, applicant, shoshi, draft, staff
):
    grant(company, applicant, shoshi, ["view", "edit", "submit"])
    approval_services.application_update(application=draft, actor=applicant, theme="社長が書いた")
    # The 行政書士 writes the schedule on the portal (twice) and uploads a file by the API.
    as_shoshi = browser_for(shoshi)
    url = reverse("approvals:application-schedule", args=[draft.pk])
    for rows in (2, 1):
        response = as_shoshi.post(url, formset_data("schedule", SCHEDULE, rows))
        assert response.status_code == 302
    upload = client_for(shoshi).post(
        f"/api/v1/applications/{draft.pk}/attachments/",
        {"kind": "other", "file": factories.pdf_upload("見積書.pdf")},
        format="multipart",
    )
    assert upload.status_code == 201, upload.json()
    services.application_submit(application=draft, actor=shoshi, acknowledge_failures=True)

    schedule = SectionDraft.objects.get(section="schedule")
    assert (schedule.version, schedule.actor, schedule.saves) == (1, shoshi, 2)
    assert schedule.on_behalf_of == company
    staff_view = client_for(staff["intake"]).get(versions(draft, 1)).json()["drafted_by"]
    assert [(r["section"], r["actor"], r["on_behalf_of"]) for r in staff_view] == [
        ("overview", str(applicant), None),
        ("schedule", "shoshi@example.jpさん（港行政書士事務所）", company.name),
        # The firm attached the required files (the draft fixture), the 行政書士 one more.
        ("attachments", str(applicant), None),
        ("attachments", "shoshi@example.jpさん（港行政書士事務所）", company.name),
    ]
    firm_view = client_for(applicant).get(versions(draft, 1)).json()["drafted_by"]
    assert [r["actor"] for r in firm_view] == [r["actor"] for r in staff_view]

    intake = browser_for(staff["intake"])
    task = claim(intake, draft, "intake")
    page = intake.get(task_urls(task)["execute"]).content.decode()
    assert "第1版の各項目を書いた人" in page
    assert f"{company.name}の委任により" in page and "実施計画" in page
    # The firm reads the same table on its application.
    portal = browser_for(applicant).get(reverse("approvals:application-detail", args=[draft.pk]))
    text = portal.content.decode()
    assert "第1版の各項目を書いた人" in text and "港行政書士事務所" in text


@pytest.mark.django_db
def test_a_correction_is_counted_for_the_next_version(company, applicant, shoshi, draft, staff):
    from tests.workflow.test_concurrency import at_step

    grant(company, applicant, shoshi, ["view", "edit", "submit", "correct"])
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=True)
    at_step(draft, "intake", staff["intake"], "return", "実施計画を直してください")
    draft.refresh_from_db()
    approval_services.application_set_schedule(application=draft, items=SCHEDULE, actor=shoshi)
    assert list(SectionDraft.objects.filter(actor=shoshi).values_list("version", "section")) == [
        (2, "schedule")
    ]
    first = client_for(applicant).get(versions(draft, 1)).json()["drafted_by"]
    assert {r["section"] for r in first} == {"overview", "attachments"}
    assert {r["on_behalf_of"] for r in first} == {None}


@pytest.mark.django_db
def test_a_plan_the_firm_wrote_alone_shows_no_table_to_intake(browser_for, draft, applicant, staff):
    approval_services.application_update(application=draft, actor=applicant, theme="自社で作成")
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=True)
    intake = browser_for(staff["intake"])
    task = claim(intake, draft, "intake")
    page = intake.get(task_urls(task)["execute"]).content.decode()
    assert "各項目を書いた人" not in page
    portal = browser_for(applicant).get(reverse("approvals:application-detail", args=[draft.pk]))
    assert "各項目を書いた人" not in portal.content.decode()
    rows = client_for(staff["intake"]).get(versions(draft, 1)).json()["drafted_by"]
    assert [(r["section"], r["on_behalf_of"]) for r in rows] == [
        ("overview", None),
        ("attachments", None),
    ]


@pytest.mark.django_db
def test_a_refused_edit_records_no_author(company, applicant, delegate, draft):
    url = f"/api/v1/applications/{draft.pk}/"
    delegation = grant(company, applicant, delegate, ["view", "comment"])
    response = client_for(delegate).patch(url, {"schedule": SCHEDULE}, format="json")
    assert response.status_code == 403
    assert not SectionDraft.objects.filter(section="schedule").exists()
    # With the scope, the same edit is recorded once.
    support_services.delegation_revoke(delegation=delegation, actor=applicant)
    grant(company, applicant, delegate, ["view", "edit"])
    assert client_for(delegate).patch(url, {"schedule": SCHEDULE}, format="json").status_code == 200
    [row] = SectionDraft.objects.filter(section="schedule")
    assert (row.actor, row.saves) == (delegate, 1)
