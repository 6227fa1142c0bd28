# ruff: noqa: E501 - the messages are compared whole
"""The money warnings and the funding comparison word for word, in Japanese (the record) and
English (the live self-check), and 円 written out both ways."""

from dataclasses import replace
from datetime import date

import pytest
from django.utils import translation

from approvals import terms
from approvals.rules import Plan, check_plan
from approvals.rules.money import funding_balance, funding_warnings, looks_like_yen, yen_words
from tests.approvals.rules.builders import KANAGAWA, company, row


def _both(message):
    with translation.override("en"):
        english = terms.localized(message)
    with translation.override("ja"):
        assert terms.localized(message) == str(message)
    return str(message), english


def test_amounts_that_look_typed_in_yen_are_named_with_year_row_and_amount():
    rows = [
        replace(row(0), sales=12_000_000),
        replace(row(3, 11_000), sales=5_000_000, employees=5),
        replace(row(2), sales=2_000_000, employees=1),
    ]
    warnings = looks_like_yen(rows, 3)
    assert [(w.code, w.year, w.figure) for w in warnings] == [
        ("looks_like_yen", 0, "sales"),
        ("looks_like_yen", 2, "sales"),
        ("looks_like_yen", 3, "sales"),
    ]
    assert [_both(w.message) for w in warnings] == [
        (
            "基準年度（直近期末）の売上高が12,000,000千円（120億円）です。円で入力していませんか。金額は千円単位で入力してください。",
            "Sales in Base year (most recent year end) is 12,000,000 thousand yen (12,000,000,000 yen). Did you enter it in yen? Enter amounts in thousands of yen.",
        ),
        (
            "2年目の売上高2,000,000千円（20億円）は、従業員1人の企業としては大きすぎます。円で入力していませんか。金額は千円単位で入力してください。",
            "Sales in Year 2 of 2,000,000 thousand yen (2,000,000,000 yen) are too large for a firm with 1 employee. Did you enter them in yen? Enter amounts in thousands of yen.",
        ),
        (
            "3年目（最終年度）の売上高5,000,000千円（50億円）は、従業員5人の企業としては大きすぎます。円で入力していませんか。金額は千円単位で入力してください。",
            "Sales in Year 3 (final year) of 5,000,000 thousand yen (5,000,000,000 yen) are too large for a firm with 5 employees. Did you enter them in yen? Enter amounts in thousands of yen.",
        ),
    ]


def test_an_amount_at_the_bound_is_warned_about_once_not_twice():
    """10,000,000千円 of sales is the amount warning; the per-employee one is for less."""
    warnings = looks_like_yen([replace(row(0), sales=10_000_000, employees=1)], 3)
    assert len(warnings) == 1 and "（100億円）です。" in warnings[0].message


def test_the_check_names_the_final_year_in_its_warnings():
    plan = Plan(period_years=3, figures=(row(0), replace(row(3, 11_000), sales=12_000_000)))
    result = check_plan(plan, company(), on=date(2024, 4, 1), prefecture=KANAGAWA)
    assert [
        w.message.startswith("3年目（最終年度）の売上高が12,000,000千円") for w in result.warnings
    ] == [True]


@pytest.mark.parametrize(
    ("amount", "japanese", "english"),
    [
        (0, "0円", "0 yen"),
        (5, "5,000円", "5,000 yen"),
        (-120_000, "▲1億2,000万円", "-120,000,000 yen"),
        (1_234_567_890, "1兆2,345億6,789万円", "1,234,567,890,000 yen"),
    ],
)
def test_yen_written_out(amount, japanese, english):
    assert _both(yen_words(amount)) == (japanese, english)


@pytest.mark.parametrize(
    ("figures", "funding", "state", "codes", "japanese", "english"),
    [
        (
            (replace(row(1), capex=3000, working_capital=1000),),
            (2000,),
            "shortfall",
            ["funding_shortfall"],
            "必要資金（設備投資額＋運転資金）4,000千円に対し、調達計は2,000千円です。2,000千円不足しています。",
            "Funds needed (capital investment + working capital): 4,000 thousand yen; funds raised: 2,000 thousand yen. 2,000 thousand yen short.",
        ),
        (
            (replace(row(1), capex=3000),),
            (5000,),
            "excess",
            ["funding_excess"],
            "必要資金（設備投資額＋運転資金）3,000千円に対し、調達計は5,000千円です。2,000千円超過しています。",
            "Funds needed (capital investment + working capital): 3,000 thousand yen; funds raised: 5,000 thousand yen. 2,000 thousand yen more than needed.",
        ),
        (
            (replace(row(1), capex=3000),),
            (3000,),
            "balanced",
            [],
            "必要資金（設備投資額＋運転資金）3,000千円に対し、調達計は3,000千円です。過不足はありません。",
            "Funds needed (capital investment + working capital): 3,000 thousand yen; funds raised: 3,000 thousand yen. Funds raised match the funds needed.",
        ),
    ],
)
def test_funding_against_the_investment_word_for_word(
    figures, funding, state, codes, japanese, english
):
    balance = funding_balance(figures, funding, 3)
    warnings = funding_warnings(balance)
    assert (balance.state, [w.code for w in warnings]) == (state, codes)
    assert all(w.message == balance.message for w in warnings)
    assert _both(balance.message) == (japanese, english)
