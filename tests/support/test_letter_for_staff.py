"""Intake opens the 委任状 of the support body that filed for the firm (DOMAIN.md §12, 行政書士法):
the task page names the delegation acted under, with its letter; only staff open it, only
for that application, and each download goes into the history."""

from urllib.parse import unquote

import pytest
from django.urls import reverse

from approvals.constants import Action
from approvals.support import services as support_services
from tests import factories
from tests.staff.helpers import claim, task_urls
from tests.support.conftest import grant, make_delegate
from workflow import services


@pytest.fixture(autouse=True)
def _staff_site_mounted():
    reverse("staff:index")


def letter_url(application, delegation):
    return reverse("workflow:delegation-letter", args=[application.pk, delegation.pk])


def filed_by_shoshi(company, applicant, shoshi, draft):
    delegation = grant(company, applicant, shoshi, ["view", "edit", "submit"])
    services.application_submit(application=draft, actor=shoshi, acknowledge_failures=True)
    return delegation


@pytest.mark.django_db
def test_intake_sees_who_filed_for_the_firm_and_opens_the_letter(
    browser_for, company, applicant, shoshi, draft, staff
):
    delegation = filed_by_shoshi(company, applicant, shoshi, draft)
    intake = browser_for(staff["intake"])
    task = claim(intake, draft, "intake")
    text = intake.get(task_urls(task)["execute"]).content.decode()
    assert 'id="delegations"' in text
    assert "港行政書士事務所（行政書士）" in text and "第12345678号" in text
    assert "閲覧、下書きの編集、提出" in text
    assert letter_url(draft, delegation) in text and "委任状.pdf" in text

    response = intake.get(letter_url(draft, delegation))
    assert response.status_code == 200
    with delegation.letter.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()
    assert "委任状.pdf" in unquote(response["Content-Disposition"])
    assert response["Cache-Control"] == "private, no-store"
    [row] = draft.history.filter(action=Action.DOWNLOAD_LETTER)
    assert row.actor == staff["intake"] and "港行政書士事務所" in row.comment


@pytest.mark.django_db
def test_the_letter_stays_readable_after_the_firm_revokes(
    browser_for, company, applicant, shoshi, draft, staff
):
    delegation = filed_by_shoshi(company, applicant, shoshi, draft)
    support_services.delegation_revoke(delegation=delegation, actor=applicant)
    intake = browser_for(staff["intake"])
    task = claim(intake, draft, "intake")
    assert "に解除" in intake.get(task_urls(task)["execute"]).content.decode()
    assert intake.get(letter_url(draft, delegation)).status_code == 200


@pytest.mark.django_db
def test_a_plan_the_firm_filed_itself_shows_no_delegation(
    browser_for, company, draft, applicant, shoshi, staff
):
    # The firm delegated with a letter, but nobody acted under it on this plan.
    unused = grant(company, applicant, shoshi, ["view", "edit", "submit"])
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=True)
    intake = browser_for(staff["intake"])
    task = claim(intake, draft, "intake")
    assert 'id="delegations"' not in intake.get(task_urls(task)["execute"]).content.decode()
    assert intake.get(letter_url(draft, unused)).status_code == 404


@pytest.mark.django_db
def test_only_staff_open_it_and_only_through_the_application_acted_on(
    browser_for, company, applicant, shoshi, draft, staff, other_company, other_applicant
):
    delegation = filed_by_shoshi(company, applicant, shoshi, draft)
    # The firm and its delegate use the firm's own delegations page, not the staff's.
    assert browser_for(applicant).get(letter_url(draft, delegation)).status_code == 403
    assert browser_for(shoshi).get(letter_url(draft, delegation)).status_code == 403
    # Another application: the delegation was not acted under there.
    other = factories.make_application(other_company, other_applicant)
    services.application_submit(application=other, actor=other_applicant, acknowledge_failures=True)
    intake = browser_for(staff["intake"])
    assert intake.get(letter_url(other, delegation)).status_code == 404
    # A delegation of the same firm under which nobody acted on this application.
    office = shoshi.support_membership.organisation
    unused = grant(
        company, applicant, make_delegate(office, "shoshi2@example.jp"), ["view", "submit"]
    )
    assert intake.get(letter_url(draft, unused)).status_code == 404
    assert not draft.history.filter(action=Action.DOWNLOAD_LETTER).exists()
