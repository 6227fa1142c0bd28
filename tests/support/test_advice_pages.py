"""事前確認 and advice comments through the portal and the staff task page (DOMAIN.md §12): the
delegate records them within its scopes, the firm reads them, intake sees the confirmation and
whether the submitted version differs; staff never see the advice."""

import pytest
from django.urls import reverse

from approvals import services as approval_services
from approvals.models import AdviceComment, SupportConfirmation
from approvals.support.advice_services import current_fingerprint
from tests import factories
from tests.staff.helpers import claim, task_urls
from workflow import services


@pytest.fixture(autouse=True)
def _staff_site_mounted():
    reverse("staff:index")


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def confirm_url(application):
    return reverse("approvals:application-confirmation", args=[application.pk])


def advice_url(application):
    return reverse("approvals:application-advice", args=[application.pk])


@pytest.mark.django_db
def test_the_delegate_records_a_confirmation_from_the_portal(
    browser_for, delegate, delegated, draft
):
    delegated("view", "confirm")
    client = browser_for(delegate)
    detail = page(client, reverse("approvals:application-detail", args=[draft.pk]))
    assert confirm_url(draft) in detail and advice_url(draft) not in detail
    form = page(client, confirm_url(draft))
    assert current_fingerprint(draft) in form and "提出の条件ではありません" in form
    response = client.post(
        confirm_url(draft),
        {"comment": "売上計画の根拠を確認", "fingerprint": current_fingerprint(draft)},
    )
    assert response.status_code == 302
    stored = SupportConfirmation.objects.get()
    assert stored.comment == "売上計画の根拠を確認" and stored.version == 1
    assert "売上計画の根拠を確認" in page(client, confirm_url(draft))


@pytest.mark.django_db
def test_a_draft_changed_meanwhile_is_not_confirmed(
    browser_for, delegate, delegated, draft, applicant
):
    delegated("view", "confirm")
    client = browser_for(delegate)
    seen = current_fingerprint(draft)
    approval_services.application_update(application=draft, actor=applicant, theme="別のテーマ")
    response = client.post(confirm_url(draft), {"comment": "確認", "fingerprint": seen})
    assert response.status_code == 302
    assert not SupportConfirmation.objects.exists()
    assert "下書きが変更されました" in page(client, confirm_url(draft))


@pytest.mark.django_db
def test_without_the_scopes_the_pages_are_403_and_other_firms_404(
    browser_for, delegate, delegated, draft, other_company, other_applicant
):
    delegated("view", "edit")
    client = browser_for(delegate)
    for url in (confirm_url(draft), advice_url(draft)):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"section": "overview", "body": "x"}).status_code == 403, url
    b_draft = factories.make_application(other_company, other_applicant)
    for url in (confirm_url(b_draft), advice_url(b_draft)):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"section": "overview", "body": "x"}).status_code == 404, url
    assert not AdviceComment.objects.exists() and not SupportConfirmation.objects.exists()


@pytest.mark.django_db
def test_advice_reaches_the_firm_on_the_section_and_the_application_page(
    browser_for, delegate, delegated, draft, applicant
):
    delegated("view", "comment")
    client = browser_for(delegate)
    form = page(client, advice_url(draft) + "?section=figures")
    assert '<option value="figures" selected>' in form
    bad = client.post(advice_url(draft), {"section": "figures", "body": ""})
    assert bad.status_code == 200 and "コメントを入力してください" in bad.content.decode()
    response = client.post(
        advice_url(draft), {"section": "figures", "body": "2年目の付加価値額の根拠を"}
    )
    assert response.status_code == 302
    firm = browser_for(applicant)
    figures = page(firm, reverse("approvals:application-figures", args=[draft.pk]))
    assert "2年目の付加価値額の根拠を" in figures and "横須賀商工会" in figures
    overview = page(firm, reverse("approvals:application-overview", args=[draft.pk]))
    assert "2年目の付加価値額の根拠を" not in overview  # another section's advice
    detail = page(firm, reverse("approvals:application-detail", args=[draft.pk]))
    assert "2年目の付加価値額の根拠を" in detail and "経営指標" in detail
    # The firm reads, the adviser writes.
    assert firm.post(advice_url(draft), {"section": "overview", "body": "x"}).status_code == 403
    assert AdviceComment.objects.count() == 1


@pytest.mark.django_db
def test_intake_sees_the_confirmation_and_whether_the_submission_differs(
    browser_for, delegate, delegated, draft, applicant, staff
):
    delegated("view", "confirm", "comment")
    client = browser_for(delegate)
    client.post(confirm_url(draft), {"comment": "県への申請前に確認済み"})
    client.post(advice_url(draft), {"section": "overview", "body": "社外秘の助言"})
    approval_services.application_update(
        application=draft, actor=applicant, theme="確認のあとで変えたテーマ"
    )
    # No confirmation of the final content: submitting still works (第7条).
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    intake = browser_for(staff["intake"])
    task = claim(intake, draft, "intake")
    text = page(intake, task_urls(task)["execute"])
    assert "支援機関の事前確認" in text
    assert "横須賀商工会" in text and str(delegate) in text and "県への申請前に確認済み" in text
    assert "第1版は、確認した内容と異なります" in text and "確認のあとで変えたテーマ" in text
    assert "社外秘の助言" not in text


@pytest.mark.django_db
def test_intake_sees_an_unchanged_submission_as_such(
    browser_for, delegate, delegated, draft, applicant, staff
):
    delegated("view", "confirm")
    browser_for(delegate).post(confirm_url(draft), {"comment": ""})
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    intake = browser_for(staff["intake"])
    task = claim(intake, draft, "intake")
    text = page(intake, task_urls(task)["execute"])
    assert "第1版は、確認した内容と同じです" in text


@pytest.mark.django_db
def test_a_plan_without_a_confirmation_shows_no_flag(browser_for, draft, applicant, staff):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    intake = browser_for(staff["intake"])
    task = claim(intake, draft, "intake")
    assert "支援機関の事前確認" not in page(intake, task_urls(task)["execute"])
