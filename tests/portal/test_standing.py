"""Where the application stands, as the applicant reads it on the portal."""

import pytest
from django.urls import reverse

from approvals.era import format_era_date
from approvals.models import Application
from tests import factories
from workflow import services
from workflow.services import open_task


@pytest.fixture
def staff(db):
    return {r: factories.make_user(r, username=r) for r in ("intake", "reviewer", "approver")}


def _step(application, step, user, decision, comment="", **extra):
    services.task_complete(
        task=open_task(application, step), user=user, decision=decision, comment=comment, **extra
    )
    return Application.objects.get(pk=application.pk)


def _page(client, application) -> str:
    url = reverse("approvals:application-detail", args=[application.pk])
    return client.get(url).content.decode()


@pytest.mark.django_db
def test_each_status_says_what_it_means(client, draft, applicant, staff):
    client.force_login(applicant)
    assert "すべての項目を入力し" in _page(client, draft)
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    page = _page(client, draft)
    assert "受付待ち" in page and "県の担当者が書類を確認しています" in page
    assert 'aria-current="step"' in page
    app = _step(draft, "intake", staff["intake"], "accept", memo="書類がそろっています。")
    assert "審査中" in _page(client, app)
    app = _step(app, "review", staff["reviewer"], "recommend_approval", memo="社内限りの審査意見")
    page = _page(client, app)
    assert "決裁待ち" in page
    assert "社内限りの審査意見" not in page  # the opinion is internal
    assert "書類がそろっています。" not in page  # so is the intake clerk's note
    assert "審査完了" in page and "recommend_approval" not in page
    app = _step(app, "decision", staff["approver"], "approve")
    page = _page(client, app)
    assert app.approval.number in page
    assert format_era_date(app.approval.approved_on) in page


@pytest.mark.django_db
def test_a_return_shows_the_request_and_the_resubmission_says_so(client, draft, applicant, staff):
    client.force_login(applicant)
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    app = _step(draft, "intake", staff["intake"], "return", "決算書が1期分足りません。")
    page = _page(client, app)
    assert "補正依頼中" in page and "修正して再提出してください。" in page
    assert "補正の依頼内容" in page and "決算書が1期分足りません。" in page
    assert "経営革新計画の修正（補正）" in page

    submit_url = reverse("workflow:application-submit", args=[app.pk])
    check = client.get(submit_url).content.decode()
    assert "確認と再提出" in check and "決算書が1期分足りません。" in check
    response = client.post(submit_url, follow=True)
    page = response.content.decode()
    assert "再提出が完了しました" in page and "第2版（補正後の再提出）" in page
    app.refresh_from_db()
    assert (app.status, app.version) == ("submitted", 2)
    # Past requests stay readable once resubmitted.
    assert "これまでの補正の依頼" in _page(client, app)


@pytest.mark.django_db
def test_a_refusal_shows_the_reasons_and_the_rights_to_appeal(client, draft, applicant, staff):
    client.force_login(applicant)
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    app = _step(draft, "intake", staff["intake"], "accept")
    app = _step(app, "review", staff["reviewer"], "recommend_refusal", memo="審査の内部メモ")
    app = _step(app, "decision", staff["approver"], "refuse", "新規性が認められないため。")
    page = _page(client, app)
    assert "不承認の通知" in page and "新規性が認められないため。" in page
    assert "神奈川県知事に対して審査請求" in page
    assert "3か月以内" in page and "6か月以内" in page and "神奈川県を被告として" in page
    assert "審査の内部メモ" not in page
