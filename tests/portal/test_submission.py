"""確認と提出 and 取下げ: blockers, the acknowledgement, jurisdiction, withdrawal."""

import pytest
from django.urls import reverse
from viewflow.workflow.status import PROCESS

from approvals import services as approvals_services
from approvals.models import Application, YearFigures
from tests import factories
from tests.portal.helpers import valid_corporate_number
from workflow import services
from workflow.models import ApplicationProcess


@pytest.fixture
def logged_in(client, applicant):
    client.force_login(applicant)
    return client


@pytest.mark.django_db
def test_an_incomplete_plan_lists_the_blockers_with_links_and_cannot_be_submitted(
    logged_in, company, applicant
):
    application = factories.make_application(company, applicant, complete=False)
    url = reverse("workflow:application-submit", args=[application.pk])
    page = logged_in.get(url).content.decode()
    assert "テーマを入力してください。" in page
    assert "実施計画の項目を1つ以上入力してください。" in page
    overview = reverse("approvals:application-overview", args=[application.pk])
    assert f'href="{overview}"' in page
    assert "提出する</button>" not in page

    response = logged_in.post(url)
    assert response.status_code == 200
    assert "提出できません。" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "draft"
    assert not ApplicationProcess.objects.filter(application=application).exists()


@pytest.mark.django_db
def test_the_schedule_stays_within_the_plan_period(logged_in, company, applicant):
    """The schedule offers the plan's quarters only; one left beyond a shortened period
    blocks the submission with what to fix, and the form's PDF never shows it."""
    application = factories.make_application(company, applicant, period_years=5)
    schedule = reverse("approvals:application-schedule", args=[application.pk])
    assert 'value="5-4"' in logged_in.get(schedule).content.decode()
    approvals_services.application_set_schedule(
        application=application, items=[{"item": "量産と販路開拓", "start": "2-1", "end": "5-2"}]
    )
    approvals_services.application_update(application=application, actor=applicant, period_years=3)
    approvals_services.application_set_figures(
        application=application, rows=factories.passing_figures(3)
    )
    page = logged_in.get(schedule).content.decode()
    assert 'value="3-4"' in page and 'value="4-1"' not in page

    submit = reverse("workflow:application-submit", args=[application.pk])
    blocker = (
        "実施計画「量産と販路開拓」の終了（5年目 第2四半期）が計画期間（3年目まで）を超えています。"
    )
    assert blocker in logged_in.get(submit).content.decode()
    assert "提出できません。" in logged_in.post(submit).content.decode()
    application.refresh_from_db()
    assert application.status == "draft"


@pytest.mark.django_db
def test_a_failing_plan_needs_the_acknowledgement(logged_in, draft):
    # Salaries stay flat: the 給与支給総額 criterion fails.
    YearFigures.objects.filter(application=draft, year=3).update(total_salary=18_000)
    url = reverse("workflow:application-submit", args=[draft.pk])
    page = logged_in.get(url).content.decode()
    assert "自己チェックで基準を満たさない項目があることを確認しました" in page
    assert "未達" in page

    response = logged_in.post(url)
    assert response.status_code == 200
    assert "チェックを入れてください" in response.content.decode()
    assert Application.objects.get(pk=draft.pk).status == "draft"

    response = logged_in.post(url, {"acknowledge": "on"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "submitted"
    assert draft.acknowledged_failures is True


@pytest.mark.django_db
def test_a_head_office_outside_the_prefecture_is_sent_to_the_bureau(logged_in, applicant):
    company = factories.make_company(applicant, prefecture="東京都", municipality="千代田区")
    application = factories.make_application(company, applicant)
    url = reverse("workflow:application-submit", args=[application.pk])
    page = logged_in.get(url).content.decode()
    assert "経済産業局" in page
    assert "提出する</button>" not in page
    response = logged_in.post(url, {"acknowledge": "on"})
    assert "経済産業局" in response.content.decode()
    assert Application.objects.get(pk=application.pk).status == "draft"


@pytest.mark.django_db
def test_withdrawal_after_confirmation_cancels_the_flow(logged_in, draft, applicant):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    url = reverse("workflow:application-withdraw", args=[draft.pk])
    page = logged_in.get(url).content.decode()
    assert "この申請を取り下げますか" in page
    assert Application.objects.get(pk=draft.pk).status == "submitted"

    response = logged_in.post(url, {"reason": "計画を見直すため"}, follow=True)
    assert "申請を取り下げました" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "withdrawn"
    assert ApplicationProcess.objects.get(application=draft).status == PROCESS.CANCELED
    entry = draft.history.get(action="withdraw")
    assert entry.comment == "計画を見直すため"
    assert "計画を見直すため" in response.content.decode()  # the history on the detail page


@pytest.mark.django_db
def test_an_approved_application_cannot_be_withdrawn(logged_in, draft, applicant):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    Application.objects.filter(pk=draft.pk).update(status="approved")
    url = reverse("workflow:application-withdraw", args=[draft.pk])
    response = logged_in.post(url, {"reason": "やめたい"}, follow=True)
    assert response.status_code == 200
    assert "「承認」の申請は取り下げられません" in response.content.decode()
    assert Application.objects.get(pk=draft.pk).status == "approved"
    assert not draft.history.filter(action="withdraw").exists()

    page = logged_in.get(url, follow=True).content.decode()
    assert "取り下げられません" in page


@pytest.mark.django_db
def test_a_draft_can_be_deleted_after_confirmation(logged_in, draft):
    url = reverse("approvals:application-delete", args=[draft.pk])
    assert "この計画を削除しますか" in logged_in.get(url).content.decode()
    assert Application.objects.filter(pk=draft.pk).exists()
    response = logged_in.post(url)
    assert response["Location"] == reverse("approvals:application-list")
    assert not Application.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
def test_the_detail_of_a_submitted_application_is_read_only_with_history(
    logged_in, draft, applicant
):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    page = logged_in.get(reverse("approvals:application-detail", args=[draft.pk])).content
    page = page.decode()
    assert "提出済（受付待ち）" in page
    assert "第1版" in page
    assert "提出" in page and draft.theme in page
    assert reverse("approvals:application-overview", args=[draft.pk]) not in page
    assert reverse("workflow:application-withdraw", args=[draft.pk]) in page


@pytest.mark.django_db
def test_tasklist_shows_section_statuses(logged_in, company, applicant):
    company.corporate_number = ""  # as a company stored before the 法人番号 was required
    company.save()
    application = approvals_services.application_create(company=company, actor=applicant)
    approvals_services.application_update(
        application=application, actor=applicant, theme="テーマだけ入力"
    )
    page = logged_in.get(reverse("approvals:application-detail", args=[application.pk]))
    page = page.content.decode()
    overview_status = page.split('id="task-overview-status"', 1)[1][:120]
    schedule_status = page.split('id="task-schedule-status"', 1)[1][:120]
    company_status = page.split('id="task-company-status"', 1)[1][:120]
    assert "入力中" in overview_status
    assert "未着手" in schedule_status
    assert "入力中" in company_status  # no 法人番号 yet
    assert "提出できます" not in page

    company.corporate_number = valid_corporate_number()
    company.save()
    page = logged_in.get(reverse("approvals:application-detail", args=[application.pk]))
    company_status = page.content.decode().split('id="task-company-status"', 1)[1][:120]
    assert "完了" in company_status
