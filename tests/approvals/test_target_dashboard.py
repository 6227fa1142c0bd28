"""The public target dashboard: figures without login, no company names, drill-down for policy."""

from datetime import date

import pytest
from django.utils import timezone

from approvals.targets.chart import chart_for
from approvals.targets.counting import year_rows
from tests import factories

pytestmark = pytest.mark.django_db


def test_dashboard_is_public_and_shows_the_seed_figures(client):
    factories.make_approval(
        factories.make_company(name="株式会社秘密"), approved_on=timezone.localdate()
    )
    response = client.get("/targets/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "2007年度（平成19年度）" in html
    for figure in ("940", "1,040", "1,165", "1,540"):  # with thousands separators
        assert f">{figure}<" in html
    assert "None" not in html  # empty cells are a dash, not Python's None
    assert "<svg" in html and "<title" in html and "<desc" in html
    assert "株式会社秘密" not in html
    assert "/api/v1/targets/target-2.csv" in html
    assert "/api/v1/targets/target-2.xlsx" in html
    assert "内訳" not in html


def test_top_page_links_to_the_dashboard(client):
    assert 'href="/targets/"' in client.get("/").content.decode()


def test_policy_staff_see_the_drill_down(client):
    client.force_login(factories.make_user("policy"))
    html = client.get("/targets/").content.decode()
    assert "地域別" in html and "横須賀三浦" in html


def test_chart_scales_bars_and_targets():
    rows = year_rows(
        baseline_as_of=date(2007, 3, 31),
        baseline_count=1040,
        targets={2007: 1165},
        recorded={2006: 1040},
        counts={2007: 60},
        today=date(2007, 9, 30),
    )
    chart = chart_for(rows)
    assert [b.value for b in chart.bars] == [1040, rows[1].projection]
    assert chart.bars[1].projected
    assert len(chart.target_dots) == 1


# --- Years before the system, and the KPI cards ----------------------------------------------


def _gap_rows(today=date(2026, 6, 1), counts=None):
    return {
        r.fiscal_year: r
        for r in year_rows(
            baseline_as_of=date(2007, 3, 31),
            baseline_count=1040,
            targets={2007: 1165, 2008: 1290, 2009: 1415, 2010: 1540},
            recorded={2005: 940, 2006: 1040},
            counts={2026: 3} if counts is None else counts,
            today=today,
        )
    }


def test_years_before_the_first_counted_year_have_no_data_not_zero():
    rows = _gap_rows()
    assert (rows[2006].actual, rows[2006].no_data) == (1040, False)  # recorded in the plan
    for year in range(2007, 2026):
        row = rows[year]
        assert (row.actual, row.approvals_in_year, row.achievement_rate) == (None, None, None)
        assert row.no_data
    assert rows[2007].target == 1165  # the plan's target stays
    assert (rows[2026].approvals_in_year, rows[2026].actual, rows[2026].no_data) == (3, 1043, False)


def test_the_figures_reach_back_to_the_first_year_with_approvals_and_a_zero_year_is_zero():
    rows = _gap_rows(counts={2020: 5, 2026: 3})
    assert rows[2019].no_data and rows[2019].actual is None
    assert (rows[2020].approvals_in_year, rows[2020].actual) == (5, 1045)
    assert (rows[2021].approvals_in_year, rows[2021].actual) == (0, 1045)  # counted: a true 0
    assert rows[2026].actual == 1048


def test_with_no_approvals_yet_only_the_current_year_is_counted():
    rows = _gap_rows(counts={})
    assert rows[2025].no_data
    assert (rows[2026].approvals_in_year, rows[2026].actual) == (0, 1040)


def test_the_chart_draws_the_gap_as_one_band_and_no_bars_for_it():
    chart = chart_for(list(_gap_rows().values()))
    assert [(g.first_year, g.last_year) for g in chart.gaps] == [(2007, 2025)]
    drawn = {b.label for b in chart.bars if b.value is not None}
    assert drawn == {"2005", "2006", "2026"}
    assert chart.gaps[0].width > 0


def _row_cells(html: str, label: str) -> list[str]:
    import re

    row = re.search(rf"<tr[^>]*>\s*<th scope=\"row\">{re.escape(label)}.*?</tr>", html, re.S)
    return re.findall(r"<td[^>]*>([^<]*)</td>", row.group(0))


def test_the_page_shows_a_dash_and_a_note_for_years_before_the_system(client):
    factories.make_approval(factories.make_company(), approved_on=timezone.localdate())
    html = client.get("/targets/").content.decode()
    actual, target, in_year, revoked, ended, rate, _projection = _row_cells(
        html, "2010年度（平成22年度）"
    )
    assert (actual, target, in_year, revoked, ended, rate) == ("—", "1,540", "—", "—", "—", "—")
    assert "データなし（本システム稼働前）" in html
    assert "2007〜" in html and "年度はデータなし（本システム稼働前）です" in html
    assert 'class="chart-gap"' in html
    assert ">1,040<" in html and "1040件" not in html  # separators in the prose too


def _kpis(html: str) -> list[str]:
    import re

    cards = re.search(r'<dl class="kpi-cards">(.*?)</dl>', html, re.S).group(1)
    return re.findall(r'<span class="kpi-value">([^<]*)</span>', cards)


@pytest.mark.parametrize(
    "utc_now, year_label, kpis",
    [
        # 23:59 on 31 March in Tokyo (14:59 UTC): still FY2026, its two approvals.
        ("2027-03-31T14:59:00", "2026年度（令和8年度）", ["1,042", "2"]),
        # 00:00 on 1 April in Tokyo (still 31 March in UTC): FY2027 and its one approval.
        ("2027-03-31T15:00:00", "2027年度（令和9年度）", ["1,043", "1"]),
    ],
)
def test_the_kpi_cards_follow_the_tokyo_fiscal_year_at_midnight(
    client, monkeypatch, utc_now, year_label, kpis
):
    from datetime import UTC, datetime

    company = factories.make_company()
    for day in (date(2027, 3, 31), date(2027, 3, 31), date(2027, 4, 1)):
        factories.make_approval(company, approved_on=day)
    moment = datetime.fromisoformat(utc_now).replace(tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    html = client.get("/targets/").content.decode()
    assert f"今年度（{year_label}）の状況" in html
    assert _kpis(html) == kpis
    assert "今年度の目標値は計画に定めがありません" in html
    assert "計画の最終の目標は2010年度（平成22年度）の1,540件です。" in html
    assert "神奈川県総合計画" in html  # the plan 目標② belongs to
    assert "出典" in html and "見込みは、今年度これまでの承認件数を経過日数で割った" in html


def test_the_kpi_cards_show_the_target_and_rate_when_the_year_has_one(client, monkeypatch):
    from datetime import UTC, datetime

    from approvals.models import TargetSeries, TargetYear

    series = TargetSeries.objects.get(code="target-2")
    TargetYear.objects.create(series=series, fiscal_year=2027, target=1100)
    factories.make_approval(factories.make_company(), approved_on=date(2027, 5, 1))
    moment = datetime(2027, 6, 1, 3, 0, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    html = client.get("/targets/").content.decode()
    assert _kpis(html) == ["1,041", "1", "1,100", "94.6"]
    assert "今年度の目標値は計画に定めがありません" not in html
