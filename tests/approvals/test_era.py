"""Era dates as printed on notices (DOMAIN.md §6)."""

from datetime import date

import pytest

from approvals.era import era_of, format_era_date


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 11, 24), "令和8年11月24日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(2020, 1, 1), "令和2年1月1日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(2007, 3, 31), "平成19年3月31日"),
    ],
)
def test_format_era_date(day, text):
    assert format_era_date(day) == text


def test_dates_before_showa_are_refused():
    with pytest.raises(ValueError):
        era_of(date(1926, 12, 24))
