"""The English translation: complete, compiled, and used when the switcher chose English.

The catalogue is locale/en/LC_MESSAGES/django.po. `make test` compiles it before pytest runs;
when the tests run on their own (or the .po was edited since), the module fixture below
compiles it first so the pages are checked against the current translations.
"""

import contextlib
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation.reloader import translation_file_changed

from approvals import terms
from tests import factories

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
PO_FILE = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")

# Hiragana, katakana (incl. half-width), CJK ideographs and CJK punctuation/full-width forms.
JAPANESE = re.compile(
    r"[\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
)
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogue():
    """Compile the .po when its .mo is missing or stale, then drop cached catalogues."""
    if not PO_FILE.exists():
        pytest.fail(f"{PO_FILE} is missing: run makemessages -l en")
    if not MO_FILE.exists() or MO_FILE.stat().st_mtime < PO_FILE.stat().st_mtime:
        # compilemessages walks the current directory for "locale" folders: run it from
        # inside locale/ so it compiles only this project's catalogue (LOCALE_PATHS).
        with contextlib.chdir(LOCALE_DIR):
            call_command("compilemessages", locale=["en"], verbosity=0)
        translation_file_changed(None, MO_FILE)
    yield


def _h1_texts(response) -> list[str]:
    html = response.content.decode()
    return [" ".join(TAG.sub(" ", h).split()) for h in H1.findall(html)]


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def applicant_with_draft(db):
    user = factories.make_user("applicant")
    company = factories.make_company(user)
    application = factories.make_application(company, user)
    return user, application


def _pages(application):
    """(name, url, expected English h1 or None) for the pages the applicant sees first."""
    return [
        ("application list", reverse("approvals:application-list"), "My applications"),
        (
            "plan editor",
            reverse("approvals:application-detail", args=[application.pk]),
            "Business Innovation Plan",
        ),
        (
            "plan overview section",
            reverse("approvals:application-overview", args=[application.pk]),
            None,
        ),
    ]


def _assert_english(response, expected=None):
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert 'lang="en"' in response.content.decode()
    headings = _h1_texts(response)
    assert headings, "page has no <h1>"
    for heading in headings:
        assert not JAPANESE.search(heading), f"Japanese text in <h1>: {heading!r}"
        assert re.search(r"[A-Za-z]", heading), f"no English in <h1>: {heading!r}"
    if expected:
        assert any(expected in h for h in headings), (expected, headings)


def _assert_japanese(response):
    assert response.status_code == 200
    assert response["Content-Language"] == "ja"
    headings = _h1_texts(response)
    assert headings, "page has no <h1>"
    assert all(JAPANESE.search(h) for h in headings), headings


# -- pages --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_page_in_english(client):
    _assert_english(_english(client).get(reverse("account_login")), "Sign in")


@pytest.mark.django_db
def test_signup_page_in_english(client):
    response = _english(client).get(reverse("account_signup"))
    _assert_english(response)
    assert "Register" in response.content.decode()


@pytest.mark.django_db
def test_login_and_signup_pages_are_japanese_without_the_cookie(client):
    response = client.get(reverse("account_login"))
    _assert_japanese(response)
    assert "ログイン" in _h1_texts(response)[0]
    _assert_japanese(client.get(reverse("account_signup")))


def test_applicant_pages_in_english(client, applicant_with_draft):
    user, application = applicant_with_draft
    client.force_login(user)
    _english(client)
    for _name, url, expected in _pages(application):
        _assert_english(client.get(url), expected)


def test_applicant_pages_are_japanese_without_the_cookie(client, applicant_with_draft):
    user, application = applicant_with_draft
    client.force_login(user)
    for _name, url, _expected in _pages(application):
        _assert_japanese(client.get(url))


def test_choosing_english_with_the_switcher_translates_the_login_page(client, db):
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    _assert_english(client.get(reverse("account_login")), "Sign in")


def test_the_compiled_catalogue_is_used():
    with translation.override("en"):
        assert translation.gettext("ログイン") == "Sign in"
        assert translation.gettext("経営革新計画") == "Business Innovation Plan"
    with translation.override("ja"):
        assert translation.gettext("ログイン") == "ログイン"


def test_years_are_counted_in_the_singular_and_plural_in_english():
    from approvals.terms import years_label

    with translation.override("en"):
        assert [years_label(n) for n in (0, 1, 3)] == ["0 years", "1 year", "3 years"]
    with translation.override("ja"):
        assert [years_label(n) for n in (1, 3)] == ["1年", "3年"]


# -- the catalogue itself ---------------------------------------------------------------------


def _unquote(line: str) -> str:
    body = line[line.index('"') + 1 : line.rindex('"')]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def _entries(path: Path) -> list[dict]:
    """A small PO reader: each entry's flags, msgid, msgid_plural and msgstr(s)."""
    entries, entry, key = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line or line.startswith("#~"):
            if entry and "msgid" in entry:
                entries.append(entry)
                entry = None
            key = None
            continue
        if entry is None:
            entry = {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"] |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if isinstance(key, int):
                entry["msgstr"][key] += _unquote(line)
            else:
                entry[key] += _unquote(line)
        else:
            word = line.split(None, 1)[0]
            match = re.fullmatch(r"msgstr\[(\d+)\]", word)
            key = int(match.group(1)) if match else word
            if word == "msgstr":
                key = 0
            if isinstance(key, int):
                entry["msgstr"][key] = _unquote(line)
            else:
                entry[key] = _unquote(line)
    return entries


PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def test_every_message_is_translated_and_none_is_fuzzy():
    entries = [e for e in _entries(PO_FILE) if e["msgid"]]
    assert entries
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values())]
    assert not fuzzy, f"fuzzy entries: {fuzzy}"
    assert not untranslated, f"untranslated entries: {untranslated}"
    plural = [e for e in entries if "msgid_plural" in e]
    assert all(len(e["msgstr"]) == 2 for e in plural)


def test_translations_keep_their_placeholders():
    wrong = []
    for e in _entries(PO_FILE):
        if not e["msgid"]:
            continue
        wanted = sorted(PLACEHOLDER.findall(e["msgid"]))
        for text in e["msgstr"].values():
            if sorted(PLACEHOLDER.findall(text)) != wanted:
                wrong.append((e["msgid"], text))
    assert not wrong, wrong


def test_japanese_messages_are_translated_into_english():
    """A msgstr copied from its msgid (or left in Japanese) is not a translation."""
    copied = []
    for e in _entries(PO_FILE):
        if not e["msgid"] or not JAPANESE.search(e["msgid"]):
            continue
        for text in e["msgstr"].values():
            if text == e["msgid"] or not re.search(r"[A-Za-z]", text):
                copied.append((e["msgid"], text))
    assert not copied, copied


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")
def test_msgfmt_checks_pass_and_report_everything_translated():
    result = subprocess.run(
        [shutil.which("msgfmt"), "--check", "--statistics", "-o", "/dev/null", str(PO_FILE)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "LC_ALL": "C", "LANGUAGE": ""},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "translated message" in output, output
    assert "untranslated" not in output, output
    assert "fuzzy" not in output, output


# -- the live self-check, /targets/ and counted units -------------------------------------------

# The law and article stay as the statute names them.
LAW = re.compile(r"\(中小企業等経営強化法 第\d+条第\d+項\)")


def _panel(html: str) -> str:
    panel = html.split('id="criteria-panel"', 1)[1].split("</section>", 1)[0]
    return " ".join(TAG.sub(" ", panel).split())


def test_the_live_self_check_speaks_english(client, applicant_with_draft):
    user, application = applicant_with_draft
    client.force_login(user)
    _english(client)
    page = client.get(reverse("approvals:application-figures", args=[application.pk]))
    panel = _panel(page.content.decode())
    assert not JAPANESE.search(LAW.sub("", panel)), panel
    assert "Growth of Value added, 22.72%, meets the required 9.00%" in panel
    assert "(base year 33,000 thousand yen → final year 40,500 thousand yen)" in panel
    assert "Funds needed (capital investment + working capital): 8,000 thousand yen" in panel

    # The preview the editor swaps in as figures are typed: an empty table.
    url = reverse("approvals:application-figures-preview", args=[application.pk])
    panel = _panel(client.post(url, {}).content.decode())
    assert not JAPANESE.search(LAW.sub("", panel)), panel
    assert "Base year (most recent year end): Sales, Cost of sales" in panel


def test_the_self_checks_record_stays_japanese_whatever_the_language(applicant_with_draft):
    """The API and the frozen versions keep the rules' Japanese; only the panel translates."""
    from approvals import selectors

    _user, application = applicant_with_draft
    with translation.override("en"):
        data = selectors.check_result_data(selectors.application_check(application))
    messages = [c["message"] for c in data["criteria"]] + [data["funding"]["message"]]
    messages += [e["message"] for e in data["eligibility"]]
    assert all(JAPANESE.search(m) and not re.search(r"[A-Za-z]{3}", m) for m in messages), messages
    assert "付加価値額の伸び率 22.72% は基準 9.00% 以上です" in messages[0]


def test_eligibility_messages_in_english_count_and_date_in_english():
    from approvals import rules
    from approvals.rules.figures import Plan

    facts = rules.CompanyFacts(
        prefecture="神奈川県",
        legal_form="kabushiki",
        industry="manufacturing",
        capital=None,
        employees=1,
        closed_fiscal_years=1,
    )
    plan = Plan(period_years=3, rd_years=2, activity_types=("rnd",), figures=())
    results = rules.check_eligibility(facts, on=date(2019, 4, 1), prefecture="神奈川県", plan=plan)
    by_code = {r.code: r.message for r in results}
    assert by_code["closed_fiscal_year"] == "決算を1期終えています。"
    with translation.override("en"):
        english = {code: terms.localized(m) for code, m in by_code.items()}
    assert english["closed_fiscal_year"] == "1 fiscal year closed."
    assert (
        english["sme_size"]
        == "The firm is an SME (Manufacturing, construction or transport, 1 employee)."
    )
    assert "from 1 October 2020" in english["rnd"]  # a date, as English writes it
    assert english["jurisdiction"] == "The head office is in Kanagawa Prefecture."


def test_targets_page_counts_and_years_in_english(client, db):
    """The seeded target ② (a data migration): its title and sources are the plan's own words;
    the years, the units and the dates are English."""
    response = _english(client).get("/targets/")
    html = response.content.decode()
    body = " ".join(TAG.sub(" ", html.split("<main", 1)[1].split("</main>", 1)[0]).split())
    assert "年度" not in body.replace("2007〜2010年度", "").replace("2006年度までの", "")
    assert "件" not in body.replace("承認件数", ""), body
    assert "FY2007" in body
    assert "(unit: approvals)" in body


def test_counted_units_take_the_singular_in_english():
    from approvals.targets.counting import fiscal_year_display, unit_label
    from documents.attachments.selectors import missing_attachment_messages

    with translation.override("en"):
        assert [unit_label("件", n) for n in (1, 2)] == ["approval", "approvals"]
        assert unit_label("件") == "approvals"
        assert [terms.with_unit(n, terms.PERSONS) for n in ("1", "1,200")] == [
            "1 person",
            "1,200 people",
        ]
        assert fiscal_year_display(2019) == "FY2019"
    with translation.override("ja"):
        assert unit_label("件", 1) == "件"
        assert terms.with_unit("1", terms.PERSONS) == "1人"
        assert fiscal_year_display(2019) == "2019年度（令和元年度）"

    class Young:
        legal_form, closed_fiscal_years = "kabushiki", 1

    class Application:
        company = Young()

        class attachments:  # noqa: N801 - a stand-in for the related manager
            @staticmethod
            def current():
                class Rows:
                    @staticmethod
                    def values_list(*args, **kwargs):
                        return []

                return Rows()

    with translation.override("en"):
        messages = missing_attachment_messages(Application())
    assert any("(at least 1 file; you have attached 0)" in m for m in messages), messages
