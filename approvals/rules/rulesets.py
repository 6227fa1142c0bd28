"""Rule sets and legal bases, by date: which thresholds and which law apply to an application.

Each ``RuleSet`` (criteria thresholds) and ``LegalBasis`` (law and articles printed on
documents) is held with the dates it covers, and is looked up by the submission date or code.
The two tables are independent: the articles were renumbered on their own dates (2016-07-01,
2019-07-16), the criteria changed on 2020-10-01 (DOMAIN.md §1).
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
    # The revocation of an approval (承認の取消し) is the change article's second paragraph.
    revocation_article: str
    valid_from: date
    valid_to: date | None

    def article(self, procedure: str = "approval") -> str:
        """The article of a procedure: "approval", "change" or "revocation"."""
        return getattr(self, f"{procedure}_article")

    def data(self, procedure: str = "approval") -> dict:
        """``{"law", "article"}`` as the API and the documents give it."""
        return {"law": self.law, "article": self.article(procedure)}


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

# 中小企業経営革新支援法 (1999–2005) is left out on purpose: its plans exist only as imported
# legacy records, never as applications judged here.
_NEW_ACTIVITIES_ACT = "中小企業の新たな事業活動の促進に関する法律"
_ENHANCEMENT_ACT = "中小企業等経営強化法"
LEGAL_BASES = (
    LegalBasis(
        law=_NEW_ACTIVITIES_ACT,
        short_name="中小企業新事業活動促進法",
        approval_article="第9条第1項",
        change_article="第10条第1項",
        revocation_article="第10条第2項",
        valid_from=date(2005, 4, 13),
        valid_to=date(2016, 6, 30),
    ),
    LegalBasis(
        law=_ENHANCEMENT_ACT,
        short_name=_ENHANCEMENT_ACT,
        approval_article="第8条第1項",
        change_article="第9条第1項",
        revocation_article="第9条第2項",
        valid_from=date(2016, 7, 1),
        valid_to=date(2019, 7, 15),
    ),
    # Renumbered by 令和元年法律第21号.
    LegalBasis(
        law=_ENHANCEMENT_ACT,
        short_name=_ENHANCEMENT_ACT,
        approval_article="第14条第1項",
        change_article="第15条第1項",
        revocation_article="第15条第2項",
        valid_from=date(2019, 7, 16),
        valid_to=None,
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
    """The law and articles in force on ``on``: printed on a document by the date of the
    application it answers (the submission of a plan or of its change)."""
    for basis in LEGAL_BASES:
        if _covers(basis.valid_from, basis.valid_to, on):
            return basis
    raise _no_rule_set(on)
