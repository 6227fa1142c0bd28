"""After the approval, in a real browser: the staff revoke an approval after a hearing, the
applicant reads the notices on their page, and anyone checks a notice on the public
verification page. Every page reached goes through ``look_at`` (axe-core, no sideways scroll
at 375 px)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from approvals import services as approvals_services
from approvals.constants import Status
from approvals.models import Application, Approval, FollowUp
from tests import factories
from tests.browser.conftest import PASSWORD, log_in
from tests.browser.test_staff_journeys import staff_log_in, take_from_queue
from tests.documents.conftest import attach_required
from tests.documents.conftest import decide as decide_through_the_flow
from tests.factories import passing_figures
from workflow import services as workflow_services

APPLICANT = "applicant@example.jp"

journey = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def approved_application() -> Application:
    """A plan approved through the flow by three members of staff."""
    applicant = factories.make_user("applicant", username=APPLICANT, password=PASSWORD)
    staff = {
        role: factories.make_user(role, username=role, password=PASSWORD)
        for role in ("intake", "reviewer", "approver")
    }
    application = factories.make_application(factories.make_company(applicant), applicant)
    return decide_through_the_flow(application, applicant, staff)


def heading(page):
    return page.get_by_role("heading", level=1)


@journey
def test_a_revocation_after_a_hearing(new_page, look_at):
    application = approved_application()
    factories.make_user("intake", username="officer", password=PASSWORD)
    case = f"/staff/applications/{application.pk}/revocation/"

    clerk = new_page()
    log_in(clerk, "intake")
    clerk.goto(case)
    expect(heading(clerk)).to_have_text("承認取消しの手続")
    look_at(clerk, "case to open")
    clerk.get_by_label("取消しの理由の区分").select_option("not_carried_out")
    clerk.get_by_label("取消しの原因となる事実").fill("計画の取組が1年以上行われていない。")
    hearing_at = timezone.localtime() + timedelta(days=14)
    clerk.get_by_label("聴聞の期日").fill(hearing_at.strftime("%Y-%m-%dT10:00"))
    clerk.get_by_label("聴聞の場所").fill("県庁本庁舎 第3会議室")
    clerk.get_by_role("button", name="手続を開始し聴聞通知書を作成する").click()
    expect(clerk.get_by_role("main")).to_contain_text("県庁本庁舎 第3会議室")
    look_at(clerk, "case opened")

    officer = new_page()
    log_in(officer, "officer")
    officer.goto(case)
    officer.get_by_label("聴聞の実施日").fill(timezone.localdate().isoformat())
    officer.get_by_label("聴聞調書・報告書").fill("当事者は出頭せず、陳述書の提出もなかった。")
    officer.get_by_role("button", name="聴聞の記録を保存する").click()
    expect(officer.get_by_role("main")).to_contain_text("当事者は出頭せず")
    look_at(officer, "hearing recorded")

    approver = new_page()
    log_in(approver, "approver")
    approver.goto(case)
    approver.get_by_label("承認を取り消す").check()
    approver.get_by_role("button", name="決定する").click()
    expect(approver.get_by_role("main")).to_contain_text("行政手続法第14条")
    look_at(approver, "decision without reasons")
    assert Application.objects.get(pk=application.pk).status == Status.APPROVED
    approver.get_by_label("承認を取り消す").check()
    approver.get_by_label("理由").fill("計画が実施されていないため。")
    approver.get_by_role("button", name="決定する").click()
    expect(approver.get_by_role("main")).to_contain_text("承認取消通知書")
    look_at(approver, "revoked")
    assert Application.objects.get(pk=application.pk).status == Status.REVOKED

    owner = new_page()
    log_in(owner, APPLICANT)
    owner.get_by_role("link", name=application.reference, exact=True).click()
    expect(owner.get_by_role("main")).to_contain_text("承認取消し")
    look_at(owner, "applicant reads the revocation")


@journey
def test_a_survey_the_public_check_and_ending_the_plan(new_page, look_at):
    """The firm answers the prefecture's survey task, anyone checks the notice's code on the
    public page, and the firm ends the plan: the public page then says so."""
    application = approved_application()
    Application.objects.filter(pk=application.pk).update(plan_start=date(2025, 4, 1))
    clerk = new_page()
    log_in(clerk, "intake")
    clerk.goto(f"/staff/applications/{application.pk}/follow-ups/")
    expect(heading(clerk)).to_have_text("フォローアップ調査")
    look_at(clerk, "staff survey page")
    clerk.get_by_label("調査の種類").select_option("interim")
    clerk.get_by_role("button", name="依頼する").click()
    expect(clerk.get_by_role("main")).to_contain_text("フォローアップ調査を依頼しました。")
    look_at(clerk, "survey requested")
    survey = FollowUp.objects.get(application=application)
    owner = new_page()
    log_in(owner, APPLICANT)
    expect(heading(owner)).to_have_text("申請一覧")
    look_at(owner, "list with the survey task")
    owner.goto(f"/portal/follow-ups/{survey.pk}/")
    expect(heading(owner)).to_contain_text("フォローアップ調査")
    look_at(owner, "survey form")

    code = Approval.objects.get(application=application).verify_code
    public = new_page()
    public.goto(f"/verify/{code}/")
    expect(heading(public)).to_have_text("経営革新計画の承認の照合")
    expect(public.get_by_role("main")).to_contain_text("有効（承認されています）")
    look_at(public, "verification: valid")

    # A new representative after the approval: a particulars report, needing its evidence.
    owner.goto("/portal/company/")
    owner.get_by_label("代表者氏名").fill("港 次郎")
    owner.get_by_role("button", name="保存する").click()
    expect(owner.get_by_role("main")).to_contain_text(
        "商号・代表者・所在地を変更するときは、変更を証明する書類"
    )
    look_at(owner, "particulars report without evidence")
    owner.get_by_label("代表者氏名").fill("港 次郎")
    owner.get_by_label("変更を証明する書類").set_input_files(
        {
            "name": "履歴事項全部証明書.pdf",
            "mimeType": "application/pdf",
            "buffer": factories.pdf_bytes("registry"),
        }
    )
    owner.get_by_role("button", name="保存する").click()
    owner.goto("/portal/company/")
    expect(owner.locator("table.company-reports")).to_contain_text("港 次郎")
    look_at(owner, "particulars report kept")

    owner.goto(f"/portal/applications/{application.pk}/")
    owner.get_by_role("link", name="計画を廃止する").click()
    expect(heading(owner)).to_have_text("この計画を廃止しますか")
    owner.get_by_role("button", name="廃止を届け出る").click()
    expect(owner.locator(".error-summary")).to_contain_text("廃止の理由を書いてください。")
    look_at(owner, "ending refused without a reason")
    owner.get_by_label("廃止の理由").fill("市場環境の変化により事業を見直したため。")
    owner.get_by_label("廃止の日").fill(timezone.localdate().isoformat())
    owner.get_by_role("button", name="廃止を届け出る").click()
    expect(owner.get_by_role("main")).to_contain_text("廃止")
    look_at(owner, "plan ended")
    assert Application.objects.get(pk=application.pk).status == Status.DISCONTINUED
    assert FollowUp.objects.get(pk=survey.pk).status == "closed"

    public.reload()
    expect(public.get_by_role("main")).to_contain_text("廃止（企業の届出により計画は終了しました）")
    look_at(public, "verification: ended")


@journey
def test_a_change_of_the_approved_plan(new_page, look_at):
    """The firm starts a change from its approved plan (the page first says what needs no
    procedure), and the clerk at intake sees the 新旧対照表 on the task page."""
    application = approved_application()
    owner = new_page()
    log_in(owner, APPLICANT)
    owner.get_by_role("link", name=application.reference, exact=True).click()
    owner.get_by_role("link", name="計画の変更を申請する").click()
    expect(heading(owner)).to_have_text("承認された計画を変更するとき")
    look_at(owner, "change explained")
    owner.get_by_role("button", name="変更承認申請を作成する").click()
    expect(owner.locator(".error-summary")).to_be_visible()
    look_at(owner, "change refused without reason and items")
    owner.get_by_label("計画期間延長").check()
    owner.get_by_label("変更理由").fill("量産設備の導入が遅れ、事業期間を2年延長するため。")
    owner.get_by_role("button", name="変更承認申請を作成する").click()
    expect(heading(owner)).to_have_text("変更承認申請の作成")
    look_at(owner, "change draft")

    change = Application.objects.get(kind="change")
    change = approvals_services.application_update(
        application=change, actor=change.created_by, period_years=5
    )
    approvals_services.application_set_figures(
        application=change, rows={4: passing_figures(5)[4], 5: passing_figures(5)[5]}
    )
    attach_required(change, change.created_by)
    workflow_services.application_submit(
        application=change, actor=change.created_by, acknowledge_failures=True
    )
    clerk = new_page()
    staff_log_in(clerk, look_at, "intake")
    take_from_queue(clerk, look_at, "intake", change.reference)
    expect(clerk.get_by_role("main")).to_contain_text("新旧対照表")
    expect(clerk.get_by_role("main")).to_contain_text("量産設備の導入が遅れ")
