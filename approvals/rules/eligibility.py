"""Eligibility (DOMAIN.md §3): whether this prefecture may approve this firm's plan at all.

Holds ``CompanyFacts``, the legal tables (industries, 中小企業者 and 特定事業者 size limits,
legal forms) and the checks of jurisdiction, closed fiscal years, legal form, firm size and the
plan's period and R&D years, each giving an ``EligibilityResult``.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_noop

from approvals.terms import (
    INDUSTRY_NAMES,
    LEGAL_FORM_NAMES,
    NOT_ENTERED,
    YEN,
    DateMessage,
    Joined,
    Message,
    amount_message,
)
from approvals.terms import message as _  # a Japanese message, found by makemessages
from approvals.terms import plural_message as ngettext  # the same, counting

from .figures import MAX_RD_YEARS, PERIOD_YEARS, Plan
from .rulesets import RULE_SETS, RuleSet, rule_set_for

# The two size figures, as the messages name them.
CAPITAL = gettext_noop("資本金")
EMPLOYEES = gettext_noop("従業員数")


@dataclass(frozen=True)
class CompanyFacts:
    prefecture: str  # of the head office (本店登記; a sole proprietor's 住民登録)
    legal_form: str
    industry: str
    capital: int | None  # yen
    employees: int | None  # 常時使用する従業員: no owner, officers, temporary or dispatched staff
    closed_fiscal_years: int | None


@dataclass(frozen=True)
class EligibilityResult:
    code: str
    passed: bool
    message: str


# 中小企業者: capital (yen) OR regular employees at or below.
SME_LIMITS = {
    "manufacturing": (300_000_000, 300),
    "other": (300_000_000, 300),
    "wholesale": (100_000_000, 100),
    "services": (50_000_000, 100),
    "retail": (50_000_000, 50),
    "rubber": (300_000_000, 900),
    "software": (300_000_000, 300),
    "inn": (50_000_000, 200),
}
# 特定事業者: regular employees only. Rubber has no row of its own: it is manufacturing.
SPECIFIED_LIMITS = {
    "manufacturing": 500,
    "other": 500,
    "rubber": 500,
    "wholesale": 400,
    "retail": 300,
    "services": 300,
    "software": 500,
    "inn": 500,
}
SPECIFIED_FROM = date(2021, 8, 2)
SME_UNTIL = date(2023, 3, 31)
LEGAL_FORMS = ("kabushiki", "godo", "yugen", "goshi", "gomei", "sole", "other")
EXCLUDED_LEGAL_FORMS = frozenset({"npo", "medical", "school"})


def _jurisdiction(company: CompanyFacts, prefecture: str) -> EligibilityResult:
    sole = company.legal_form == "sole"
    if not company.prefecture:
        if sole:
            return EligibilityResult(
                "jurisdiction", False, _("住所の都道府県が入力されていません。")
            )
        return EligibilityResult(
            "jurisdiction", False, _("本店所在地の都道府県が入力されていません。")
        )
    where = Message(prefecture)
    if company.prefecture == prefecture:
        if sole:
            return EligibilityResult("jurisdiction", True, _("住所が%(p)s内です。", p=where))
        return EligibilityResult("jurisdiction", True, _("本店所在地が%(p)s内です。", p=where))
    # Anything outside the prefecture is the regional bureau's: say where to go, accept nothing.
    if sole:
        message = _(
            "住所が%(p)s外のため、%(p)sでは受け付けできません。"
            "住所を管轄する経済産業局へ申請してください。",
            p=where,
        )
    else:
        message = _(
            "本店所在地が%(p)s外のため、%(p)sでは受け付けできません。"
            "本店所在地を管轄する経済産業局へ申請してください。",
            p=where,
        )
    return EligibilityResult("jurisdiction", False, message)


def _closed_fiscal_year(company: CompanyFacts) -> EligibilityResult:
    years = company.closed_fiscal_years
    if years is None:
        return EligibilityResult("closed_fiscal_year", False, _("決算期数が入力されていません。"))
    if years < 1:
        message = _("1期以上の決算を終えている必要があります（決算期数: %(n)d期）。", n=years)
        return EligibilityResult("closed_fiscal_year", False, message)
    message = ngettext("決算を%(n)d期終えています。", "決算を%(n)d期終えています。", years, n=years)
    return EligibilityResult("closed_fiscal_year", True, message)


def _legal_form(company: CompanyFacts) -> EligibilityResult:
    form = company.legal_form
    if form in EXCLUDED_LEGAL_FORMS:
        message = _("%(form)sは経営革新計画の対象外です。", form=Message(LEGAL_FORM_NAMES[form]))
        return EligibilityResult("legal_form", False, message)
    if form not in LEGAL_FORMS:
        return EligibilityResult("legal_form", False, _("組織形態が選択されていません。"))
    return EligibilityResult("legal_form", True, _("対象となる組織形態です。"))


def _employees(n: int) -> Message:
    return ngettext("従業員数 %(n)d人", "従業員数 %(n)d人", n, n=n)


def _sme(company: CompanyFacts, label: Message) -> tuple[bool, Message]:
    """中小企業者 (capital or employees); a sole proprietor has no capital, so employees only."""
    capital_limit, employee_limit = SME_LIMITS[company.industry]
    capital = None if company.legal_form == "sole" else company.capital
    employees = company.employees
    if capital is not None and capital <= capital_limit:
        return True, _(
            "中小企業者に該当します（%(industry)s、資本金 %(capital)s）。",
            industry=label,
            capital=amount_message(f"{capital:,}", YEN),
        )
    if employees is not None and employees <= employee_limit:
        return True, _(
            "中小企業者に該当します（%(industry)s、%(employees)s）。",
            industry=label,
            employees=_employees(employees),
        )
    limits = _(
        "%(industry)sは資本金%(capital)s円以下又は従業員%(employees)d人以下",
        industry=label,
        capital=f"{capital_limit:,}",
        employees=employee_limit,
    )
    missing = [
        name
        for name, value in ((Message(CAPITAL), capital), (Message(EMPLOYEES), employees))
        if value is None
    ]
    if company.legal_form == "sole":
        missing = [name for name in missing if name != CAPITAL]
    if missing:
        return False, _(
            "%(what)sが入力されていないため、中小企業者（%(limits)s）か判定できません。",
            what=Joined(missing, "・"),
            limits=limits,
        )
    return False, _(
        "資本金・従業員数とも中小企業者の基準（%(limits)s）を超えています。", limits=limits
    )


def _specified(company: CompanyFacts, label: Message) -> tuple[bool, Message]:
    """特定事業者: regular employees only."""
    limit = SPECIFIED_LIMITS[company.industry]
    employees = company.employees
    if employees is None:
        return False, _(
            "従業員数が入力されていないため、特定事業者（%(industry)sは従業員%(limit)d人以下）か"
            "判定できません。",
            industry=label,
            limit=limit,
        )
    if employees <= limit:
        return True, _(
            "特定事業者に該当します（%(industry)s、%(employees)s）。",
            industry=label,
            employees=_employees(employees),
        )
    return False, ngettext(
        "従業員数 %(n)d人 が特定事業者の基準（%(industry)sは%(limit)d人以下）を超えています。",
        "従業員数 %(n)d人 が特定事業者の基準（%(industry)sは%(limit)d人以下）を超えています。",
        employees,
        n=employees,
        industry=label,
        limit=limit,
    )


def _sme_size(company: CompanyFacts, on: date) -> EligibilityResult:
    industry = INDUSTRY_NAMES.get(company.industry)
    if industry is None:
        return EligibilityResult("sme_size", False, _("業種が選択されていません。"))
    label = Message(industry)
    # 中小企業者 until 2023-03-31, 特定事業者 from 2021-08-02: in between either one suffices.
    tests = [
        test
        for test, applies in ((_sme, on <= SME_UNTIL), (_specified, on >= SPECIFIED_FROM))
        if applies
    ]
    verdicts = [test(company, label) for test in tests]
    passing = [message for passed, message in verdicts if passed]
    if passing:
        return EligibilityResult("sme_size", True, passing[0])
    return EligibilityResult("sme_size", False, Joined(message for _, message in verdicts))


def _years(n: int) -> Message:
    return ngettext("%(n)d年", "%(n)d年", n, n=n)


def _period(plan) -> EligibilityResult:
    years = plan.period_years
    if years in PERIOD_YEARS:
        return EligibilityResult(
            "period", True, _("事業期間は%(years)sです。", years=_years(years))
        )
    shown = Message(NOT_ENTERED) if years is None else _years(years)
    return EligibilityResult(
        "period", False, _("事業期間は3～5年です（入力: %(shown)s）。", shown=shown)
    )


def _rnd(plan, rule_set: RuleSet) -> EligibilityResult:
    rd_years = plan.rd_years or 0
    rnd_type = "rnd" in (plan.activity_types or ())
    if (rd_years or rnd_type) and not rule_set.allows_rnd:
        since = DateMessage(next(r.valid_from for r in RULE_SETS if r.allows_rnd))
        message = _(
            "研究開発型の計画（研究開発期間、技術に関する研究開発及びその成果の利用）は"
            "%(since)s以降の申請でのみ認められます。",
            since=since,
        )
        return EligibilityResult("rnd", False, message)
    if not 0 <= rd_years <= MAX_RD_YEARS:
        return EligibilityResult(
            "rnd", False, _("研究開発期間は0～5年です（入力: %(shown)s）。", shown=_years(rd_years))
        )
    if rd_years and not rnd_type:
        message = _(
            "研究開発期間を設けるには、新事業活動の類型で"
            "「技術に関する研究開発及びその成果の利用」を選んでください。"
        )
        return EligibilityResult("rnd", False, message)
    if rd_years:
        return EligibilityResult(
            "rnd", True, _("研究開発期間は%(years)sです。", years=_years(rd_years))
        )
    return EligibilityResult("rnd", True, _("研究開発期間はありません。"))


def check_eligibility(
    company: CompanyFacts,
    *,
    on: date,
    prefecture: str,
    plan: Plan | None = None,
    rule_set: RuleSet | None = None,
) -> tuple[EligibilityResult, ...]:
    """Whether this prefecture may approve this firm's plan; ``on`` is the submission date."""
    results = [
        _jurisdiction(company, prefecture),
        _closed_fiscal_year(company),
        _legal_form(company),
        _sme_size(company, on),
    ]
    if plan is not None:
        results += [_period(plan), _rnd(plan, rule_set or rule_set_for(on))]
    return tuple(results)
