"""Eligibility (DOMAIN.md §3): whether this prefecture may approve this firm's plan at all.

Holds ``CompanyFacts``, the legal tables (industries, 中小企業者 and 特定事業者 size limits,
legal forms) and the checks of jurisdiction, closed fiscal years, legal form, firm size and the
plan's period and R&D years, each giving an ``EligibilityResult``.
"""

from dataclasses import dataclass
from datetime import date

from approvals.terms import INDUSTRY_NAMES, LEGAL_FORM_NAMES

from .figures import MAX_RD_YEARS, PERIOD_YEARS, Plan
from .rulesets import RULE_SETS, RuleSet, _jp_date, rule_set_for


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
    place = "住所" if company.legal_form == "sole" else "本店所在地"
    if not company.prefecture:
        return EligibilityResult("jurisdiction", False, f"{place}の都道府県が入力されていません。")
    if company.prefecture == prefecture:
        return EligibilityResult("jurisdiction", True, f"{place}が{prefecture}内です。")
    # Anything outside the prefecture is the regional bureau's: say where to go, accept nothing.
    return EligibilityResult(
        "jurisdiction",
        False,
        f"{place}が{prefecture}外のため、{prefecture}では受け付けできません。"
        f"{place}を管轄する経済産業局へ申請してください。",
    )


def _closed_fiscal_year(company: CompanyFacts) -> EligibilityResult:
    years = company.closed_fiscal_years
    if years is None:
        return EligibilityResult("closed_fiscal_year", False, "決算期数が入力されていません。")
    if years < 1:
        message = f"1期以上の決算を終えている必要があります（決算期数: {years}期）。"
        return EligibilityResult("closed_fiscal_year", False, message)
    return EligibilityResult("closed_fiscal_year", True, f"決算を{years}期終えています。")


def _legal_form(company: CompanyFacts) -> EligibilityResult:
    form = company.legal_form
    if form in EXCLUDED_LEGAL_FORMS:
        message = f"{LEGAL_FORM_NAMES[form]}は経営革新計画の対象外です。"
        return EligibilityResult("legal_form", False, message)
    if form not in LEGAL_FORMS:
        return EligibilityResult("legal_form", False, "組織形態が選択されていません。")
    return EligibilityResult("legal_form", True, "対象となる組織形態です。")


def _sme(company: CompanyFacts, label: str) -> tuple[bool, str]:
    """中小企業者 (capital or employees); a sole proprietor has no capital, so employees only."""
    capital_limit, employee_limit = SME_LIMITS[company.industry]
    capital = None if company.legal_form == "sole" else company.capital
    employees = company.employees
    if capital is not None and capital <= capital_limit:
        return True, f"中小企業者に該当します（{label}、資本金 {capital:,}円）。"
    if employees is not None and employees <= employee_limit:
        return True, f"中小企業者に該当します（{label}、従業員数 {employees}人）。"
    limits = f"{label}は資本金{capital_limit:,}円以下又は従業員{employee_limit}人以下"
    missing = [
        name for name, value in (("資本金", capital), ("従業員数", employees)) if value is None
    ]
    if company.legal_form == "sole":
        missing = [name for name in missing if name != "資本金"]
    if missing:
        what = "・".join(missing)
        return False, f"{what}が入力されていないため、中小企業者（{limits}）か判定できません。"
    return False, f"資本金・従業員数とも中小企業者の基準（{limits}）を超えています。"


def _specified(company: CompanyFacts, label: str) -> tuple[bool, str]:
    """特定事業者: regular employees only."""
    limit = SPECIFIED_LIMITS[company.industry]
    employees = company.employees
    if employees is None:
        limits = f"{label}は従業員{limit}人以下"
        return False, f"従業員数が入力されていないため、特定事業者（{limits}）か判定できません。"
    if employees <= limit:
        return True, f"特定事業者に該当します（{label}、従業員数 {employees}人）。"
    return (
        False,
        f"従業員数 {employees}人 が特定事業者の基準（{label}は{limit}人以下）を超えています。",
    )


def _sme_size(company: CompanyFacts, on: date) -> EligibilityResult:
    label = INDUSTRY_NAMES.get(company.industry)
    if label is None:
        return EligibilityResult("sme_size", False, "業種が選択されていません。")
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
    return EligibilityResult("sme_size", False, "".join(message for _, message in verdicts))


def _period(plan) -> EligibilityResult:
    years = plan.period_years
    if years in PERIOD_YEARS:
        return EligibilityResult("period", True, f"事業期間は{years}年です。")
    shown = "未入力" if years is None else f"{years}年"
    return EligibilityResult("period", False, f"事業期間は3～5年です（入力: {shown}）。")


def _rnd(plan, rule_set: RuleSet) -> EligibilityResult:
    rd_years = plan.rd_years or 0
    rnd_type = "rnd" in (plan.activity_types or ())
    if (rd_years or rnd_type) and not rule_set.allows_rnd:
        since = _jp_date(next(r.valid_from for r in RULE_SETS if r.allows_rnd))
        message = (
            "研究開発型の計画（研究開発期間、技術に関する研究開発及びその成果の利用）は"
            f"{since}以降の申請でのみ認められます。"
        )
        return EligibilityResult("rnd", False, message)
    if not 0 <= rd_years <= MAX_RD_YEARS:
        return EligibilityResult("rnd", False, f"研究開発期間は0～5年です（入力: {rd_years}年）。")
    if rd_years and not rnd_type:
        message = (
            "研究開発期間を設けるには、新事業活動の類型で"
            "「技術に関する研究開発及びその成果の利用」を選んでください。"
        )
        return EligibilityResult("rnd", False, message)
    return EligibilityResult(
        "rnd",
        True,
        f"研究開発期間は{rd_years}年です。" if rd_years else "研究開発期間はありません。",
    )


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
