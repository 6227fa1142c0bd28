"""Target ② over the API: public aggregates, the policy drill-down, the CSV export."""

import csv
import io
from datetime import date

import pytest
from rest_framework.test import APIClient

from approvals.models import ApplicationActivity, LegacyApproval, TargetSeries
from approvals.numbering import approval_grant
from tests import factories
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db
BASE = "/api/v1/targets/"


def test_list_and_detail_are_readable_without_login():
    client = APIClient()
    listed = client.get(BASE).json()
    assert {
        "code": "target-2",
        "title": "目標② 中小企業の経営革新計画の承認件数（累計）",
        "unit": "件",
    } in listed
    body = client.get(f"{BASE}target-2/").json()
    assert body["baseline"] == {"as_of": "2007-03-31", "count": 1040}
    years = {y["fiscal_year"]: y for y in body["years"]}
    assert years[2005]["actual"] == 940
    assert years[2006]["actual"] == 1040
    assert years[2007]["target"] == 1165 and years[2010]["target"] == 1540
    assert years[2007]["label"] == "2007年度（平成19年度）"
    current = [y for y in body["years"] if y["projection"] is not None]
    assert len(current) == 1
    assert "company" not in str(body)


def test_unknown_series_is_404():
    assert APIClient().get(f"{BASE}nope/").status_code == 404


@pytest.mark.parametrize("role", ["policy", "admin"])
def test_breakdown_for_policy_staff(role):
    company = factories.make_company()  # 横須賀市: 横須賀三浦, manufacturing
    # The plan's activity types are part of it when it is approved (the drill-down counts them
    # from the approving transaction on).
    application = factories.make_application(company, complete=False)
    ApplicationActivity.objects.create(application=application, code="new_product")
    approval_grant(
        application=application,
        actor=factories.make_user("approver"),
        approved_on=date(2026, 5, 1),
    )
    factories.make_approval(company, approved_on=date(2026, 5, 2), kind="change")
    LegacyApproval.objects.create(
        approved_on=date(2026, 4, 3),
        company_name="旧",
        theme="a",
        municipality="小田原市",
        industry="retail",
        activity_types="new_product,rnd",
    )
    client = client_for(factories.make_user(role))
    regions = client.get(f"{BASE}target-2/breakdown/", {"by": "region", "fiscal_year": 2026})
    assert regions.status_code == 200, regions.json()
    counts = {r["key"]: r["count"] for r in regions.json()["rows"]}
    assert (counts["横須賀三浦"], counts["県西"], counts["横浜"]) == (1, 1, 0)
    industries = client.get(f"{BASE}target-2/breakdown/", {"by": "industry", "fiscal_year": 2026})
    counts = {r["key"]: r["count"] for r in industries.json()["rows"]}
    assert (counts["manufacturing"], counts["retail"]) == (1, 1)
    kinds = client.get(f"{BASE}target-2/breakdown/", {"by": "activity_type", "fiscal_year": 2026})
    counts = {r["key"]: r["count"] for r in kinds.json()["rows"]}
    assert (counts["new_product"], counts["rnd"]) == (2, 1)


@pytest.mark.parametrize(
    "query",
    [{"by": "colour", "fiscal_year": 2026}, {"by": "region"}, {"by": "region", "fiscal_year": "x"}],
)
def test_breakdown_rejects_bad_parameters(query):
    client = client_for(factories.make_user("policy"))
    response = client.get(f"{BASE}target-2/breakdown/", query)
    assert response.status_code == 400
    assert set(response.json()) >= {"detail", "errors"}


@pytest.mark.parametrize("role", ["applicant", "reviewer", None])
def test_breakdown_is_not_for_others(role):
    client = client_for(factories.make_user(role)) if role else APIClient()
    response = client.get(f"{BASE}target-2/breakdown/", {"by": "region", "fiscal_year": 2026})
    assert response.status_code in (401, 403)


def formula_series(*, unit: str) -> TargetSeries:
    """A series (code "evil") whose title would run as a formula in a spreadsheet."""
    return TargetSeries.objects.create(
        code="evil",
        title='=HYPERLINK("http://x")',
        unit=unit,
        baseline_as_of=date(2020, 3, 31),
        baseline_count=0,
    )


def test_csv_opens_with_a_bom_and_neutralises_formula_cells():
    formula_series(unit="@件")
    response = APIClient().get(f"{BASE}target-2.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    assert text.startswith("目標② 中小企業の経営革新計画の承認件数（累計）,単位: 件\r\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][0] == "年度"
    assert rows[2][:4] == ["2005", "2005年度（平成17年度）", "", "940"]
    evil = APIClient().get(f"{BASE}evil.csv").content.decode("utf-8-sig")
    first = next(csv.reader(io.StringIO(evil)))
    assert first[0] == '\'=HYPERLINK("http://x")'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM", "'@SUM"),
        ("\tx", "'\tx"),
        ("1040", "1040"),
        (None, ""),
        ("年度", "年度"),
    ],
)
def test_neutralise(value, expected):
    from approvals.targets.export import neutralise

    assert neutralise(value) == expected


def test_xlsx_holds_the_csv_rows_with_numbers_as_numbers():
    from openpyxl import load_workbook

    formula_series(unit="件")
    response = APIClient().get(f"{BASE}target-2.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="target-2.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "目標②"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "目標② 中小企業の経営革新計画の承認件数（累計）"
    assert rows[1][:4] == ("年度", "年度（表示）", "目標", "実績（累計）")
    fy2006 = next(row for row in rows[2:] if row[0] == 2006)
    assert fy2006[3] == 1040 and isinstance(fy2006[3], int)
    fy2007 = next(row for row in rows[2:] if row[0] == 2007)
    assert fy2007[2:5] == (1165, None, None)  # no data before the system: empty, not 0
    assert isinstance(fy2007[2], int)

    evil = APIClient().get(f"{BASE}evil.xlsx")
    cell = load_workbook(io.BytesIO(evil.content)).active["A1"]
    assert cell.value == '\'=HYPERLINK("http://x")'
    assert cell.data_type == "s"


def test_years_before_the_system_are_null_and_a_counted_year_has_its_count():
    from django.utils import timezone

    from approvals.fiscal import fiscal_year_of

    today = timezone.localdate()
    factories.make_approval(factories.make_company(), approved_on=today)
    years = {y["fiscal_year"]: y for y in APIClient().get(f"{BASE}target-2/").json()["years"]}
    assert (years[2006]["actual"], years[2006]["approvals_in_year"]) == (1040, 100)
    for year in range(2007, fiscal_year_of(today)):
        assert years[year]["approvals_in_year"] is None, year
        assert years[year]["actual"] is None and years[year]["achievement_rate"] is None
    assert years[2007]["target"] == 1165
    current = years[fiscal_year_of(today)]
    assert (current["approvals_in_year"], current["actual"]) == (1, 1041)
    csv_rows = APIClient().get(f"{BASE}target-2.csv").content.decode("utf-8-sig").splitlines()
    fy2010 = next(line for line in csv_rows if line.startswith("2010,"))
    assert fy2010.split(",")[2:6] == ["1540", "", "", ""]  # target, then empty cells, not 0
