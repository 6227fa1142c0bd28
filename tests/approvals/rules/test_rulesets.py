"""Rule sets and legal bases by date (DOMAIN.md §1): which thresholds and which law apply."""

from datetime import date

import pytest

from approvals.rules import (
    RULE_SETS,
    NoRuleSet,
    legal_basis_for,
    rule_set_by_code,
    rule_set_for,
)


@pytest.mark.parametrize(
    ("on", "code"),
    [
        (date(2005, 4, 13), "2005"),
        (date(2020, 9, 30), "2005"),
        (date(2020, 10, 1), "2020"),
        (date(2026, 11, 24), "2020"),
    ],
)
def test_rule_set_for(on, code):
    """Applications are judged by the rule set in force on the day they are submitted."""
    assert rule_set_for(on).code == code
    assert rule_set_by_code(code) == rule_set_for(on)


_NEW_ACTIVITIES = "中小企業の新たな事業活動の促進に関する法律"
_ENHANCEMENT = "中小企業等経営強化法"


@pytest.mark.parametrize(
    ("on", "law", "approval_article", "change_article", "revocation_article"),
    [
        (date(2005, 4, 13), _NEW_ACTIVITIES, "第9条第1項", "第10条第1項", "第10条第2項"),
        (date(2016, 6, 30), _NEW_ACTIVITIES, "第9条第1項", "第10条第1項", "第10条第2項"),
        (date(2016, 7, 1), _ENHANCEMENT, "第8条第1項", "第9条第1項", "第9条第2項"),
        (date(2019, 7, 15), _ENHANCEMENT, "第8条第1項", "第9条第1項", "第9条第2項"),
        (date(2019, 7, 16), _ENHANCEMENT, "第14条第1項", "第15条第1項", "第15条第2項"),
        (date(2020, 10, 1), _ENHANCEMENT, "第14条第1項", "第15条第1項", "第15条第2項"),
    ],
)
def test_legal_basis_for(on, law, approval_article, change_article, revocation_article):
    """The law changed on 2016-07-01 and its articles were renumbered on 2019-07-16."""
    basis = legal_basis_for(on)
    assert (
        basis.law,
        basis.article("approval"),
        basis.article("change"),
        basis.article("revocation"),
    ) == (law, approval_article, change_article, revocation_article)


def test_articles_change_on_their_own_dates_not_with_the_criteria():
    """The 2019 renumbering falls inside the 2005 rule set; the 2020 criteria change leaves
    the articles as they were."""
    assert rule_set_for(date(2019, 7, 15)) == rule_set_for(date(2019, 7, 16))
    assert legal_basis_for(date(2019, 7, 15)) != legal_basis_for(date(2019, 7, 16))
    assert rule_set_for(date(2020, 9, 30)) != rule_set_for(date(2020, 10, 1))
    assert legal_basis_for(date(2020, 9, 30)) == legal_basis_for(date(2020, 10, 1))


def test_legal_basis_short_name_of_the_2005_law():
    assert legal_basis_for(date(2010, 1, 1)).short_name == "中小企業新事業活動促進法"


@pytest.mark.parametrize("lookup", [rule_set_for, legal_basis_for])
def test_no_rule_set_before_2005_04_13(lookup):
    """Plans under 中小企業経営革新支援法 are history only; nothing judges them."""
    with pytest.raises(NoRuleSet, match="2005年4月13日"):
        lookup(date(2005, 4, 12))
    assert issubclass(NoRuleSet, ValueError)


def test_rule_set_by_unknown_code():
    with pytest.raises(NoRuleSet):
        rule_set_by_code("1999")


def test_rule_sets_are_contiguous():
    """Every day from 2005-04-13 on has exactly one rule set."""
    first, second = RULE_SETS
    assert (first.valid_to - second.valid_from).days == -1
    assert second.valid_to is None


@pytest.mark.parametrize(
    ("procedure", "article"),
    [("approval", "第8条第1項"), ("change", "第9条第1項"), ("revocation", "第9条第2項")],
)
def test_legal_basis_data_names_the_article_of_the_procedure(procedure, article):
    assert legal_basis_for(date(2017, 1, 1)).data(procedure) == {
        "law": "中小企業等経営強化法",
        "article": article,
    }
