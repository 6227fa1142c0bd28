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
