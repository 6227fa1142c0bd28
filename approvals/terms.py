"""The plan's vocabulary: how the rows of 別表3, units, plan years, quarters, periods and empty
values are written, once for every page, the API, the diff, the rules' messages and the PDFs.

Texts are kept as their Japanese msgids (``gettext_noop``): ``label()`` translates one into
the language of the request, and the rules, whose messages are Japanese only, use the msgid
as it is (``japanese``). Where the official form (様式第1) needs wording of its own, the form
module names it as such (documents.issued.form).

The rules' messages are ``Message``s: the Japanese text the record keeps (the string itself,
what the API, the versions and the tests read) that can also say itself in the language of the
request (``localized``), for the applicant's live self-check.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import dateformat, formats
from django.utils.translation import get_language, gettext, gettext_noop, ngettext


class Message(str):
    """A message of the rules: its Japanese text (the string itself) and its msgid, plural
    and parameters, to say it again in the language of the request with ``localized()``.

    Parameters that are ``Message``s themselves (a row's name, a year, an amount with its
    unit) are localized with it; anything else is put in as it is."""

    def __new__(cls, msgid: str, params: dict | None = None, *, plural=None, count=None):
        params = params or {}
        text = super().__new__(cls, _render(msgid, params, plural, count, local=False))
        text.msgid, text.params, text.plural, text.count = msgid, params, plural, count
        return text

    def localized(self) -> str:
        return _render(self.msgid, self.params, self.plural, self.count, local=True)


def _render(msgid, params, plural, count, *, local: bool) -> str:
    if local:
        text = ngettext(msgid, plural, count) if plural is not None else gettext(msgid)
    else:
        text = msgid
    if not params:
        return text
    return text % {key: localized(v) if local else v for key, v in params.items()}


class Joined(Message):
    """Messages one after another (``separator`` ""), or a list of names (「・」, in English
    ", ")."""

    def __new__(cls, parts, separator: str = ""):
        parts = tuple(parts)
        text = str.__new__(cls, separator.join(str(p) for p in parts))
        text.parts, text.separator = parts, separator
        return text

    def localized(self) -> str:
        separator = self.separator
        if not reads_japanese():
            separator = {"": " ", "・": ", "}.get(separator, separator)
        return separator.join(localized(p) for p in self.parts)


class DateMessage(Message):
    """A date: 「2020年10月1日」, or the date format of the request's language."""

    def __new__(cls, day: date):
        text = str.__new__(cls, f"{day.year}年{day.month}月{day.day}日")
        text.day = day
        return text

    def localized(self) -> str:
        return str(self) if reads_japanese() else formats.date_format(self.day, "DATE_FORMAT")


def reads_japanese() -> bool:
    """Whether the request's language is Japanese (the rules' own wording then stands)."""
    return (get_language() or "ja").startswith("ja")


def message(msgid: str, **params) -> Message:
    """A rule's message; the rules import it as ``_`` so that makemessages finds the msgid."""
    return Message(msgid, params)


def plural_message(singular: str, plural: str, count: int, **params) -> Message:
    """A rule's message that counts (imported as ``ngettext`` for makemessages)."""
    return Message(singular, params, plural=plural, count=count)


def localized(text):
    """A rule's message in the language of the request; anything else as it is."""
    return text.localized() if isinstance(text, Message) else text


# Units (the plan's amounts are in 千円, as on the official form).
THOUSAND_YEN = gettext_noop("千円")
THOUSAND_YEN_PER_PERSON = gettext_noop("千円/人")
PERSONS = gettext_noop("人")
YEN = gettext_noop("円")

_WITH_UNIT = {
    THOUSAND_YEN: gettext_noop("%(amount)s千円"),
    THOUSAND_YEN_PER_PERSON: gettext_noop("%(amount)s千円/人"),
    PERSONS: "%(amount)s人",  # counted: ngettext in with_unit
    YEN: gettext_noop("%(amount)s円"),
}


def _count(amount: str) -> int:
    """The number a shown amount counts, for the plural of its unit (2 if it is no integer)."""
    try:
        return int(str(amount).replace(",", ""))
    except ValueError:
        return 2


def with_unit(amount: str, unit: str, *, translate=gettext) -> str:
    """「1,234千円」; a unit this module does not know is appended as it is."""
    if unit == PERSONS and translate is not japanese:
        return ngettext("%(amount)s人", "%(amount)s人", _count(amount)) % {"amount": amount}
    if unit in _WITH_UNIT:
        return translate(_WITH_UNIT[unit]) % {"amount": amount}
    return f"{amount}{unit}"


def amount_message(amount: str, unit: str) -> Message:
    """「1,234千円」 as a rule's message (a unit this module does not know: appended)."""
    if unit == PERSONS:
        return Message(
            _WITH_UNIT[unit], {"amount": amount}, plural=_WITH_UNIT[unit], count=_count(amount)
        )
    if unit in _WITH_UNIT:
        return Message(_WITH_UNIT[unit], {"amount": amount})
    return Joined((amount, Message(unit)))


# Industries as the size limits of 中小企業者 group them (DOMAIN.md §3): the company form's
# choices and the eligibility messages name them alike.
INDUSTRY_NAMES = {
    "manufacturing": gettext_noop("製造業・建設業・運輸業"),
    "wholesale": gettext_noop("卸売業"),
    "retail": gettext_noop("小売業"),
    "services": gettext_noop("サービス業"),
    "rubber": gettext_noop("ゴム製品製造業（自動車・航空機用タイヤ等を除く）"),
    "software": gettext_noop("ソフトウェア業・情報処理サービス業"),
    "inn": gettext_noop("旅館業"),
    "other": gettext_noop("その他の業種"),
}

LEGAL_FORM_NAMES = {
    "kabushiki": gettext_noop("株式会社"),
    "godo": gettext_noop("合同会社"),
    "yugen": gettext_noop("有限会社"),
    "goshi": gettext_noop("合資会社"),
    "gomei": gettext_noop("合名会社"),
    "sole": gettext_noop("個人事業主"),
    "npo": gettext_noop("特定非営利活動法人・その他の非営利法人"),
    "medical": gettext_noop("医療法人"),
    "school": gettext_noop("学校法人"),
    "other": gettext_noop("その他"),
}

# Who may apply as to closed fiscal years (DOMAIN.md §3, §6): the company page (the help of
# 決算を終えた期数), the attachments page and the top page say it in these words.
FISCAL_YEARS_RULE = gettext_noop(
    "申請には1期以上の決算が必要です。決算書は直近2期分を添付します"
    "（決算が1期だけの場合は、その1期分で申請できます）。"
)

# An empty value: a field left empty, an item that is not there, a table cell without a number.
NOT_ENTERED = gettext_noop("未入力")
NONE = gettext_noop("（なし）")
REMOVED = gettext_noop("（削除）")
EMPTY_CELL = "—"


def label(text: str) -> str:
    """A term in the language of the request."""
    return gettext(text)


def japanese(text: str) -> str:
    """A term as the rules write it: the Japanese msgid itself."""
    return text


@dataclass(frozen=True)
class Figure:
    """A row of 別表3: typed in (``derived`` False) or computed by approvals.rules."""

    key: str
    name: str  # Japanese msgid
    unit: str = THOUSAND_YEN
    derived: bool = False

    @property
    def label(self) -> str:
        return gettext(self.name)

    @property
    def unit_label(self) -> str:
        return gettext(self.unit)


# The rows of 別表3 in the order of the official form; the last two are the investment rows
# (別表3 下段: 設備投資額, 運転資金).
FIGURES = (
    Figure("sales", gettext_noop("売上高")),
    Figure("cost_of_sales", gettext_noop("売上原価")),
    Figure("gross_profit", gettext_noop("売上総利益"), derived=True),
    Figure("sga", gettext_noop("販売費及び一般管理費")),
    Figure("operating_profit", gettext_noop("営業利益"), derived=True),
    Figure("non_operating_expenses", gettext_noop("営業外費用")),
    Figure("ordinary_profit", gettext_noop("経常利益"), derived=True),
    Figure("personnel_cost", gettext_noop("人件費")),
    Figure("depreciation", gettext_noop("減価償却費")),
    Figure("value_added", gettext_noop("付加価値額"), derived=True),
    Figure("employees", gettext_noop("従業員数"), unit=PERSONS),
    Figure(
        "value_added_per_employee",
        gettext_noop("一人当たり付加価値額"),
        unit=THOUSAND_YEN_PER_PERSON,
        derived=True,
    ),
    Figure("total_salary", gettext_noop("給与支給総額")),
    Figure("capex", gettext_noop("設備投資額")),
    Figure("working_capital", gettext_noop("運転資金")),
)
FIGURE = {figure.key: figure for figure in FIGURES}
INVESTMENT_FIGURES = ("capex", "working_capital")
# What is typed in, in the order of the form; the derived rows are never stored.
INPUT_FIGURES = tuple(f.key for f in FIGURES if not f.derived)
DERIVED_FIGURES = tuple(f.key for f in FIGURES if f.derived)
# The criteria (DOMAIN.md §5) are named after the row they judge.
CRITERIA = ("value_added", "value_added_per_employee", "ordinary_profit", "total_salary")

# Plan years: -2 and -1 before the base year (0), then the plan years 1 … final.
_YEARS_BEFORE = gettext_noop("%(n)d期前")
_BASE_YEAR = gettext_noop("基準年度（直近期末）")
_PLAN_YEAR = gettext_noop("%(n)d年目")
_FINAL_YEAR = gettext_noop("%(n)d年目（最終年度）")


def year_label(year: int, final_year: int | None = None, *, translate=gettext) -> str:
    """「2期前」, 「基準年度（直近期末）」, 「1年目」, 「3年目（最終年度）」."""
    if year < 0:
        return translate(_YEARS_BEFORE) % {"n": -year}
    if year == 0:
        return translate(_BASE_YEAR)
    text = _FINAL_YEAR if year == final_year else _PLAN_YEAR
    return translate(text) % {"n": year}


def year_message(year: int, final_year: int | None = None) -> Message:
    """``year_label`` as a rule's message."""
    if year < 0:
        return Message(_YEARS_BEFORE, {"n": -year})
    if year == 0:
        return Message(_BASE_YEAR)
    return Message(_FINAL_YEAR if year == final_year else _PLAN_YEAR, {"n": year})


def years_label(n: int) -> str:
    """「3年」; in English "1 year", "3 years"."""
    return ngettext("%(n)d年", "%(n)d年", n) % {"n": n}


# Quarters of the schedule (別表2): "1-1" is plan year 1, quarter 1. Values are checked where
# they come in (the form's choices, the API's QuarterField, the model's quarter_validator).
# Where the plan's start month is known, every page shows the calendar months the quarters
# cover, with the quarter code's meaning in brackets: 「2027年4月〜9月（1年目 第1〜第2四半期）」.
_QUARTER = gettext_noop("%(year)d年目 第%(quarter)d四半期")
_PERIOD = gettext_noop("%(start)s 〜 %(end)s")
# Date formats (django.utils.dateformat) of a month, and of a month in a year already shown.
_MONTH = gettext_noop("Y年n月")
_MONTH_IN_YEAR = gettext_noop("n月")
_MONTHS = gettext_noop("%(start)s〜%(end)s")
_WITH_QUARTERS = gettext_noop("%(months)s（%(quarters)s）")
_QUARTERS_IN_YEAR = gettext_noop("%(year)d年目 第%(start)d〜第%(end)d四半期")


def quarter_key(value: str) -> tuple[int, int]:
    """(year, quarter), for ordering and for comparing with the plan's final year."""
    year, quarter = value.split("-")
    return int(year), int(quarter)


def quarter_label(value: str, *, translate=gettext) -> str:
    """「2年目 第3四半期」."""
    year, quarter = quarter_key(value)
    return translate(_QUARTER) % {"year": year, "quarter": quarter}


def _plan_start(plan_start) -> date | None:
    """The plan's first month from a date or a snapshot's "YYYY-MM"; None if unknown."""
    if isinstance(plan_start, date):
        return plan_start.replace(day=1)
    try:
        year, month = str(plan_start).split("-")[:2]
        return date(int(year), int(month), 1)
    except (TypeError, ValueError):
        return None


def quarter_months(value: str, plan_start) -> tuple[date, date]:
    """The first and the last month of a quarter of a plan starting in ``plan_start``."""
    year, quarter = quarter_key(value)
    start = _plan_start(plan_start)
    first = (year - 1) * 12 + (quarter - 1) * 3 + start.month - 1
    last = first + 2
    return (
        date(start.year + first // 12, first % 12 + 1, 1),
        date(start.year + last // 12, last % 12 + 1, 1),
    )


def _month(day: date, translate, *, year_shown: bool = True) -> str:
    return dateformat.format(day, translate(_MONTH if year_shown else _MONTH_IN_YEAR))


def _months(first: date, last: date, translate) -> str:
    """「2027年4月〜9月」, 「2027年10月〜2028年3月」."""
    return translate(_MONTHS) % {
        "start": _month(first, translate),
        "end": _month(last, translate, year_shown=last.year != first.year),
    }


def _quarters(start: str, end: str, translate) -> str:
    """「1年目 第1〜第2四半期」, 「1年目 第3四半期 〜 2年目 第4四半期」, 「1年目 第1四半期」."""
    (start_year, start_quarter), (end_year, end_quarter) = quarter_key(start), quarter_key(end)
    if (start_year, start_quarter) == (end_year, end_quarter):
        return quarter_label(start, translate=translate)
    if start_year == end_year:
        return translate(_QUARTERS_IN_YEAR) % {
            "year": start_year,
            "start": start_quarter,
            "end": end_quarter,
        }
    return translate(_PERIOD) % {
        "start": quarter_label(start, translate=translate),
        "end": quarter_label(end, translate=translate),
    }


def quarter_choice_label(value: str, plan_start=None, *, translate=gettext) -> str:
    """A quarter as the schedule's selects offer it: 「2027年4月〜6月（1年目 第1四半期）」, or
    「1年目 第1四半期」 while the plan's start is not known."""
    if _plan_start(plan_start) is None:
        return quarter_label(value, translate=translate)
    return schedule_period(value, value, plan_start, translate=translate)


def schedule_period(start: str, end: str, plan_start=None, *, translate=gettext) -> str:
    """A schedule item's period: with the plan's start (a date or "YYYY-MM"), the calendar
    months and the quarters, 「2027年4月〜9月（1年目 第1〜第2四半期）」; without it,
    「1年目 第1四半期 〜 2年目 第4四半期」. A value that is no quarter is shown as it is."""
    first_month = _plan_start(plan_start)
    if first_month is not None:
        try:
            first, _last = quarter_months(start, first_month)
            _first, last = quarter_months(end, first_month)
            quarters = _quarters(start, end, translate)
        except (AttributeError, ValueError):
            pass
        else:
            return translate(_WITH_QUARTERS) % {
                "months": _months(first, last, translate),
                "quarters": quarters,
            }
    return translate(_PERIOD) % {
        "start": _quarter_or_raw(start, translate),
        "end": _quarter_or_raw(end, translate),
    }


def _quarter_or_raw(value, translate) -> str:
    try:
        return quarter_label(value, translate=translate)
    except (AttributeError, ValueError):
        return str(value or "")
