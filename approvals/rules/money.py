"""Warnings about the plan's money: figures that look typed in 円, and funding that does not
cover the investment. Warnings never fail a plan or block a submission; they ask the applicant
to look again, and tell the reviewer what the applicant was told.

One place for both rules, used by the live check on the portal, the check API and the version
snapshot alike (through ``CheckResult.warnings``).

**Looks like 円** (the plan's amounts are in 千円, as on the official form; a 決算書 copied in 円
is 1,000 times too large and still passes the growth criteria): an amount of 10,000,000千円
(100億円) or more, or 売上高 of 1,000,000千円 (10億円) or more per employee. Both are far above a
中小企業者's figures (DOMAIN.md §3: at most 300 employees, 3億円 of capital in manufacturing),
and well below what a yen figure of a small firm becomes (a 3億円 turnover typed in 円 is
300,000,000).

**Funding** (別表3 下段 and 別表4, as the official form compares them): the money needed is the
設備投資額 plus 運転資金 of the plan years (1 … final year), the money raised the sum of 資金計画.
The difference is stated either way: 不足 (shortfall) or 超過 (excess).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from approvals.terms import (
    FIGURE,
    INPUT_FIGURES,
    INVESTMENT_FIGURES,
    PERSONS,
    THOUSAND_YEN,
    YEN,
    Joined,
    Message,
    amount_message,
    reads_japanese,
    year_message,
)
from approvals.terms import message as _  # a Japanese message, found by makemessages
from approvals.terms import plural_message as ngettext  # the same, counting

# The bounds, in 千円; "at or above" warns.
YEN_SUSPECT_AMOUNT = 10_000_000
YEN_SUSPECT_SALES_PER_EMPLOYEE = 1_000_000

LOOKS_LIKE_YEN = "looks_like_yen"
FUNDING_SHORTFALL = "funding_shortfall"
FUNDING_EXCESS = "funding_excess"

BALANCED, SHORTFALL, EXCESS = "balanced", "shortfall", "excess"


@dataclass(frozen=True)
class PlanWarning:
    code: str
    message: str  # Japanese, as the rules write their messages
    year: int | None = None
    figure: str | None = None


@dataclass(frozen=True)
class FundingBalance:
    required: int  # 設備投資額 + 運転資金 of the plan years, 千円
    raised: int  # 資金計画の合計, 千円

    @property
    def difference(self) -> int:
        """Raised minus required: negative is a shortfall."""
        return self.raised - self.required

    @property
    def state(self) -> str:
        if self.difference < 0:
            return SHORTFALL
        return EXCESS if self.difference > 0 else BALANCED

    @property
    def message(self) -> Message:
        head = _(
            "必要資金（設備投資額＋運転資金）%(need)sに対し、調達計は%(got)sです。",
            need=_yen(self.required),
            got=_yen(self.raised),
        )
        if self.state == SHORTFALL:
            tail = _("%(amount)s不足しています。", amount=_yen(-self.difference))
        elif self.state == EXCESS:
            tail = _("%(amount)s超過しています。", amount=_yen(self.difference))
        else:
            tail = _("過不足はありません。")
        return Joined((head, tail))


def _yen(amount: int) -> Message:
    return amount_message(f"{amount:,}", THOUSAND_YEN)


def looks_like_yen(figures: Iterable, final_year: int | None) -> list[PlanWarning]:
    """One warning per figure (and year) that looks entered in 円 instead of 千円."""
    warnings = []
    for row in sorted(figures, key=lambda f: f.year):
        label = year_message(row.year, final_year)
        for key in INPUT_FIGURES:
            value = getattr(row, key)
            if FIGURE[key].unit == PERSONS or value is None:
                continue
            if abs(value) >= YEN_SUSPECT_AMOUNT:
                warnings.append(
                    PlanWarning(
                        LOOKS_LIKE_YEN,
                        _(
                            "%(year)sの%(name)sが%(amount)s（%(words)s）です。"
                            "円で入力していませんか。金額は千円単位で入力してください。",
                            year=label,
                            name=Message(FIGURE[key].name),
                            amount=_yen(value),
                            words=yen_words(value),
                        ),
                        row.year,
                        key,
                    )
                )
        sales, employees = row.sales, row.employees
        if (
            sales is not None
            and employees
            and abs(sales) < YEN_SUSPECT_AMOUNT
            and sales >= YEN_SUSPECT_SALES_PER_EMPLOYEE * employees
        ):
            warnings.append(
                PlanWarning(
                    LOOKS_LIKE_YEN,
                    ngettext(
                        "%(year)sの売上高%(amount)s（%(words)s）は、従業員%(n)s人の企業としては"
                        "大きすぎます。円で入力していませんか。金額は千円単位で入力してください。",
                        "%(year)sの売上高%(amount)s（%(words)s）は、従業員%(n)s人の企業としては"
                        "大きすぎます。円で入力していませんか。金額は千円単位で入力してください。",
                        employees,
                        year=label,
                        amount=_yen(sales),
                        words=yen_words(sales),
                        n=f"{employees:,}",
                    ),
                    row.year,
                    "sales",
                )
            )
    return warnings


def funding_balance(figures: Iterable, funding: Iterable[int], final_year: int | None):
    """必要資金 vs 調達計; None while there is neither an investment nor any funding."""
    amounts = [a for a in funding if a is not None]
    required = sum(
        getattr(row, key) or 0
        for row in figures
        if row.year >= 1 and (final_year is None or row.year <= final_year)
        for key in INVESTMENT_FIGURES
    )
    if not amounts and not required:
        return None
    return FundingBalance(required=required, raised=sum(amounts))


def funding_warnings(balance: FundingBalance | None) -> list[PlanWarning]:
    if balance is None or balance.state == BALANCED:
        return []
    code = FUNDING_SHORTFALL if balance.state == SHORTFALL else FUNDING_EXCESS
    return [PlanWarning(code, balance.message)]


class YenWords(Message):
    """An amount in 千円 written out in 円 with 万/億/兆: 120000 → 「1億2,000万円」; in another
    language, in yen with digits (120,000,000 yen)."""

    def __new__(cls, amount: int):
        text = str.__new__(cls, _yen_words(amount))
        text.amount = int(amount)
        return text

    def localized(self) -> str:
        if reads_japanese():
            return str(self)
        return amount_message(f"{self.amount * 1000:,}", YEN).localized()


def yen_words(amount: int) -> YenWords:
    """An amount in 千円 written out in 円 with 万/億/兆: 120000 → 「1億2,000万円」.

    The same rule as the echo under each amount box (static/js/money.js)."""
    return YenWords(amount)


def _yen_words(amount: int) -> str:
    yen = abs(int(amount)) * 1000
    # Equivalent mutants (`<= 0`, `< 1`): any amount in [0, 1) is 0円 and returns below first.
    sign = "▲" if amount < 0 else ""  # pragma: no mutate
    if yen == 0:
        return "0円"
    parts = []
    for unit, size in (("兆", 10**12), ("億", 10**8), ("万", 10**4)):
        if yen >= size:
            parts.append(f"{yen // size:,}{unit}")
            yen %= size
    if yen:
        parts.append(f"{yen:,}")
    return f"{sign}{''.join(parts)}円"
