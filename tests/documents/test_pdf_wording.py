"""How dates and periods are written on documents: plain functions, table-driven."""

from datetime import date

import pytest

from documents.wording import era_month, item_number, joined, plan_end, plan_period, postal


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2027, 4, 1), "令和9年4月"),
        (date(2019, 5, 1), "令和元年5月"),
        (date(2019, 4, 1), "平成31年4月"),
        (date(1989, 1, 8), "平成元年1月"),
    ],
)
def test_era_month(day, expected):
    assert era_month(day) == expected


@pytest.mark.parametrize(
    ("start", "years", "end"),
    [
        (date(2027, 4, 1), 3, date(2030, 3, 1)),
        (date(2027, 1, 1), 3, date(2029, 12, 1)),
        (date(2026, 12, 1), 5, date(2031, 11, 1)),
    ],
)
def test_plan_end_is_the_last_month_of_the_plan(start, years, end):
    assert plan_end(start, years) == end


def test_plan_period_in_era_years_and_months():
    assert plan_period(date(2027, 4, 1), 3) == "令和9年4月から令和12年3月まで（3年間）"
    assert plan_period(date(2018, 10, 1), 5) == "平成30年10月から令和5年9月まで（5年間）"


def test_plan_period_with_research_years_before_the_business_years():
    assert plan_period(date(2027, 4, 1), 3, rd_years=2) == (
        "令和9年4月から令和14年3月まで（5年間。うち研究開発期間2年、事業期間3年）"
    )


def test_item_numbers_postal_codes_and_joined_parts():
    assert [item_number(n) for n in (1, 4, 10)] == ["1", "4", "10"]  # half-width, like 第1号
    assert postal("2380008") == "〒238-0008"
    assert postal("") == ""
    assert joined("代表取締役", "", "神奈川 太郎") == "代表取締役　神奈川 太郎"
