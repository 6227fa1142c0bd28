"""A support body's day in a real browser (DOMAIN.md §12): the delegate signs in, sees only the
firm that delegated to it, opens its draft, writes an advice comment and records a 事前確認;
the firm reads the advice on its application and section pages; intake sees the confirmation
on the task page. Every page goes through ``look_at`` (axe-core, no sideways scroll at 375 px),
in Japanese and in English."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from approvals.models import AdviceComment, SupportConfirmation, SupportMember, SupportOrganisation
from approvals.support import services as support_services
from tests import factories
from tests.browser.conftest import PASSWORD, Keyboard, log_in
from tests.browser.test_staff_journeys import heading, staff_log_in, take_from_queue
from workflow import services

APPLICANT = "applicant@example.jp"
DELEGATE = "shidoin@yokosuka-shokokai.example.jp"
ADVICE = "2年目の付加価値額の伸びについて、受注見込みの根拠を書き足しましょう。"
CHECKED = "売上計画と資金計画の整合を確認しました。"

journey = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def world():
    """Firm A delegates view, comment and confirm to the 商工会's adviser; firm B delegates
    nothing to it (its plan must never show)."""
    applicant = factories.make_user("applicant", username=APPLICANT, password=PASSWORD)
    factories.make_user("intake", username="intake", password=PASSWORD)
    company = factories.make_company(applicant)
    application = factories.make_application(company, applicant)
    other = factories.make_user("applicant", username="other@example.jp", password=PASSWORD)
    other_company = factories.make_company(
        other, name="有限会社小田原商店", municipality="小田原市", industry="retail"
    )
    factories.make_application(other_company, other, theme="乙社の秘密の計画")
    shokokai = SupportOrganisation.objects.create(
        kind="shokokai", name="横須賀商工会", region="横須賀三浦"
    )
    delegate = factories.make_user(
        "support", username=DELEGATE, password=PASSWORD, display_name="三浦 指導員"
    )
    SupportMember.objects.create(user=delegate, organisation=shokokai, title="経営指導員")
    support_services.delegation_grant(
        company=company,
        actor=applicant,
        username=DELEGATE,
        scopes=["view", "comment", "confirm"],
        valid_to=timezone.localdate() + timedelta(days=60),
        letter=None,
    )
    return application, other_company


def switch_language(page, kb: Keyboard, to: str) -> None:
    name, lang = ("English", "en") if to == "en" else ("日本語", "ja")
    kb.press(page.get_by_role("button", name=name))
    expect(page.locator("html")).to_have_attribute("lang", lang)


@journey
def test_a_delegates_day(new_page, look_at):
    application, other_company = world()
    reference = application.reference

    # The delegate: only the firm that delegated, its draft, advice, a 事前確認.
    adviser = new_page()
    kb = Keyboard(adviser)
    log_in(adviser, DELEGATE)
    adviser.goto("/portal/applications/")
    expect(heading(adviser)).to_have_text("委任を受けている企業")
    main = adviser.get_by_role("main")
    expect(main).to_contain_text(application.company.name)
    expect(main).not_to_contain_text(other_company.name)
    expect(main).not_to_contain_text("乙社の秘密の計画")
    look_at(adviser, "delegate home")

    kb.press(adviser.get_by_role("link", name=reference, exact=True))
    expect(adviser.get_by_role("main")).to_contain_text("委任により、企業に代わって操作しています")
    look_at(adviser, "delegate application")

    kb.press(adviser.get_by_role("link", name="助言コメントを書く"))
    expect(heading(adviser)).to_have_text("助言コメント")
    look_at(adviser, "delegate advice form")
    kb.choose(adviser.get_by_label("どの項目への助言か"), "経営指標")
    kb.fill(adviser.locator("#id_body"), ADVICE)
    kb.press(adviser.get_by_role("button", name="コメントを送る"))
    expect(adviser.get_by_text("「経営指標」への助言コメントを送りました。")).to_be_visible()
    expect(adviser.locator("#advice-figures")).to_have_text("経営指標")
    look_at(adviser, "delegate advice sent")

    kb.press(adviser.get_by_role("link", name="申請に戻る"))
    kb.press(adviser.get_by_role("link", name="事前確認を記録する"))
    expect(heading(adviser)).to_have_text("事前確認")
    expect(adviser.get_by_role("main")).to_contain_text("提出の条件ではありません")
    look_at(adviser, "delegate confirmation form")
    kb.fill(adviser.get_by_label("確認のコメント"), CHECKED)
    kb.press(adviser.get_by_role("button", name="この内容を確認したことを記録する"))
    expect(adviser.get_by_text(re.compile("事前確認を記録しました"))).to_be_visible()
    expect(adviser.get_by_role("table")).to_contain_text(CHECKED)
    look_at(adviser, "delegate confirmation recorded")
    assert SupportConfirmation.objects.get().comment == CHECKED
    assert AdviceComment.objects.get().section == "figures"

    # The same pages in English.
    switch_language(adviser, kb, "en")
    expect(heading(adviser)).to_have_text("Pre-check")
    look_at(adviser, "delegate confirmation in English")
    adviser.goto(f"/portal/applications/{application.pk}/advice/")
    expect(heading(adviser)).to_have_text("Advice comments")
    look_at(adviser, "delegate advice in English")
    adviser.goto("/portal/applications/")
    expect(heading(adviser)).to_have_text("Companies that delegated to you")
    look_at(adviser, "delegate home in English")
    switch_language(adviser, kb, "ja")

    # The firm reads the advice on its application and on the section it concerns.
    firm = new_page()
    log_in(firm, APPLICANT)
    firm.goto(f"/portal/applications/{application.pk}/")
    box = firm.locator(".advice-box")
    expect(box).to_contain_text(ADVICE)
    expect(box).to_contain_text("横須賀商工会")
    expect(box).to_contain_text("確認した内容のまま")
    look_at(firm, "firm application with advice")
    firm.goto(f"/portal/applications/{application.pk}/figures/")
    expect(firm.locator(".advice-section")).to_contain_text(ADVICE)
    look_at(firm, "firm figures with advice")
    firm.goto(f"/portal/applications/{application.pk}/overview/")
    expect(firm.locator(".advice-section")).to_have_count(0)

    # Submitted as checked; intake sees the flag, never the advice.
    services.application_submit(
        application=application,
        actor=User.objects.get(username=APPLICANT),
        acknowledge_failures=False,
    )
    clerk = new_page()
    staff_log_in(clerk, look_at, "intake")
    take_from_queue(clerk, look_at, "intake", reference)
    flag = clerk.locator("#confirmations")
    expect(flag).to_contain_text("横須賀商工会")
    expect(flag).to_contain_text("三浦 指導員")
    expect(flag).to_contain_text("第1版は、確認した内容と同じです。")
    expect(flag).to_contain_text(CHECKED)
    expect(clerk.get_by_role("main")).not_to_contain_text(ADVICE)
    look_at(clerk, "intake task with the confirmation")
    clerk_kb = Keyboard(clerk)
    switch_language(clerk, clerk_kb, "en")
    expect(clerk.locator("#confirmations")).to_contain_text(
        "Version 1 is the same as the content checked."
    )
    look_at(clerk, "intake task with the confirmation in English")
    switch_language(clerk, clerk_kb, "ja")


SHOSHI = "shoshi@minato-gyosei.example.jp"
REVISED_THEME = "精密切削と洗浄工程を組み合わせた医療機器部品の製造"


@journey
def test_a_gyoseishoshi_files_for_the_firm_until_it_revokes(new_page, look_at):
    """The firm grants a 行政書士 edit and submit with its 委任状 on the portal; the 行政書士
    revises the draft and submits it for the firm, reads the result in English; the firm
    revokes, and from the next page on the 行政書士 sees the firm no more."""
    applicant = factories.make_user("applicant", username=APPLICANT, password=PASSWORD)
    application = factories.make_application(factories.make_company(applicant), applicant)
    office = SupportOrganisation.objects.create(
        kind="gyoseishoshi", name="みなと行政書士事務所", registration_number="第26100001号"
    )
    shoshi = factories.make_user(
        "support", username=SHOSHI, password=PASSWORD, display_name="港 行政書士"
    )
    SupportMember.objects.create(user=shoshi, organisation=office, title="行政書士")
    valid_to = (timezone.localdate() + timedelta(days=90)).isoformat()

    # The firm delegates on its portal, with the letter.
    firm = new_page()
    firm_kb = Keyboard(firm)
    log_in(firm, APPLICANT)
    firm_kb.press(firm.get_by_role("link", name="支援機関への委任"))
    expect(heading(firm)).to_have_text("支援機関への委任")
    look_at(firm, "firm delegations (none)")
    firm_kb.fill(firm.locator("#id_username"), SHOSHI)
    firm_kb.check(firm.get_by_label(re.compile("^下書きの編集：")))
    firm_kb.check(firm.get_by_label(re.compile("^提出：")))
    firm_kb.date(firm.locator("#id_valid_to"), valid_to)
    firm_kb.choose_files(
        firm.locator("#id_power_of_attorney"),
        [{"name": "委任状.pdf", "mimeType": "application/pdf", "buffer": factories.MINIMAL_PDF}],
    )
    firm_kb.press(firm.get_by_role("button", name="委任する"))
    expect(firm.locator(".messages")).to_contain_text(
        "港 行政書士（みなと行政書士事務所）に委任しました。"
    )
    table = firm.get_by_role("table")
    expect(table).to_contain_text("閲覧、下書きの編集、提出")
    expect(table.get_by_role("link", name="委任状（委任状.pdf）")).to_be_visible()
    look_at(firm, "firm delegated with a letter")

    # The 行政書士 revises the draft and submits it for the firm.
    shoshi_page = new_page()
    kb = Keyboard(shoshi_page)
    log_in(shoshi_page, SHOSHI)
    shoshi_page.goto("/portal/applications/")
    kb.press(shoshi_page.get_by_role("link", name=application.reference, exact=True))
    expect(shoshi_page.get_by_role("main")).to_contain_text(
        "委任により、企業に代わって操作しています"
    )
    look_at(shoshi_page, "shoshi application")
    kb.press(shoshi_page.get_by_role("link", name="計画の概要"))
    look_at(shoshi_page, "shoshi overview")
    kb.fill(shoshi_page.locator("#id_theme"), REVISED_THEME)
    kb.press(shoshi_page.get_by_role("button", name="保存して戻る"))
    kb.press(shoshi_page.get_by_role("link", name="確認と提出"))
    expect(shoshi_page.get_by_role("main")).to_contain_text(REVISED_THEME)
    look_at(shoshi_page, "shoshi check your answers")
    kb.press(shoshi_page.get_by_role("button", name=re.compile("提出する")))
    expect(shoshi_page.locator("h1")).to_contain_text("提出")
    look_at(shoshi_page, "shoshi submitted")
    application.refresh_from_db()
    assert application.status == "submitted" and application.theme == REVISED_THEME
    submitted = application.history.get(action="submit")
    assert submitted.actor == shoshi and submitted.on_behalf_of == application.company

    # The same page in English.
    switch_language(shoshi_page, kb, "en")
    shoshi_page.goto(f"/portal/applications/{application.pk}/")
    expect(shoshi_page.get_by_role("main")).to_contain_text(application.company.name)
    look_at(shoshi_page, "shoshi application in English")
    shoshi_page.goto("/portal/applications/")
    expect(heading(shoshi_page)).to_have_text("Companies that delegated to you")
    look_at(shoshi_page, "shoshi home in English")
    switch_language(shoshi_page, kb, "ja")

    # Intake sees who filed for the firm, under which delegation, who wrote which section.
    factories.make_user("intake", username="intake", password=PASSWORD)
    clerk = new_page()
    staff_log_in(clerk, look_at, "intake")
    take_from_queue(clerk, look_at, "intake", application.reference)
    filed = clerk.locator("#delegations")
    expect(filed).to_contain_text("みなと行政書士事務所（行政書士）・港 行政書士")
    expect(filed.get_by_role("link", name="委任状を開く（委任状.pdf）")).to_be_visible()
    drafted = filed.get_by_role("table", name="第1版の各項目を書いた人")
    expect(drafted).to_contain_text("計画の概要")
    expect(drafted).to_contain_text(f"{application.company.name}の委任により")
    look_at(clerk, "intake task filed by a gyoseishoshi")
    clerk_kb = Keyboard(clerk)
    switch_language(clerk, clerk_kb, "en")
    expect(clerk.locator("#delegations")).to_contain_text("Who wrote each section of version 1")
    look_at(clerk, "intake task filed by a gyoseishoshi in English")
    switch_language(clerk, clerk_kb, "ja")

    # The firm sees who submitted, then revokes.
    firm.goto(f"/portal/applications/{application.pk}/")
    expect(firm.get_by_role("main")).to_contain_text("みなと行政書士事務所")
    expect(firm.get_by_role("table", name="第1版の各項目を書いた人")).to_contain_text("計画の概要")
    look_at(firm, "firm application filed by its gyoseishoshi")
    firm_kb.press(firm.get_by_role("link", name="支援機関への委任"))
    firm_kb.press(firm.get_by_role("link", name="港 行政書士への委任を解除する"))
    expect(heading(firm)).to_have_text("港 行政書士への委任を解除しますか")
    look_at(firm, "firm revokes")
    firm_kb.press(firm.get_by_role("button", name="委任を解除する"))
    expect(firm.locator(".messages")).to_contain_text("港 行政書士への委任を解除しました。")
    expect(firm.get_by_role("main")).to_contain_text("終了した委任")
    look_at(firm, "firm revoked")

    # The next page the 行政書士 opens: the firm is gone.
    shoshi_page.goto("/portal/applications/")
    expect(shoshi_page.get_by_role("main")).not_to_contain_text(application.company.name)
    look_at(shoshi_page, "shoshi home after the revocation")
    response = shoshi_page.goto(f"/portal/applications/{application.pk}/")
    assert response.status == 404
    look_at(shoshi_page, "shoshi application gone")
