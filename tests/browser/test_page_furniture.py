"""What every page carries, in the browser: the header's menu (folded on a phone) and the
password fields' 「表示」 button. Each test runs at both widths (``look_at``)."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import PASSWORD, Keyboard

journey = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@journey
def test_the_header_menu_folds_on_a_phone_only(new_page, look_at, viewport):
    page = new_page()
    kb = Keyboard(page)
    page.goto("/")
    look_at(page, "top page")
    menu = page.get_by_role("navigation", name="メインメニュー")
    toggle = page.get_by_role("button", name="メニュー")
    targets = menu.get_by_role("link", name="目標の達成状況")
    if viewport == "desktop":
        expect(toggle).to_be_hidden()
        expect(targets).to_be_visible()
        return
    # On the phone the links wait behind 「メニュー」, which says whether it is open.
    expect(targets).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    kb.press(toggle, navigates=False)
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(targets).to_be_visible()
    look_at(page, "top page with the menu open")
    # Escape folds it again and gives the focus back to the button.
    kb.tab_to(targets)
    page.keyboard.press("Escape")
    expect(targets).to_be_hidden()
    expect(toggle).to_be_focused()
    kb.press(toggle, navigates=False)
    kb.press(targets)
    expect(page).to_have_url(re.compile("/targets/"))


@journey
def test_the_password_can_be_shown_while_typing_it(new_page, look_at):
    applicant = factories.make_user("applicant", username="show@example.jp", password=PASSWORD)
    page = new_page()
    kb = Keyboard(page)
    page.goto("/accounts/login/")
    password = page.locator("#id_password")
    show = page.get_by_role("button", name="パスワードを表示する")
    kb.fill(page.locator("#id_login"), applicant.username)
    kb.fill(password, PASSWORD)
    expect(password).to_have_attribute("type", "password")
    kb.press(show, navigates=False)
    expect(password).to_have_attribute("type", "text")
    hide = page.get_by_role("button", name="パスワードを隠す")
    expect(hide).to_have_text("隠す")
    expect(hide).to_be_focused()
    look_at(page, "log in with the password shown")
    # Shown when the form is sent: it is hidden again first, and the sign-in works.
    kb.press(page.locator("main button[type=submit]"))
    # (A new applicant without company details is asked for them first.)
    expect(page.get_by_role("heading", level=1)).to_have_text("企業情報")


@journey
def test_sign_up_offers_the_button_on_both_password_fields(new_page, look_at):
    page = new_page()
    page.goto("/accounts/signup/")
    look_at(page, "sign up")
    buttons = page.get_by_role("button", name="パスワードを表示する")
    expect(buttons).to_have_count(2)
    buttons.nth(1).click()
    expect(page.locator("#id_password2")).to_have_attribute("type", "text")
    expect(page.locator("#id_password1")).to_have_attribute("type", "password")
