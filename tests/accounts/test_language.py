"""The language choice: kept on the account, and the language of that person's e-mails."""

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories
from tests.staff.helpers import advance, awaiting_decision
from workflow import services
from workflow.services import open_task


@pytest.mark.django_db
def test_the_choice_is_kept_on_the_account_and_follows_to_another_browser(
    client, applicant, company
):
    client.force_login(applicant)
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    applicant.refresh_from_db()
    assert applicant.language == "en"

    elsewhere = client.__class__()  # a second browser: no language cookie
    elsewhere.force_login(applicant)
    page = elsewhere.get(reverse("approvals:application-list"))
    assert page["Content-Language"] == "en"
    assert "My applications" in page.content.decode()

    # The cookie still wins where it was set: switching back there is immediate.
    client.post(reverse("accounts:set_language"), {"language": "ja", "next": "/"})
    applicant.refresh_from_db()
    assert applicant.language == "ja"
    assert elsewhere.get(reverse("approvals:application-list"))["Content-Language"] == "ja"


@pytest.mark.django_db
def test_an_anonymous_choice_sets_only_the_cookie(client):
    response = client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    assert response.cookies["django_language"].value == "en"
    assert client.get("/")["Content-Language"] == "en"


@pytest.mark.django_db
def test_a_nonsense_language_changes_nothing(client, applicant):
    client.force_login(applicant)
    client.post(reverse("accounts:set_language"), {"language": "xx", "next": "/"})
    applicant.refresh_from_db()
    assert applicant.language == "ja"


@pytest.mark.django_db
def test_emails_go_out_in_each_readers_language(
    draft, applicant, django_capture_on_commit_callbacks
):
    """The company's address reads Japanese; a member who chose English reads English, whatever
    language the member of staff who acted was using."""
    applicant.email = "owner@example.jp"
    applicant.language = "en"
    applicant.save()
    staff = {
        role: factories.make_user(role, username=f"{role}-lang") for role in ("intake", "reviewer")
    }
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    with django_capture_on_commit_callbacks(execute=True):
        advance(draft, "intake", staff["intake"], "return", "決算書が1期分不足しています。")

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"owner@example.jp", "info@example.jp"}
    english, japanese = by_address["owner@example.jp"], by_address["info@example.jp"]
    assert english.subject.startswith("[Business Innovation Plan] Corrections requested")
    assert "Please correct the following points" in english.body
    assert "決算書が1期分不足しています。" in english.body  # the clerk's own words
    assert "補正" not in english.body
    assert japanese.subject.startswith("【経営革新計画】補正のお願い")
    assert "次の点の補正（修正）をお願いします" in japanese.body


@pytest.mark.django_db
def test_decision_emails_in_english(draft, applicant, django_capture_on_commit_callbacks):
    applicant.email = "owner@example.jp"
    applicant.language = "en"
    applicant.save()
    staff = {
        role: factories.make_user(role, username=f"{role}-dec")
        for role in ("intake", "reviewer", "approver")
    }
    awaiting_decision(draft, applicant, staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.task_complete(
            task=open_task(draft, "decision"),
            user=staff["approver"],
            decision="refuse",
            comment="同業他社で広く普及している。",
        )
    english = next(m for m in mail.outbox if m.to == ["owner@example.jp"])
    assert english.subject.startswith("[Business Innovation Plan] The result of the review")
    assert "it has been decided not to approve" in english.body
    assert "request for review within three months" in english.body
