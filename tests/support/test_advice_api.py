"""事前確認 and advice comments through the API (DOMAIN.md §12): 403 without the scope, 404
for another firm, 409 once submitted; a confirmation is a flag, never a gate (第7条)."""

import pytest
from django.urls import reverse

from approvals import services as approval_services
from approvals.constants import Status
from approvals.models import AdviceComment, SupportConfirmation
from approvals.support.advice import fingerprint
from approvals.support.advice_services import current_fingerprint
from tests import factories
from tests.api.conftest import client_for
from tests.support.conftest import grant, make_delegate
from workflow import services


def confirmations(application):
    return reverse("approvals_api:application-confirmations", args=[application.pk])


def comments(application):
    return reverse("approvals_api:application-comments", args=[application.pk])


@pytest.fixture
def b_draft(other_company, other_applicant):
    return factories.make_application(other_company, other_applicant, theme="乙社の秘密の計画")


@pytest.mark.django_db
def test_a_delegate_with_confirm_records_a_check_of_the_draft(delegated, delegate, draft):
    delegated("view", "confirm")
    api = client_for(delegate)
    response = api.post(
        confirmations(draft), {"comment": "数値の根拠を確認しました"}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["version"] == 1
    assert body["organisation"] == "横須賀商工会" and body["organisation_kind"] == "shokokai"
    assert body["comment"] == "数値の根拠を確認しました"
    assert body["fingerprint"] == current_fingerprint(draft) and body["differs"] is False
    stored = SupportConfirmation.objects.get()
    assert stored.delegate == delegate and stored.application == draft
    assert stored.snapshot["theme"] == draft.theme
    listed = api.get(confirmations(draft)).json()
    assert [c["id"] for c in listed] == [stored.pk]


@pytest.mark.django_db
def test_without_confirm_the_delegate_gets_403_and_nothing_is_recorded(delegated, delegate, draft):
    delegated("view", "edit", "comment")
    api = client_for(delegate)
    assert api.post(confirmations(draft), {"comment": "x"}, format="json").status_code == 403
    assert api.post(confirmations(draft), {"comment": "x" * 5000}, format="json").status_code == 403
    assert api.get(confirmations(draft)).status_code == 403
    assert not SupportConfirmation.objects.exists()


@pytest.mark.django_db
def test_another_firms_application_is_404(delegated, delegate, b_draft):
    delegated("view", "confirm", "comment")
    api = client_for(delegate)
    assert api.post(confirmations(b_draft), {}, format="json").status_code == 404
    assert api.get(confirmations(b_draft)).status_code == 404
    body = {"section": "overview", "body": "他社への助言"}
    assert api.post(comments(b_draft), body, format="json").status_code == 404
    assert api.get(comments(b_draft)).status_code == 404
    assert not SupportConfirmation.objects.exists() and not AdviceComment.objects.exists()


@pytest.mark.django_db
def test_the_firm_cannot_confirm_its_own_plan(applicant, draft, delegated):
    delegated("view", "confirm")
    api = client_for(applicant)
    assert api.post(confirmations(draft), {}, format="json").status_code == 403
    assert api.get(confirmations(draft)).status_code == 200


@pytest.mark.django_db
def test_a_stale_fingerprint_is_409(delegated, delegate, draft, applicant):
    delegated("view", "confirm")
    seen = current_fingerprint(draft)
    approval_services.application_update(application=draft, actor=applicant, theme="変えたテーマ")
    response = client_for(delegate).post(confirmations(draft), {"fingerprint": seen}, format="json")
    assert response.status_code == 409
    assert "下書きが変更されました" in response.json()["detail"]
    assert not SupportConfirmation.objects.exists()
    draft.refresh_from_db()
    ok = client_for(delegate).post(
        confirmations(draft), {"fingerprint": current_fingerprint(draft)}, format="json"
    )
    assert ok.status_code == 201


@pytest.mark.django_db
def test_submitting_never_needs_a_confirmation_and_a_submitted_plan_takes_none(
    delegated, delegate, draft, applicant
):
    delegated("view", "confirm", "comment")
    submitted = services.application_submit(
        application=draft, actor=applicant, acknowledge_failures=False
    )
    assert submitted.status == Status.SUBMITTED
    assert not SupportConfirmation.objects.exists()
    api = client_for(delegate)
    assert api.post(confirmations(draft), {}, format="json").status_code == 409
    body = {"section": "overview", "body": "遅い助言"}
    assert api.post(comments(draft), body, format="json").status_code == 409


@pytest.mark.django_db
def test_staff_see_confirmations_of_a_submitted_plan_and_whether_it_changed(
    delegated, delegate, draft, applicant, staff
):
    delegated("view", "confirm")
    client_for(delegate).post(confirmations(draft), {}, format="json")
    approval_services.application_update(
        application=draft, actor=applicant, theme="確認後に変えたテーマ"
    )
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    listed = client_for(staff["intake"]).get(confirmations(draft))
    assert listed.status_code == 200
    [row] = listed.json()
    assert row["differs"] is True and row["compared_with"] == 1
    # Staff never read the advice between the firm and its adviser.
    assert client_for(staff["intake"]).get(comments(draft)).status_code == 403


def history(application):
    return reverse("approvals_api:application-history", args=[application.pk])


@pytest.mark.django_db
def test_the_history_names_the_confirming_delegate_on_the_firms_behalf(
    delegated, delegate, draft, applicant, company, staff
):
    delegated("view", "confirm")
    client_for(delegate).post(confirmations(draft), {"comment": "資金計画を確認"}, format="json")
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=True)
    for reader in (applicant, delegate, staff["intake"]):
        rows = client_for(reader).get(history(draft)).json()["results"]
        [row] = [r for r in rows if r["action"] == "support_confirm"]
        assert row["actor"] == "shidoin@example.jpさん（横須賀商工会）"
        assert (row["on_behalf_of"], row["on_behalf_of_id"]) == (company.name, company.pk)
        assert row["comment"] == "資金計画を確認"
        assert row["step"] == "draft"
        # Recorded before the submission, in the order it happened.
        assert [r["action"] for r in rows].index("support_confirm") < [
            r["action"] for r in rows
        ].index("submit")


@pytest.mark.django_db
def test_a_refused_confirmation_leaves_no_history_row(
    delegated, delegate, draft, company, applicant, bank
):
    delegated("view", "confirm")
    assert client_for(delegate).post(confirmations(draft), {}, format="json").status_code == 201
    banker = make_delegate(bank, "banker@example.jp")
    grant(company, applicant, banker, ["view", "comment"])
    assert client_for(banker).post(confirmations(draft), {}, format="json").status_code == 403
    [row] = draft.history.filter(action="support_confirm")
    assert row.actor == delegate


@pytest.mark.django_db
def test_an_unchanged_submission_matches_its_confirmation(delegated, delegate, draft, applicant):
    delegated("view", "confirm")
    client_for(delegate).post(confirmations(draft), {}, format="json")
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=True)
    draft.refresh_from_db()
    version = draft.versions.get()
    assert fingerprint(version.data) == SupportConfirmation.objects.get().fingerprint
    [row] = client_for(applicant).get(confirmations(draft)).json()
    assert row["differs"] is False and row["compared_with"] == 1


@pytest.mark.django_db
def test_advice_comments_need_comment_and_the_firm_reads_them(
    delegated, delegate, draft, applicant, shokokai
):
    from tests.support.conftest import make_delegate

    api = client_for(delegate)
    delegation = delegated("view", "confirm")
    body = {"section": "figures", "body": "付加価値額の伸びの根拠を書き足しましょう"}
    assert api.post(comments(draft), body, format="json").status_code == 403
    assert api.get(comments(draft)).status_code == 403
    from approvals.support import services as support_services

    support_services.delegation_revoke(delegation=delegation, actor=applicant)
    delegated("view", "comment")
    response = api.post(comments(draft), body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["section_label"] == "経営指標"
    # A colleague with its own delegation sees only its own comments.
    colleague = make_delegate(shokokai, "colleague@example.jp")
    from tests.support.conftest import grant

    grant(draft.company, applicant, colleague, ["view", "comment"])
    assert client_for(colleague).get(comments(draft)).json() == []
    firm = client_for(applicant).get(comments(draft)).json()
    assert [c["body"] for c in firm] == [body["body"]]
    assert firm[0]["author"] == str(delegate) and firm[0]["organisation"] == "横須賀商工会"


@pytest.mark.django_db
def test_bad_comment_input_is_400_and_saves_nothing(delegated, delegate, draft):
    delegated("view", "comment")
    api = client_for(delegate)
    bad = api.post(comments(draft), {"section": "nowhere", "body": "x"}, format="json")
    assert bad.status_code == 400 and "section" in bad.json()["errors"]
    empty = api.post(comments(draft), {"section": "overview", "body": "  "}, format="json")
    assert empty.status_code == 400 and "body" in empty.json()["errors"]
    long = api.post(comments(draft), {"section": "overview", "body": "あ" * 2001}, format="json")
    assert long.status_code == 400
    assert not AdviceComment.objects.exists()
