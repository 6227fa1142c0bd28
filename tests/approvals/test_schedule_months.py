"""Schedule periods in calendar months, from the plan's start (one helper for every page)."""

from datetime import date

import pytest
from django.utils import translation

from approvals import terms
from approvals.forms.sections import quarter_choices


@pytest.mark.parametrize(
    ("start", "end", "plan_start", "label"),
    [
        ("1-1", "1-2", "2027-04", "2027年4月〜9月（1年目 第1〜第2四半期）"),
        ("1-1", "1-1", date(2027, 4, 1), "2027年4月〜6月（1年目 第1四半期）"),
        # A plan starting in October: year 1's fourth quarter crosses into the next year.
        ("1-4", "1-4", "2027-10", "2028年7月〜9月（1年目 第4四半期）"),
        ("1-2", "1-3", "2027-10", "2028年1月〜6月（1年目 第2〜第3四半期）"),
        ("1-1", "1-2", "2027-11", "2027年11月〜2028年4月（1年目 第1〜第2四半期）"),
        # Across plan years and calendar years.
        ("1-3", "3-4", "2027-04", "2027年10月〜2030年3月（1年目 第3四半期 〜 3年目 第4四半期）"),
    ],
)
def test_schedule_period_in_months(start, end, plan_start, label):
    assert terms.schedule_period(start, end, plan_start, translate=terms.japanese) == label


def test_without_a_plan_start_the_period_is_given_in_quarters():
    assert terms.schedule_period("1-1", "2-4", None, translate=terms.japanese) == (
        "1年目 第1四半期 〜 2年目 第4四半期"
    )
    assert terms.schedule_period("1-1", "2-4", "", translate=terms.japanese) == (
        "1年目 第1四半期 〜 2年目 第4四半期"
    )


def test_a_value_that_is_no_quarter_is_shown_as_it_is():
    assert terms.schedule_period("x", "1-1", "2027-04", translate=terms.japanese) == (
        "x 〜 1年目 第1四半期"
    )


def test_the_editor_offers_the_months_of_each_quarter():
    with translation.override("ja"):
        choices = dict(quarter_choices(1, date(2027, 7, 1)))
    assert choices["1-1"] == "2027年7月〜9月（1年目 第1四半期）"
    assert choices["1-3"] == "2028年1月〜3月（1年目 第3四半期）"
    assert len(choices) == 5  # the empty choice and four quarters


def test_in_english_the_months_are_named():
    with translation.override("en"):
        label = terms.schedule_period("1-1", "1-2", "2027-04")
    assert label.startswith("April 2027")
    assert "September" in label
