"""The firm's 支援機関への委任 page: grant with plain explanations, clear messages for bad
input (nothing stored), revocation after confirmation, the 委任状; the firm's own page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.models import Delegation, SupportOrganisation
from tests import factories
from tests.support.conftest import grant, make_delegate

PAGE = "approvals:delegations"


@pytest.fixture
def as_firm(client, applicant, company):
    client.force_login(applicant)
    return client


def form(delegate, **overrides):
    data = {
        "username": delegate.username,
        "scopes": ["view", "edit"],
        "valid_to": (timezone.localdate() + timedelta(days=60)).isoformat(),
    }
    return data | overrides


@pytest.mark.django_db
def test_the_page_explains_each_scope_and_grants(as_firm, delegate, company):
    page = as_firm.get(reverse(PAGE)).content.decode()
    assert "下書きの編集：提出前の計画（下書き）と添付書類を編集できます" in page
    assert "委任状" in page and "現在、有効な委任はありません。" in page
    response = as_firm.post(reverse(PAGE), form(delegate, copy_mails="on"))
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    assert delegation.company == company and delegation.scopes == ["view", "edit"]
    assert delegation.copy_mails is True
    page = as_firm.get(reverse(PAGE)).content.decode()
    assert "横須賀商工会" in page and "閲覧、下書きの編集" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"username": "who@example.jp"}, "支援機関の担当者「who@example.jp」が見つかりません"),
        ({"username": ""}, "ユーザー名を入力してください"),
        ({"valid_to": "2020-01-01"}, "過去の日付は指定できません"),
        ({"valid_to": "あした"}, "2026-12-16 のように日付で"),
        ({"scopes": []}, "1つ以上選んでください"),
        ({"scopes": ["view", "submit"]}, "委任状を添付してください"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_stored(as_firm, delegate, overrides, message):
    response = as_firm.post(reverse(PAGE), form(delegate, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Delegation.objects.exists()


@pytest.mark.django_db
def test_a_gyoseishoshi_gets_submit_with_the_letter_which_the_firm_downloads(as_firm, company):
    office = SupportOrganisation.objects.create(kind="gyoseishoshi", name="港行政書士事務所")
    shoshi = make_delegate(office, "shoshi@example.jp")
    data = form(shoshi, scopes=["view", "edit", "submit"])
    data["power_of_attorney"] = factories.pdf_upload("委任状.pdf")
    assert as_firm.post(reverse(PAGE), data).status_code == 302
    delegation = Delegation.objects.get()
    assert delegation.scopes == ["view", "edit", "submit"]
    assert delegation.letter_name == "委任状.pdf" and len(delegation.letter_sha256) == 64
    download = as_firm.get(reverse("approvals:delegation-letter", args=[delegation.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert download["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_revoke_asks_first_then_takes_effect_at_once(
    as_firm, client, delegate, company, applicant, draft
):
    delegation = grant(company, applicant, delegate, ["view"])
    url = reverse("approvals:delegation-revoke", args=[delegation.pk])
    page = as_firm.get(url).content.decode()
    assert "への委任を解除しますか" in page
    assert Delegation.objects.get(pk=delegation.pk).revoked_at is None
    assert as_firm.post(url).status_code == 302
    stored = Delegation.objects.get(pk=delegation.pk)
    assert stored.revoked_at is not None and stored.revoked_by == applicant
    page = as_firm.get(reverse(PAGE)).content.decode()
    assert "終了した委任" in page and "が解除" in page


@pytest.mark.django_db
def test_the_page_is_the_firms_own(
    client, delegate, company, applicant, other_applicant, other_company
):
    delegation = grant(company, applicant, delegate, ["view", "edit"])
    client.force_login(delegate)
    assert client.get(reverse(PAGE)).status_code == 403
    assert (
        client.post(reverse("approvals:delegation-revoke", args=[delegation.pk])).status_code == 403
    )
    client.force_login(other_applicant)
    for name in ("approvals:delegation-revoke", "approvals:delegation-letter"):
        assert client.get(reverse(name, args=[delegation.pk])).status_code == 404
        assert client.post(reverse(name, args=[delegation.pk])).status_code in (404, 405)
    assert Delegation.objects.get(pk=delegation.pk).revoked_at is None


@pytest.mark.django_db
def test_mails_go_to_the_firm_and_a_copy_to_the_delegate_who_asked(
    delegate, company, applicant, draft, mailoutbox, django_capture_on_commit_callbacks
):
    from workflow import services

    grant(company, applicant, delegate, ["view"], copy_mails=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    [mail] = mailoutbox
    # The firm is the addressee; its adviser gets a copy it does not show.
    assert set(mail.to) == {applicant.email, company.email}
    assert mail.bcc == [delegate.email]
    assert delegate.email in mail.recipients()
    assert delegate.email not in mail.message().as_string()


@pytest.mark.django_db
def test_a_delegate_reading_english_gets_its_copy_in_english_and_in_bcc(
    delegate, company, applicant, draft, mailoutbox, django_capture_on_commit_callbacks
):
    from workflow import services

    delegate.language = "en"
    delegate.save(update_fields=["language"])
    grant(company, applicant, delegate, ["view"], copy_mails=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    by_language = {tuple(m.to): m for m in mailoutbox}
    firm = by_language[tuple(sorted([applicant.email, company.email]))]
    assert firm.bcc == [] and "提出" in firm.subject
    copy = by_language[()]
    assert copy.bcc == [delegate.email] and copy.subject.isascii()


@pytest.mark.django_db
def test_no_copy_without_the_tick_or_after_revocation(
    delegate, company, applicant, draft, mailoutbox, django_capture_on_commit_callbacks
):
    from approvals.support.services import delegation_revoke
    from workflow import services

    delegation = grant(company, applicant, delegate, ["view"], copy_mails=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    assert delegate.email not in {a for m in mailoutbox for a in m.recipients()}
    delegation_revoke(delegation=delegation, actor=applicant)
    grant(company, applicant, delegate, ["view"], copy_mails=True)
    Delegation.objects.update(revoked_at=timezone.now())
    mailoutbox.clear()
    other = factories.make_application(company, applicant)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=other, actor=applicant, acknowledge_failures=False)
    assert mailoutbox and delegate.email not in {a for m in mailoutbox for a in m.recipients()}
