"""The staff's part of the procedure in a real browser, with the applicant on the other side.

Each person has a browser context of their own. The application is built and submitted with
the factories and the flow's services (the applicant's own submission is another journey); the
staff then work it through their pages as a clerk clicks them: they land on キュー (nothing is
theirs yet) → 担当する in the application's row (or 次のタスクを担当) → the decision button → the
confirmation page (よろしいですか) → 確定する. Every page
reached goes through ``look_at`` (axe-core, no sideways scroll at 375 px).
"""

import io
import re
import time

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts.models import User
from approvals.models import Application
from tests import factories
from tests.browser.conftest import PASSWORD, log_in, open_menu
from workflow import services

APPLICANT = "applicant@example.jp"
STAFF = ("intake", "reviewer", "approver")  # username = role
CHECKLIST = ("新規性", "実現可能性", "資金計画の妥当性", "基本方針との整合")
INTAKE = ("定款あり", "決算書2期", "履歴事項は3か月以内", "県内所在", "法人番号")

journey = pytest.mark.django_db(transaction=True, serialized_rollback=True)


# --- Data -----------------------------------------------------------------------------------


def submitted_application() -> Application:
    """A complete plan (attachments included), submitted: an intake task waits in the queue.

    The members of staff belong to no company, so no separation of duties hides the task from
    them; the reviewer and the decider are two people.
    """
    applicant = factories.make_user("applicant", username=APPLICANT, password=PASSWORD)
    for role in STAFF:
        factories.make_user(role, username=role, password=PASSWORD)
    company = factories.make_company(applicant)
    application = factories.make_application(company, applicant)
    return services.application_submit(
        application=application, actor=applicant, acknowledge_failures=False
    )


def accepted_application() -> Application:
    """Submitted and accepted at intake (from code, as the API would): a review task waits."""
    application = submitted_application()
    services.task_complete(
        task=services.open_task(application, "intake"),
        user=User.objects.get(username="intake"),
        decision="accept",
    )
    return Application.objects.get(pk=application.pk)


# --- Staff pages ----------------------------------------------------------------------------


def heading(page):
    return page.get_by_role("heading", level=1)


def staff_menu(page):
    return page.get_by_role("navigation", name="職員メニュー")


def staff_log_in(page, look_at, username: str) -> None:
    """Staff with nothing assigned to them land on the queue (キュー)."""
    log_in(page, username)
    expect(heading(page)).to_have_text("キュー（未担当のタスク）")
    look_at(page, f"{username} queue on sign-in")


def take_from_queue(page, look_at, who: str, reference: str, *, next_task=False) -> None:
    """From any staff page: キュー → 担当する in the application's row (or 次のタスクを担当) →
    the task page with the decision buttons."""
    staff_menu(page).get_by_role("link", name=re.compile(r"^キュー")).click()
    expect(heading(page)).to_have_text("キュー（未担当のタスク）")
    row = page.get_by_role("row").filter(has_text=reference)
    expect(row).to_be_visible()
    look_at(page, f"{who} queue")
    if next_task:
        page.get_by_role("button", name="次のタスクを担当").click()
    else:
        row.get_by_role("button", name=f"担当する {reference}").click()
    expect(page.get_by_text("担当しました。")).to_be_visible()
    expect(page.get_by_role("heading", name="判断", exact=True)).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(reference)
    look_at(page, f"{who} task")


def decide(
    page, look_at, who: str, button: str, comment: str = "", checklist=(), memo: str = ""
) -> None:
    """On the task page: tick, write (the message to the applicant, the internal memo), press
    the decision button, read the confirmation page, confirm; the task's page then says the
    decision was recorded."""
    for item in checklist:
        page.get_by_label(re.compile(f"^{item}:")).check()
    if comment:
        page.get_by_label("申請者への連絡", exact=True).fill(comment)
    if memo:
        page.get_by_label("内部メモ（申請者には表示されません）").fill(memo)
    page.get_by_role("button", name=button, exact=True).click()
    expect(heading(page)).to_have_text(f"「{button}」でよろしいですか")
    summary = page.locator("dl.summary-list")
    expect(summary).to_contain_text(button)
    for text in (comment, memo):
        if text:
            expect(summary).to_contain_text(text)
    for item in checklist:
        expect(summary.get_by_role("listitem").filter(has_text=item)).to_contain_text("確認済み")
    look_at(page, f"{who} confirm")
    page.get_by_role("button", name=f"確定する（{button}）").click()
    # Recorded, the clerk is back at the queue for the next task.
    expect(page.get_by_text(f"「{button}」を記録しました。")).to_be_visible()
    expect(heading(page)).to_have_text("キュー（未担当のタスク）")
    look_at(page, f"{who} recorded")


# --- Applicant and public pages -------------------------------------------------------------


def open_application(page, look_at, reference: str) -> None:
    """Signed in, the applicant lands on 申請一覧 and opens the application."""
    log_in(page, APPLICANT)
    expect(heading(page)).to_have_text("申請一覧")
    look_at(page, "applicant list")
    page.get_by_role("link", name=reference, exact=True).click()


def wait_for_link(page, name: str, seconds: float = 10):
    """The notice is issued once the decision has committed: reload until its link shows."""
    link = page.get_by_role("link", name=name)
    deadline = time.monotonic() + seconds
    while not link.count() and time.monotonic() < deadline:
        time.sleep(0.5)
        page.reload()
    expect(link).to_be_visible()
    return link


def current_year_actual(page) -> int:
    """Target ② (public, not signed in): the cumulative actual of the current fiscal year."""
    page.goto("/targets/")
    row = page.get_by_role("row").filter(has_text="今年度")
    expect(row).to_have_count(1)
    actual, _target, *_rest = row.get_by_role("cell").all_inner_texts()
    return int(actual.replace(",", ""))


# --- Journeys -------------------------------------------------------------------------------


@journey
def test_return_correct_resubmit_accept(new_page, look_at):
    """Intake returns with a message (a ready-made reason inserted), the section concerned, a
    deadline and an internal memo → the applicant reads the request (never the memo), finds
    経営指標 tagged 「修正が必要」, follows the request's link, corrects 2年目の売上高, sees
    their own change and answers the request → intake sees the change (前回からの変更点, old
    and new) beside the answer and accepts."""
    application = submitted_application()
    reference = application.reference
    request = "2年目の売上高の根拠が不明です。見直してください。"
    memo = "社内限り: 前回の申請でも根拠が弱かった"
    reply = "2年目の売上高は、A社からの受注見込みを根拠に111,000千円に見直しました。"

    clerk = new_page()
    staff_log_in(clerk, look_at, "intake")
    take_from_queue(clerk, look_at, "intake", reference)
    clerk.get_by_text("補正を依頼するとき：対象の項目・補正期限・定型文").click()
    clerk.get_by_label("定型文").select_option(
        label="経営指標の数値の根拠が不明です。算出の根拠を示してください。"
    )
    clerk.get_by_role("button", name="定型文を挿入").click()
    message = clerk.get_by_label("申請者への連絡", exact=True)
    expect(message).to_have_value("経営指標の数値の根拠が不明です。算出の根拠を示してください。")
    message.fill(f"{request}\n{message.input_value()}")
    clerk.get_by_role("group", name=re.compile("^補正の対象")).get_by_label("経営指標").check()
    due = clerk.get_by_label("補正期限")
    expect(due).not_to_have_value("")  # the authority's number of days, changeable
    due.fill("2099-01-31")
    decide(clerk, look_at, "intake return", "補正を依頼する", memo=memo, checklist=INTAKE[:2])
    # 処理状況: the case now waits for its correction, the clock stopped.
    staff_menu(clerk).get_by_role("link", name="処理状況").click()
    expect(heading(clerk)).to_have_text("処理状況")
    case = clerk.get_by_role("row").filter(has_text=reference)
    expect(case).to_contain_text("補正")
    expect(case).to_contain_text("補正中（期間停止）")
    look_at(clerk, "intake workload")

    applicant = new_page()
    open_application(applicant, look_at, reference)
    expect(heading(applicant)).to_have_text("経営革新計画の修正（補正）")
    correction = applicant.locator("#correction-request")
    expect(correction).to_contain_text(request)
    expect(correction).to_contain_text("算出の根拠を示してください")
    expect(correction).to_contain_text("補正期限：2099年1月31日まで")
    expect(applicant.get_by_role("main")).not_to_contain_text(memo)
    # The count and the last row agree: every required task is done, and 経営指標 needs changes.
    expect(applicant.get_by_text("必須の5項目のうち、5項目が完了しています。")).to_be_visible()
    expect(applicant.locator("#task-figures-status")).to_contain_text("修正が必要")
    expect(applicant.locator("#task-company-status")).to_have_text("完了")
    expect(applicant.locator("#task-submit-status")).to_have_text("提出できます")
    look_at(applicant, "applicant correction")

    correction.get_by_role("link", name="経営指標を修正する").click()
    sales = applicant.locator("#id_y2-sales")  # 売上高 in the 2年目 fieldset
    expect(sales).to_have_value(re.compile(r"^110,?000$"))
    look_at(applicant, "applicant figures")
    sales.fill("111000")
    applicant.get_by_role("button", name="保存して戻る").click()
    expect(heading(applicant)).to_have_text("経営革新計画の修正（補正）")

    applicant.get_by_role("link", name="確認と再提出").click()
    expect(heading(applicant)).to_have_text("確認と再提出")
    expect(applicant.get_by_role("main")).to_contain_text(request)
    # The applicant sees what they are about to send: the same changes the clerk will read.
    own = applicant.locator("#changes")
    own_row = own.get_by_role("row").filter(has_text="2年目 売上高")
    expect(own_row.locator("del")).to_have_text("110,000千円")
    expect(own_row.locator("ins")).to_have_text("111,000千円")
    applicant.get_by_label("補正の内容（担当者への回答）").fill(reply)
    look_at(applicant, "applicant resubmit")
    applicant.get_by_role("button", name="再提出する").click()
    expect(heading(applicant)).to_have_text("再提出が完了しました")
    look_at(applicant, "applicant resubmitted")

    take_from_queue(clerk, look_at, "intake again", reference)
    changes = clerk.locator("#changes")
    expect(changes.get_by_role("heading", level=2)).to_have_text(
        "前回からの変更点（第1版 → 第2版）"
    )
    expect(changes).to_contain_text(request)
    expect(changes.locator("#correction-reply")).to_contain_text(reply)
    row = changes.get_by_role("row").filter(has_text="2年目 売上高")
    expect(row.locator("del")).to_have_text("110,000千円")
    expect(row.locator("ins")).to_have_text("111,000千円")
    expect(clerk.get_by_role("main")).to_contain_text(memo)  # staff read their memo
    decide(clerk, look_at, "intake accept", "受け付ける", checklist=INTAKE)

    application.refresh_from_db()
    assert (application.status, application.version) == ("under_review", 2)


@journey
def test_review_approve_notice_and_target(new_page, look_at):
    """Review recommends approval (checklist, opinion) → the decider approves and looks over
    the whole procedure → the applicant downloads the approval notice (a PDF with the approval
    number) → target ② counts one more approval in the current fiscal year."""
    application = accepted_application()
    reference = application.reference

    before = current_year_actual(new_page())

    reviewer = new_page()
    staff_log_in(reviewer, look_at, "reviewer")
    take_from_queue(reviewer, look_at, "reviewer", reference)
    opinion = "新規性あり。資金計画も妥当。"
    decide(
        reviewer,
        look_at,
        "review approval",
        "承認が適当と判断する",
        memo=opinion,
        checklist=CHECKLIST,
    )

    decider = new_page()
    staff_log_in(decider, look_at, "approver")
    take_from_queue(decider, look_at, "decider", reference, next_task=True)
    expect(decider.locator("#reviews")).to_contain_text(opinion)
    expect(decider.locator(".task-aside #review-opinion")).to_have_text(opinion)
    decide(decider, look_at, "decision approve", "承認する")

    # The decider looks the decision over: 処理済み → the task → the whole procedure → the list.
    staff_menu(decider).get_by_role("link", name="処理済み").click()
    expect(heading(decider)).to_have_text("処理済みのタスク")
    look_at(decider, "decider archive")
    decider.get_by_role("link", name=reference, exact=True).click()
    expect(heading(decider)).to_have_text(f"決裁: {application.theme}")
    expect(decider.get_by_role("main")).to_contain_text("完了")
    look_at(decider, "decider task detail")
    decider.get_by_role("link", name="この申請の手続全体").click()
    expect(heading(decider)).to_have_text(application.theme)
    tasks = decider.get_by_role("region", name="この申請のタスク")
    for step in ("受付", "審査", "決裁"):
        expect(tasks.get_by_role("row").filter(has_text=step).first).to_contain_text("完了")
    look_at(decider, "decider process")
    staff_menu(decider).get_by_role("link", name="申請の一覧").click()
    expect(decider.get_by_role("row").filter(has_text=reference)).to_contain_text("承認")
    look_at(decider, "decider process list")

    applicant = new_page()
    open_application(applicant, look_at, reference)
    link = wait_for_link(applicant, "承認通知書（PDF）")
    outcome = applicant.locator("section.outcome")
    expect(outcome.get_by_role("heading", name="承認されました")).to_be_visible()
    number = outcome.locator(".reference").inner_text().strip()
    assert re.fullmatch(r"経革第\d+号", number), number
    expect(applicant.get_by_role("main")).not_to_contain_text(opinion)  # internal to the staff
    look_at(applicant, "applicant approved")

    with applicant.expect_download() as download:
        link.click()
    content = download.value.path().read_bytes()
    assert content.startswith(b"%PDF")
    pages = PdfReader(io.BytesIO(content)).pages
    text = "".join(page.extract_text() for page in pages)
    assert number in re.sub(r"\s+", "", text)

    public = new_page()
    assert current_year_actual(public) == before + 1
    look_at(public, "targets")


@journey
def test_review_refusal_decider_refuses_with_reasons(new_page, look_at):
    """Review recommends refusal → the decider cannot refuse without reasons, then refuses with
    them → the applicant reads the reasons and the right to appeal, and finds the notice."""
    application = accepted_application()
    reference = application.reference

    reviewer = new_page()
    staff_log_in(reviewer, look_at, "reviewer")
    take_from_queue(reviewer, look_at, "reviewer", reference)
    decide(
        reviewer,
        look_at,
        "review refusal",
        "不承認が適当と判断する",
        memo="同業他社で相当程度普及している取組です。",
        checklist=CHECKLIST[1:],
    )

    decider = new_page()
    staff_log_in(decider, look_at, "approver")
    take_from_queue(decider, look_at, "decider", reference)
    expect(decider.locator("#reviews")).to_contain_text("不承認が適当")
    decider.get_by_role("button", name="不承認とする", exact=True).click()
    expect(heading(decider)).not_to_contain_text("よろしいですか")
    comment = decider.get_by_role("textbox", name="申請者への連絡")
    expect(comment).to_have_attribute("aria-invalid", "true")
    expect(decider.locator("#id_comment_error")).to_contain_text("不承認の理由を書いてください")
    look_at(decider, "decider reasons missing")
    decider.get_by_role("button", name="審査意見を引用").click()
    expect(comment).to_have_value("同業他社で相当程度普及している取組です。")
    reasons = "計画の取組は、同業他社において相当程度普及しているため、新規性が認められません。"
    decide(decider, look_at, "decision refuse", "不承認とする", reasons)

    applicant = new_page()
    open_application(applicant, look_at, reference)
    wait_for_link(applicant, "不承認通知書（PDF）")
    outcome = applicant.locator("section.outcome")
    expect(outcome.get_by_role("heading", name="不承認の通知")).to_be_visible()
    expect(outcome).to_contain_text(reasons)
    expect(outcome.get_by_role("heading", name="不服申立てについて")).to_be_visible()
    look_at(applicant, "applicant refused")
    application.refresh_from_db()
    assert application.status == "refused"


@journey
def test_a_new_clerk_sets_up_the_second_factor_at_the_first_sign_in(new_page, look_at):
    """A clerk with no device yet: the password leads to the set-up page (QR code and key), the
    staff menu stays closed; a code from the app sets it up, the recovery codes are shown, and
    the inbox opens. Signing in again asks for a code."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    clerk = factories.make_user("intake", username="newclerk", password=PASSWORD)
    Authenticator.objects.filter(user=clerk).delete()
    page = new_page()
    log_in(page, "newclerk")
    expect(heading(page)).to_have_text("二要素認証の設定")
    expect(page.get_by_role("img", name="認証アプリに登録するQRコード")).to_be_visible()
    look_at(page, "set up the second factor")
    page.goto("/staff/")
    expect(heading(page)).to_have_text("二要素認証の設定")

    secret = page.locator("code.totp-secret").inner_text().strip()
    page.get_by_label(re.compile("コード")).fill(
        format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    )
    page.get_by_role("button", name="設定する").click()
    expect(heading(page)).to_have_text("リカバリーコード")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    look_at(page, "recovery codes")
    page.goto("/staff/")
    expect(heading(page)).to_have_text("キュー（未担当のタスク）")

    open_menu(page)
    page.get_by_role("button", name="ログアウト").click()
    page.goto("/accounts/login/")
    page.fill("#id_login", "newclerk")
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(heading(page)).to_have_text("二要素認証")
    look_at(page, "second factor at sign-in")
