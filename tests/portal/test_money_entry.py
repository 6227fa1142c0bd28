"""Money entry on the plan editor: units, 円 warnings, funding against the investment, the
neutral 未入力 state of the self-check, and one rule for decimals."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from approvals import services, terms
from tests.factories import passing_figures
from tests.portal.helpers import figures_data, formset_data


@pytest.fixture
def logged_in(client, applicant):
    client.force_login(applicant)
    return client


def _criterion(page: str, code: str) -> str:
    return (
        page.split(f'id="criterion-{code}"', 1)[1]
        .split('id="criterion-', 1)[0]
        .split("</tbody>", 1)[0]
    )


def _preview(client, draft, rows):
    url = reverse("approvals:application-figures-preview", args=[draft.pk])
    return client.post(url, figures_data(rows), HTTP_HX_REQUEST="true").content.decode()


@pytest.mark.django_db
def test_empty_figures_are_shown_as_not_entered_not_as_needing_a_reviewer(logged_in, draft):
    services.application_set_figures(application=draft, rows={y: {} for y in range(4)})
    url = reverse("approvals:application-figures", args=[draft.pk])
    page = logged_in.get(url).content.decode()
    row = _criterion(page, "value_added")
    assert "tag-missing" in row and "未入力" in row
    assert "数値を入力すると判定します" in row
    assert "要判断" not in page
    assert "check-missing" in page


@pytest.mark.django_db
def test_a_base_year_value_added_of_zero_still_needs_a_reviewer(logged_in, draft):
    rows = passing_figures(3)
    rows[0] = {**rows[0], "sales": 93_000}  # value added 93,000−60,000−30,000−… = 0
    rows[0]["personnel_cost"], rows[0]["depreciation"] = 0, 0
    rows[0]["cost_of_sales"], rows[0]["sga"] = 60_000, 33_000
    page = _preview(logged_in, draft, rows)
    row = _criterion(page, "value_added")
    assert "要判断" in row and "未入力" not in row


@pytest.mark.django_db
def test_rates_are_shown_with_two_decimals_and_never_rounded_up(logged_in, draft):
    rows = passing_figures(3)
    page = _preview(logged_in, draft, rows)
    row = _criterion(page, "value_added")
    assert "9.00%" in row  # the threshold, as 9.00 %, next to a growth of 0.01 %
    assert "4.50%" in _criterion(page, "total_salary")


@pytest.mark.django_db
def test_a_figure_typed_in_yen_is_warned_about_on_the_page(logged_in, draft):
    rows = passing_figures(3)
    rows[0] = {**rows[0], "sales": 100_000_000}  # 1億円 typed in 円
    page = _preview(logged_in, draft, rows)
    assert "確認してください（判定には影響しません）" in page
    assert "基準年度（直近期末）の売上高が100,000,000千円（1,000億円）です。" in page
    assert "円で入力していませんか" in page


@pytest.mark.django_db
def test_figures_below_the_bound_give_no_warning(logged_in, draft):
    rows = passing_figures(3)
    rows[0] = {**rows[0], "sales": 9_999_999}  # just under 10,000,000千円
    assert "円で入力していませんか" not in _preview(logged_in, draft, rows)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("amounts", "said"),
    [
        (("4,000", "3,999"), "1千円不足しています。"),
        (("4,000", "4,000"), "過不足はありません。"),
        (("4,000", "4,001"), "1千円超過しています。"),
    ],
)
def test_the_funding_page_compares_the_funding_with_the_investment(logged_in, draft, amounts, said):
    # The factory's figures: 設備投資額 5,000 (1年目) + 運転資金 1,000 × 3 = 8,000千円.
    rows = [{"source": "private_loan", "amount": a} for a in amounts]
    url = reverse("approvals:application-funding", args=[draft.pk])
    data = {**formset_data("funding", rows), "add_row": "1"}
    page = logged_in.post(url, data).content.decode()
    assert 'data-funding-required="8000"' in page
    assert "8,000" in page.split('id="funding-balance-heading"')[1]
    assert said in page


@pytest.mark.django_db
def test_the_saved_funding_is_compared_on_the_page_and_in_the_check(logged_in, draft):
    url = reverse("approvals:application-funding", args=[draft.pk])
    page = logged_in.get(url).content.decode()
    assert "3,000千円不足しています。" in page  # 8,000 needed, 4,000 + 1,000 raised
    figures = reverse("approvals:application-figures", args=[draft.pk])
    assert "3,000千円不足しています。" in logged_in.get(figures).content.decode()


@pytest.mark.django_db
def test_every_amount_box_has_its_unit_and_an_echo(logged_in, draft):
    page = logged_in.get(reverse("approvals:application-figures", args=[draft.pk])).content
    page = page.decode()
    sales = page.split('name="y0-sales"', 1)[1].split("</div>", 1)[0]
    assert 'input-unit-suffix" aria-hidden="true">千円' in sales
    assert 'data-echo-for="id_y0-sales"' in sales
    employees = page.split('name="y0-employees"', 1)[1].split("</div>", 1)[0]
    assert ">人<" in employees and "data-echo-for" not in employees
    assert "js/money.js" in page
    assert "付加価値額＝営業利益＋人件費＋減価償却費" in page
    funding = logged_in.get(reverse("approvals:application-funding", args=[draft.pk]))
    amount = funding.content.decode().split('name="funding-0-amount"', 1)[1].split("</td>")[0]
    assert "千円" in amount and 'data-echo-for="id_funding-0-amount"' in amount


@pytest.mark.django_db
def test_the_schedule_offers_the_plan_months(logged_in, draft):
    from datetime import date

    draft.plan_start = date(draft.plan_start.year, 10, 1)
    draft.save(update_fields=["plan_start"])
    page = logged_in.get(reverse("approvals:application-schedule", args=[draft.pk])).content
    year = draft.plan_start.year
    assert f"{year + 1}年7月〜9月（1年目 第4四半期）" in page.decode()


@pytest.mark.django_db
def test_check_your_answers_shows_the_schedule_in_months(logged_in, draft):
    page = logged_in.get(reverse("workflow:application-submit", args=[draft.pk])).content
    year = draft.plan_start.year
    assert f"{year}年{draft.plan_start.month}月〜" in page.decode()
    assert "（1年目 第1〜第2四半期）" in page.decode()


_ECHO_SCRIPT = """
const fs = require("fs");
const target = {textContent: ""};
const input = {id: "id_amount", value: process.argv[3], matches: () => true};
global.document = {
  documentElement: {lang: process.argv[2]},
  readyState: "complete",
  addEventListener: () => {},
  querySelectorAll: (selector) => (selector === "input[data-money]" ? [input] : []),
  querySelector: (selector) => (selector.startsWith(".money-echo") ? target : null),
};
eval(fs.readFileSync(process.argv[1], "utf8"));
process.stdout.write(target.textContent);
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
@pytest.mark.parametrize(
    ("lang", "typed", "echo"),
    [
        ("ja", "120000", "= 1億2,000万円"),
        ("en", "120000", "= 120,000,000 yen"),
        ("en", "▲5", "= -5,000 yen"),
    ],
)
def test_the_echo_under_an_amount_box_speaks_the_pages_language(lang, typed, echo):
    """static/js/money.js, run in Node with a stand-in page: 円 with 万/億 in Japanese, digits
    and "yen" in English, as the server's warnings write them (YenWords.localized)."""
    script = Path(settings.BASE_DIR) / "static" / "js" / "money.js"
    result = subprocess.run(
        [shutil.which("node"), "-e", _ECHO_SCRIPT, str(script), lang, typed],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == echo
    from approvals.rules.money import yen_words

    with translation.override(lang):
        assert f"= {terms.localized(yen_words(int(typed.replace('▲', '-'))))}" == echo
