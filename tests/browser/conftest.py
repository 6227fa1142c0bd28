"""Journeys in a real browser: Playwright driving Debian's Chromium against a live server.

Every journey (a test that uses ``look_at``) runs twice, in a 1280 px desktop window and on a
375 px wide phone: ``test_x[desktop]`` and ``test_x[phone]``, the phone runs marked ``phone``
(``-m phone`` or ``-m "not phone"`` selects them). On a phone the header's menu is folded, and
``Keyboard`` opens it as a person would when a control sits inside it.

Every page a journey reaches goes through ``look_at``: axe-core (the copy pinned by
axe-playwright-python in uv.lock) finds no serious or critical violation, and on the phone the
page does not scroll sideways. With ``KAKUSHIN_SCREENSHOTS=<folder>`` (what ``make
screenshots`` sets) each of those pages is also saved as a PNG, ``…-desktop.png`` from the
desktop run and ``…-phone.png`` from the phone run.
"""

import os
import re
from pathlib import Path

import pytest

from accounts.models import User
from tests import factories

CHROMIUM = os.environ.get("KAKUSHIN_CHROMIUM", "/usr/bin/chromium")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
PASSWORD = "browser-journey-2026"
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


def pytest_configure(config):
    config.addinivalue_line("markers", "phone: a browser journey run at 375 px (a phone)")


HERE = Path(__file__).resolve().parent
ON_EVERY_DATABASE = os.environ.get("KAKUSHIN_BROWSER_ON_POSTGRES") == "1"


def pytest_collection_modifyitems(config, items):
    """The journeys run once per CI run, on SQLite: they test pages, not the database, and
    the races and real processes are PostgreSQL's tests (tests/workflow, tests/integration).
    ``KAKUSHIN_BROWSER_ON_POSTGRES=1`` runs them on PostgreSQL too."""
    from django.conf import settings

    if ON_EVERY_DATABASE or not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(
        reason="browser journeys run on SQLite (KAKUSHIN_BROWSER_ON_POSTGRES=1)"
    )
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(skip)


def pytest_generate_tests(metafunc):
    """A journey runs at both widths; other browser tests keep the desktop window."""
    if "look_at" in metafunc.fixturenames:
        metafunc.parametrize(
            "viewport",
            [pytest.param("desktop"), pytest.param("phone", marks=pytest.mark.phone)],
        )


@pytest.fixture
def viewport() -> str:
    return "desktop"


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module.

    Playwright's sync API runs an event loop in this thread, so Django would refuse the ORM
    calls the tests make themselves (setting up data, checking the database): they are allowed
    while the browser runs, and only then (the variable must not leak into other tests, such as
    the deploy check of the production settings).

    Django's connections are context-local (asgiref), and while Playwright runs, the tests see
    connection objects of their own: the data serialized when the test database was created
    (for ``serialized_rollback``) is handed over to them, or the data migrations' rows (roles,
    target ②) would be gone after the first journey's flush."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's Chromium. "
            "Run `make test` (it installs the chromium package) or "
            "`sudo apt-get install -y chromium`."
        )
    from django.db import connections
    from playwright.sync_api import sync_playwright

    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-default-apps",
                "--disable-sync",
                "--no-first-run",
                "--metrics-recording-only",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server, viewport):
    """A fresh browser context (no cookies, no cache) per person, against the live server, in
    the journey's window: a desktop, or a phone (touch, as Chromium's device emulation)."""
    contexts = []
    phone = viewport == "phone"

    def make(**options):
        context = browser.new_context(
            base_url=live_server.url,
            viewport=VIEWPORTS[viewport],
            locale="ja-JP",
            has_touch=phone,
            is_mobile=phone,
            **options,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: _csp_violation(message, blocked))
        return page

    errors: list[str] = []
    blocked: list[str] = []
    yield make
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors on the pages: {errors}"
    assert not blocked, f"The Content-Security-Policy blocked something: {blocked}"


def _csp_violation(message, blocked: list[str]) -> None:
    """Chromium reports what the policy refused on the console: a page that needs an inline
    script or style, or a resource from elsewhere, fails the journey."""
    if message.type == "error" and "Content Security Policy" in message.text:
        blocked.append(f"{message.location.get('url', '')}: {message.text[:300]}")


def _axe_problems(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    problems = []
    for violation in results.response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = [node["target"] for node in violation["nodes"][:5]]
            problems.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} {targets}"
            )
    return problems


def _sideways_overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


# The outermost elements that stick out on the right, to say what to fix.
_WIDE_ELEMENTS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.body.querySelectorAll("*")].filter(
    (el) => el.getBoundingClientRect().right > width + 1
  );
  return wide
    .filter((el) => !wide.includes(el.parentElement))
    .slice(0, 5)
    .map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
      + (typeof el.className === "string" && el.className ? "." + el.className : "")
      + " " + Math.round(el.getBoundingClientRect().width) + "px");
}"""


class Looker:
    """Checks (and optionally photographs) each page of a journey, at the journey's width."""

    def __init__(self, journey: str, viewport: str = "desktop"):
        self.journey = journey
        self.viewport = viewport
        self.count = 0
        folder = os.environ.get("KAKUSHIN_SCREENSHOTS")
        self.folder = Path(folder) if folder else None

    def __call__(self, page, name: str) -> None:
        page.wait_for_load_state("load")
        self.count += 1
        width = f" at {page.viewport_size['width']} px"
        problems = _axe_problems(page)
        assert not problems, f"{name} ({page.url}){width}: accessibility violations:\n" + (
            "\n".join(problems)
        )
        overflow = _sideways_overflow(page)
        assert overflow <= 0, (
            f"{name} ({page.url}) scrolls sideways by {overflow}px{width}: "
            f"{page.evaluate(_WIDE_ELEMENTS)}"
        )
        if self.folder:
            slug = re.sub(r"[^\w-]+", "-", name).strip("-")
            self.folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(
                path=self.folder / f"{self.journey}-{self.count:02d}-{slug}-{self.viewport}.png",
                full_page=True,
            )


@pytest.fixture
def look_at(request, viewport):
    module = request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")
    name = request.node.originalname.removeprefix("test_")
    return Looker(f"{module}-{name}", viewport)


def open_menu(page) -> None:
    """On a phone, open the header's folded menu (a no-op where it is not folded)."""
    toggle = page.locator(".menu-toggle[aria-expanded=false]")
    if toggle.is_visible():
        toggle.click()


def log_in(page, username: str, password: str = PASSWORD) -> None:
    """Sign in; a member of staff then types a recovery code as the second factor."""
    page.goto("/accounts/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", password)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state("load")
    if "/accounts/2fa/authenticate/" in page.url:
        user = User.objects.get(username=username)
        page.fill("#id_code", factories.recovery_code(user))
        page.locator("main button[type=submit]").click()
        page.wait_for_load_state("load")


class Keyboard:
    """Drives a page with the keyboard alone: Tab to reach a control, then type or press.

    Each helper first tabs forward from wherever the focus is until the control has it, so
    a control that Tab cannot reach (or that is reached only after 400 presses) fails the test.
    """

    def __init__(self, page):
        self.page = page

    def tab_to(self, locator, limit: int = 400) -> None:
        self._reveal(locator)
        handle = locator.element_handle()
        for _ in range(limit):
            if self.page.evaluate("el => document.activeElement === el", handle):
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reaches {locator}")

    def _reveal(self, locator) -> None:
        """A control that is not shown, with the header's menu folded (a phone): open the menu
        with the keyboard first, as its user would."""
        toggle = self.page.locator(".menu-toggle[aria-expanded=false]")
        if not toggle.is_visible():
            return
        if locator.count() and locator.first.is_visible():
            return
        self.tab_to(toggle)
        self.page.keyboard.press("Enter")
        expect_open = self.page.locator(".menu-toggle[aria-expanded=true]")
        expect_open.wait_for()

    def fill(self, locator, text: str) -> None:
        self.tab_to(locator)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        self.page.keyboard.type(text)

    def check(self, locator) -> None:
        self.tab_to(locator)
        if not locator.is_checked():
            self.page.keyboard.press("Space")
        assert locator.is_checked()

    def choose(self, select, label: str, limit: int = 80) -> None:
        """A closed <select>: arrow keys change the chosen option."""
        self.tab_to(select)
        self.page.keyboard.press("Home")
        for _ in range(limit):
            if select.evaluate("s => s.options[s.selectedIndex].text") == label:
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"{label!r} is not an option of {select}")

    def radio(self, locator, limit: int = 20) -> None:
        """A radio group: Tab lands on the group, arrow keys move the choice."""
        name = locator.get_attribute("name")
        checked = self.page.locator(f"input[type=radio][name='{name}']:checked")
        first = self.page.locator(f"input[type=radio][name='{name}']").first
        self.tab_to(checked if checked.count() else first)
        for _ in range(limit):
            if locator.is_checked():
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"arrow keys never choose {locator}")

    def date(self, locator, iso: str) -> None:
        """Type a date into <input type=date>. Its segments follow Chromium's own UI language
        (month/day/year for en-US, year/month/day for Japanese), so type in that order."""
        year, month, day = iso.split("-")
        self.tab_to(locator)
        self.page.keyboard.type(month + day + year)
        if locator.input_value() != iso:
            self.page.keyboard.press("Shift+Tab")
            self.page.keyboard.press("Shift+Tab")
            self.page.keyboard.type(year + month + day)
        assert locator.input_value() == iso

    def press(self, locator, *, navigates: bool = True) -> None:
        """Activate a link or button with Enter (and wait for the page it leads to)."""
        self.tab_to(locator)
        if not navigates:
            self.page.keyboard.press("Enter")
            return
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")
        self.page.wait_for_load_state("load")

    def choose_files(self, locator, files: list[dict], attempts: int = 3) -> None:
        """Open a file input's chooser with Space and choose `files` there.

        Chromium now and then drops the Space that should open a chooser right after the
        previous one closed (the press happens, no chooser comes); the control is pressed
        again then, still by keyboard, rather than failing the journey on the browser's timing.
        """
        from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

        self.tab_to(locator)
        for attempt in range(attempts):
            try:
                with self.page.expect_file_chooser(timeout=5_000) as chooser:
                    self.page.keyboard.press("Space")
            except PlaywrightTimeoutError:
                if attempt == attempts - 1:
                    raise
                continue
            chooser.value.set_files(files)
            return
