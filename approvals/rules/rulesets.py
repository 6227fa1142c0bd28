"""Rule sets and legal bases, by date: which thresholds and which law apply to an application.

Each ``RuleSet`` (criteria thresholds) and ``LegalBasis`` (law and articles printed on
documents) is held with the dates it covers, and is looked up by the submission date or code.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from approvals.errors import NoRuleSet


@dataclass(frozen=True)
class RuleSet:
    code: str
    valid_from: date
    valid_to: date | None
    indicator2: str
    indicator2_pct_per_year: Decimal
    indicator1_pct_per_year: Decimal
    allows_rnd: bool


@dataclass(frozen=True)
class LegalBasis:
    law: str
    short_name: str
    approval_article: str
    change_article: str


RULE_SETS = (
    RuleSet(
        code="2005",
        valid_from=date(2005, 4, 13),
        valid_to=date(2020, 9, 30),
        indicator2="ordinary_profit",
        indicator2_pct_per_year=Decimal("1"),
        indicator1_pct_per_year=Decimal("3"),
        allows_rnd=False,
    ),
    RuleSet(
        code="2020",
        valid_from=date(2020, 10, 1),
        valid_to=None,
        indicator2="total_salary",
        indicator2_pct_per_year=Decimal("1.5"),
        indicator1_pct_per_year=Decimal("3"),
        allows_rnd=True,
    ),
)

# (valid_from, valid_to, basis). 中小企業経営革新支援法 (1999–2005) is left out on purpose: its
# plans exist only as imported legacy records, never as applications judged here.
_LEGAL_BASES = (
    (
        date(2005, 4, 13),
        date(2016, 6, 30),
        LegalBasis(
            law="中小企業の新たな事業活動の促進に関する法律",
            short_name="中小企業新事業活動促進法",
            approval_article="第9条第1項",
            change_article="第10条第1項",
        ),
    ),
    (
        date(2016, 7, 1),
        None,
        LegalBasis(
            law="中小企業等経営強化法",
            short_name="中小企業等経営強化法",
            approval_article="第14条第1項",
            change_article="第15条第1項",
        ),
    ),
)


def _covers(valid_from: date, valid_to: date | None, on: date) -> bool:
    return valid_from <= on and (valid_to is None or on <= valid_to)


def _no_rule_set(on: date) -> NoRuleSet:
    return NoRuleSet(
        f"{_jp_date(on)}に適用される承認基準はありません（2005年4月13日以降の申請が対象です）。"
    )


def _jp_date(on: date) -> str:
    return f"{on.year}年{on.month}月{on.day}日"


def rule_set_for(on: date) -> RuleSet:
    """The rule set in force on the date the application is submitted."""
    for rule_set in RULE_SETS:
        if _covers(rule_set.valid_from, rule_set.valid_to, on):
            return rule_set
    raise _no_rule_set(on)


def rule_set_by_code(code: str) -> RuleSet:
    for rule_set in RULE_SETS:
        if rule_set.code == code:
            return rule_set
    raise NoRuleSet(f"承認基準「{code}」はありません。")


def legal_basis_for(on: date) -> LegalBasis:
    """The law and articles printed on documents for an application submitted on ``on``."""
    for valid_from, valid_to, basis in _LEGAL_BASES:
        if _covers(valid_from, valid_to, on):
            return basis
    raise _no_rule_set(on)
