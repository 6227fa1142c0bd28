"""The applicant's journeys in Chromium, by keyboard: sign up, draft, live check, submit."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from approvals.models import Application
from approvals.terms import quarter_choice_label
from tests import factories
from tests.browser.conftest import Keyboard, log_in
from tests.factories import MINIMAL_PDF, PLAN_START, PLAN_START_MONTH, passing_figures
from tests.portal.helpers import valid_corporate_number
from workflow import services
from workflow.services import open_task

PASSWORD = "tsubame-2026-kanagawa"


def _company(kb: Keyboard, page) -> None:
    kb.fill(page.locator("#id_name"), "株式会社みなと精機")
    kb.choose(page.locator("#id_legal_form"), "株式会社")
    kb.fill(page.locator("#id_corporate_number"), valid_corporate_number())
    kb.fill(page.locator("#id_representative_title"), "代表取締役")
    kb.fill(page.locator("#id_representative_name"), "港 花子")
    kb.fill(page.locator("#id_postal_code"), "２３１－００２３")
    kb.choose(page.locator("#id_prefecture"), "神奈川県")
    kb.fill(page.locator("#id_municipality"), "横浜市中区")
    kb.fill(page.locator("#id_address"), "山下町1-1")
    kb.fill(page.locator("#id_phone"), "045-000-0000")
    kb.fill(page.locator("#id_email"), "info@minato.example.jp")
    kb.choose(page.locator("#id_industry"), "製造業・建設業・運輸業")
    kb.fill(page.locator("#id_capital"), "10,000,000")
    kb.fill(page.locator("#id_employees"), "25")
    kb.choose(page.locator("#id_fiscal_year_end_month"), "3月")
    kb.date(page.locator("#id_founded_on"), "2005-04-01")
    kb.fill(page.locator("#id_closed_fiscal_years"), "10")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sign_up_draft_with_live_check_leave_return_and_submit(new_page, look_at):
    page = new_page()
    kb = Keyboard(page)
    page.goto("/")
    look_at(page, "top page")
    kb.press(page.get_by_role("link", name="新規登録").first)
    look_at(page, "sign up")

    # A failed sign-up: the error summary takes the focus and links to the field.
    kb.fill(page.locator("#id_email"), "owner@minato.example.jp")
    kb.press(page.get_by_role("button", name="登録する"))
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    look_at(page, "sign up with errors")
    first_link = summary.get_by_role("link").first
    kb.press(first_link, navigates=False)
    expect(page.locator("input:focus")).to_have_count(1)

    kb.fill(page.locator("#id_password1"), PASSWORD)
    kb.fill(page.locator("#id_password2"), PASSWORD)
    kb.check(page.locator("#id_accept_terms"))
    kb.press(page.get_by_role("button", name="登録する"))
    look_at(page, "confirmation e-mail sent")
    expect(page.get_by_role("heading", level=1)).to_have_text("確認のメールを送りました")
    # The e-mail's link confirms the address and signs the new applicant in.
    (message,) = mail.outbox
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", message.body)
    page.goto(link.group(1))
    look_at(page, "confirm e-mail address")
    kb.press(page.get_by_role("button", name="確認する"))
    expect(page).to_have_url(re.compile("/portal/company/$"))
    look_at(page, "company profile")

    _company(kb, page)
    kb.press(page.get_by_role("button", name=re.compile("保存")))
    expect(page.locator(".messages")).to_contain_text("企業情報を保存しました")
    look_at(page, "company saved")

    kb.press(page.get_by_role("link", name="申請一覧").first)
    look_at(page, "my applications (empty)")
    kb.press(page.get_by_role("button", name=re.compile("計画を作成|新しい計画")))
    look_at(page, "task list")

    kb.press(page.get_by_role("link", name="計画の概要"))
    look_at(page, "overview")
    kb.fill(page.locator("#id_theme"), "精密切削技術を応用した医療機器部品の製造")
    kb.check(page.get_by_label("新商品の開発又は生産"))
    kb.fill(page.locator("#id_existing_business"), "自動車部品の切削加工")
    kb.fill(page.locator("#id_content"), "微細加工技術で医療機器向けの精密部品を製造する。")
    kb.fill(page.locator("#id_novelty"), "5軸加工と洗浄工程の組合せは同業他社にない。")
    kb.fill(page.locator("#id_plan_start"), PLAN_START_MONTH)
    kb.radio(page.get_by_label("3年"))
    kb.press(page.get_by_role("button", name=re.compile("保存")))
    expect(page.locator(".task-list")).to_be_visible()

    # 経営指標: the criteria panel follows the figures as they are typed.
    kb.press(page.get_by_role("link", name="経営指標"))
    look_at(page, "figures (empty)")
    panel = page.locator("#criteria-panel")
    # Nothing typed yet: a neutral 未入力, not the 要判断 that means a reviewer must decide.
    expect(panel.locator("#criterion-value_added")).to_contain_text("未入力")
    expect(panel.locator("#criterion-value_added")).not_to_contain_text("要判断")
    rows = passing_figures(3)
    for year, values in rows.items():
        for name, value in values.items():
            kb.fill(page.locator(f"#id_y{year}-{name}"), f"{value:,}")
    salary = panel.locator("#criterion-total_salary")
    expect(salary).to_contain_text("達成")
    # Each amount is echoed in 円 under its box, so a figure typed in 円 would stand out.
    expect(page.locator(".money-echo[data-echo-for='id_y0-sales']")).to_have_text("= 1億円")
    look_at(page, "figures with the live check")

    # Salaries that no longer grow enough: the verdict changes without saving.
    kb.fill(page.locator("#id_y3-total_salary"), "１８，１００")
    expect(salary).to_contain_text("未達")
    kb.press(page.get_by_role("button", name="保存して戻る"))

    # Leave (log out) and come back: nothing typed is lost.
    kb.press(page.get_by_role("button", name="ログアウト"))
    page.goto("/accounts/login/")
    kb.fill(page.locator("#id_login"), "owner@minato.example.jp")
    kb.fill(page.locator("#id_password"), PASSWORD)
    kb.press(page.locator("main button[type=submit]"))
    application = Application.objects.get()
    page.goto(f"/portal/applications/{application.pk}/figures/")
    expect(page.locator("#id_y3-total_salary")).to_have_value("18100")
    expect(salary).to_contain_text("未達")
    kb.press(page.get_by_role("link", name=re.compile("戻る")).first)

    kb.press(page.get_by_role("link", name="実施計画"))
    look_at(page, "schedule")
    kb.fill(page.locator("#id_schedule-0-item"), "5軸加工機の導入")
    # The quarters are offered as the calendar months of the plan (it starts in PLAN_START).
    kb.choose(page.locator("#id_schedule-0-start"), quarter_choice_label("1-1", PLAN_START))
    kb.choose(page.locator("#id_schedule-0-end"), quarter_choice_label("1-2", PLAN_START))
    kb.press(page.get_by_role("button", name="保存して戻る"))

    kb.press(page.get_by_role("link", name="資金計画"))
    look_at(page, "funding")
    kb.choose(page.locator("#id_funding-0-source"), "民間金融機関借入")
    kb.fill(page.locator("#id_funding-0-amount"), "４，０００")
    # 必要資金 (設備投資額 5,000 + 運転資金 3 × 1,000 from the figures) against 調達計 4,000.
    expect(page.locator(".funding-balance")).to_contain_text("4,000千円不足しています")
    kb.press(page.get_by_role("button", name="保存して戻る"))

    kb.press(page.get_by_role("link", name="関係機関への連絡希望"))
    look_at(page, "support contacts")
    kb.press(page.get_by_role("button", name="保存して戻る"))

    kb.press(page.get_by_role("link", name="添付書類"))
    look_at(page, "attachments")
    # One upload per document: each kind has its own file input and button.
    for kind, label, count in (
        ("articles", "定款", 1),
        ("financials", "決算書（直近2期分）", 2),
        ("registry", "履歴事項全部証明書", 1),
    ):
        kb.choose_files(
            page.locator(f"input[type=file][name=files-{kind}]"),
            [
                {"name": f"{kind}-{n}.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF}
                for n in range(count)
            ],
        )
        kb.press(page.get_by_role("button", name=f"{label}を添付する"))
        expect(page.get_by_role("link", name=f"{kind}-{count - 1}.pdf")).to_be_visible()
    expect(page.get_by_role("link", name="financials-1.pdf")).to_be_visible()
    look_at(page, "attachments uploaded")
    kb.press(page.get_by_role("link", name=re.compile("戻る")).first)

    kb.press(page.get_by_role("link", name="確認と提出"))
    look_at(page, "check your answers")
    expect(page.locator("main")).to_contain_text(
        f"{PLAN_START.year}年4月〜9月（1年目 第1〜第2四半期）"
    )
    submit = page.get_by_role("button", name=re.compile("提出する"))
    kb.press(submit)
    expect(page.locator(".error-summary")).to_be_focused()
    look_at(page, "submit without acknowledgement")
    kb.check(page.get_by_label("自己チェックで基準を満たさない項目があることを確認しました"))
    kb.press(page.get_by_role("button", name=re.compile("提出する")))
    expect(page.locator("h1")).to_contain_text("提出")
    # What happens next and when; the panel alone says it was submitted (no flash message).
    expect(page.locator("main")).to_contain_text("標準処理期間")
    expect(page.locator("main")).to_contain_text("提出の確認メールを")
    expect(page.locator(".messages")).to_have_count(0)
    look_at(page, "submitted")
    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.versions.count() == 1
    assert application.mails.filter(template="submitted").count() == 1


def _submitted_application(username: str):
    applicant = factories.make_user("applicant", username=username, password=PASSWORD)
    application = factories.make_application(factories.make_company(applicant), applicant)
    services.application_submit(
        application=application, actor=applicant, acknowledge_failures=False
    )
    return applicant, application


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_withdrawal_mid_review_after_a_confirmation(new_page, look_at):
    applicant, application = _submitted_application("owner@odawara.example.jp")
    clerk = factories.make_user("intake", username="intake-clerk")
    task = open_task(application, "intake")
    services.task_complete(task=task, user=clerk, decision="accept")

    page = new_page()
    kb = Keyboard(page)
    log_in(page, applicant.username, PASSWORD)
    look_at(page, "my applications")
    kb.press(page.get_by_role("link", name=application.reference))
    expect(page.locator("main")).to_contain_text("審査中")
    look_at(page, "application under review")
    kb.press(page.get_by_role("link", name="この申請を取り下げる"))
    look_at(page, "withdrawal confirmation")

    # Changing one's mind loses nothing.
    kb.press(page.get_by_role("link", name="取り下げない"))
    application.refresh_from_db()
    assert application.status == "under_review"

    kb.press(page.get_by_role("link", name="この申請を取り下げる"))
    kb.fill(page.get_by_label(re.compile("理由")), "資金計画を見直すため")
    kb.press(page.get_by_role("button", name="取り下げる"))
    expect(page.locator("main")).to_contain_text("取下げ")
    look_at(page, "withdrawn")
    application.refresh_from_db()
    assert application.status == "withdrawn"
    assert open_task(application, "review") is None

    # Starting again does not mean typing everything again: the plan is copied into a draft.
    kb.press(page.get_by_role("button", name="この内容をコピーして新しい計画を作成"))
    expect(page.get_by_role("heading", level=1)).to_have_text("経営革新計画の作成")
    copy = Application.objects.exclude(pk=application.pk).get(company=application.company)
    expect(page.locator("main")).to_contain_text(f"管理番号 {copy.reference}")
    expect(page.locator("main")).to_contain_text("添付書類はコピーしていません")
    look_at(page, "copied into a new plan")
    assert (copy.status, copy.theme) == ("draft", application.theme)
    assert copy.figures.count() == application.figures.count() > 0
    assert not copy.attachments.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_english_is_chosen_once_and_remembered(new_page, look_at):
    applicant, application = _submitted_application("owner@english.example.jp")
    page = new_page()
    kb = Keyboard(page)
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    kb.press(page.get_by_role("button", name="English"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    look_at(page, "top page in English")

    log_in(page, applicant.username, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("[A-Za-z]"))
    look_at(page, "my applications in English")
    page.goto(f"/portal/applications/{application.pk}/")
    main = page.locator("main").inner_text()
    # Only the applicant's own words and the reference stay Japanese.
    for japanese in ("申請一覧", "提出済", "受付番号", "経営指標"):
        assert japanese not in main
    look_at(page, "application in English")

    kb.press(page.get_by_role("button", name="日本語"))
    expect(page.locator("html")).to_have_attribute("lang", "ja")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_text_enlarged_to_200_percent_loses_nothing(new_page):
    """WCAG 1.4.4: with the text at 200 % the figures page still fits a desktop window (the
    table scrolls inside its own region) and every label stays visible."""
    applicant = factories.make_user("applicant", username="big@example.jp", password=PASSWORD)
    application = factories.make_application(factories.make_company(applicant), applicant)
    # The reader's own text size, which no Content-Security-Policy of the site governs.
    page = new_page(bypass_csp=True)
    log_in(page, applicant.username, PASSWORD)
    for path in ("figures/", "overview/", ""):
        page.goto(f"/portal/applications/{application.pk}/{path}")
        page.add_style_tag(content="html { font-size: 200% !important; }")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path or 'task list'} scrolls sideways at 200 % text"
        clipped = page.evaluate(
            """() => [...document.querySelectorAll('main label, main h1, main h2, main .button')]
                .filter((el) => el.offsetParent && !el.closest('.visually-hidden'))
                // a label hidden for the eye on purpose (1 px, for screen readers) is not cut off
                .filter((el) => el.getBoundingClientRect().width > 1)
                .filter((el) => el.scrollWidth > el.clientWidth + 1
                    && getComputedStyle(el).overflow !== 'visible')
                .map((el) => el.textContent.trim())"""
        )
        assert clipped == [], f"text cut off at 200 %: {clipped}"
