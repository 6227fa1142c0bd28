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
