"""The legal rules of a 経営革新計画 (Business Innovation Plan), as plain functions.

A plan is approved when the firm may apply at all (eligibility, DOMAIN.md §3) and its figures
show "a considerable improvement of performance" (経営の相当程度の向上, §5): in the final plan
year, value added (or value added per employee) has grown by at least 3 % per year of the plan
period, and a second indicator — 経常利益 before 2020-10-01, 給与支給総額 since — by at least
1 % / 1.5 % per year. Which thresholds and which law apply depends on the date the application is
submitted, so every rule set and legal basis is held here with its dates; nothing reads the clock,
the database or the settings.

The check is advice to the applicant and evidence for the reviewer, not the decision: results are
three-valued, and ``None`` means a person has to judge (e.g. a base-year value of 0).
"""

import math
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from numbers import Rational

# ---------------------------------------------------------------------------------------------
# Figures (別表3): one row per year, amounts in 千円.
# ---------------------------------------------------------------------------------------------


def _minus(a, b):
    return None if a is None or b is None else a - b


def _gross_profit(f):
    return _minus(f.sales, f.cost_of_sales)


def _operating_profit(f):
    return _minus(_gross_profit(f), f.sga)


def _ordinary_profit(f):
    # This procedure's 経常利益 leaves non-operating *income* out on purpose (DOMAIN.md §4).
    return _minus(_operating_profit(f), f.non_operating_expenses)


def _value_added(f):
    parts = (_operating_profit(f), f.personnel_cost, f.depreciation)
    return None if None in parts else sum(parts)


def _value_added_per_employee_exact(f) -> Fraction | None:
    value_added = _value_added(f)
    if value_added is None or not f.employees:
        return None
    return Fraction(value_added, f.employees)


def _half_up(value: Fraction, places: int) -> Decimal:
    magnitude = math.floor(abs(value) * 10**places + Fraction(1, 2))
    return Decimal(-magnitude if value < 0 else magnitude).scaleb(-places)


def _value_added_per_employee(f) -> Decimal | None:
    exact = _value_added_per_employee_exact(f)
    # One decimal, as on the official form; the criteria use the exact fraction instead.
    return None if exact is None else _half_up(exact, 1)


@dataclass(frozen=True)
class Figures:
    """One year's row of 別表3: year -2, -1, 0 (base year) or 1…N; None = not entered."""

    year: int
    sales: int | None = None
    cost_of_sales: int | None = None
    sga: int | None = None
    non_operating_expenses: int | None = None
    personnel_cost: int | None = None
    depreciation: int | None = None
    employees: int | None = None
    total_salary: int | None = None
    capex: int | None = None
    working_capital: int | None = None

    gross_profit = property(_gross_profit)
    operating_profit = property(_operating_profit)
    ordinary_profit = property(_ordinary_profit)
    value_added = property(_value_added)
    value_added_per_employee = property(_value_added_per_employee)


def derived(f) -> dict:
    """The computed rows of any object with Figures' input attributes (e.g. a model row)."""
    return {
        "gross_profit": _gross_profit(f),
        "operating_profit": _operating_profit(f),
        "ordinary_profit": _ordinary_profit(f),
        "value_added": _value_added(f),
        "value_added_per_employee": _value_added_per_employee(f),
    }


@dataclass(frozen=True)
class Plan:
    period_years: int | None  # 事業期間, 3–5
    rd_years: int = 0  # 研究開発期間 before the 事業期間, 0–5, R&D-type plans from 2020-10-01
    activity_types: tuple[str, ...] = ()
    figures: tuple = ()  # Figures or anything with the same attributes


# ---------------------------------------------------------------------------------------------
# Rule sets and legal bases, by date.
# ---------------------------------------------------------------------------------------------


class NoRuleSet(ValueError):
    """No rule set or legal basis applies: a date before 2005-04-13, or an unknown code."""


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


# ---------------------------------------------------------------------------------------------
# Growth.
# ---------------------------------------------------------------------------------------------

INDICATOR1 = ("value_added", "value_added_per_employee")


def _exact(value) -> Fraction:
    # Fraction(float) would carry the float's binary error into the comparison; refuse it.
    if not isinstance(value, Rational | Decimal):
        raise TypeError(f"exact number expected, got {type(value).__name__}")
    return Fraction(value)


def growth_exact(base, final) -> Fraction | None:
    """(B − A) ÷ |A| × 100 as an exact fraction; None when A = 0 or a value is missing."""
    if base is None or final is None or base == 0:
        return None
    base, final = _exact(base), _exact(final)
    return (final - base) / abs(base) * 100


def _display_pct(exact: Fraction) -> Decimal:
    # Rounded toward −∞: a failing 8.999 % shows as 8.99 %, never as the 9 % it missed, and as
    # every threshold is a multiple of 0.01 the shown value still compares like the exact one.
    return Decimal(math.floor(exact * 100)).scaleb(-2)


def growth_pct(base, final) -> Decimal | None:
    """Growth in %, to 0.01 rounded down, for display; None when A = 0 or a value is missing."""
    exact = growth_exact(base, final)
    return None if exact is None else _display_pct(exact)


def required_pct(rule_set: RuleSet, indicator: str, period_years: int) -> Decimal:
    """The threshold for a criterion code; R&D years do not count (DOMAIN.md §5)."""
    if indicator in INDICATOR1:
        return rule_set.indicator1_pct_per_year * period_years
    if indicator == rule_set.indicator2:
        return rule_set.indicator2_pct_per_year * period_years
    raise ValueError(f"rule set {rule_set.code} has no indicator {indicator!r}")


# ---------------------------------------------------------------------------------------------
# Criteria (DOMAIN.md §5): only the base year (0) and the final plan year are compared.
# ---------------------------------------------------------------------------------------------

CRITERION_LABELS = {
    "value_added": "付加価値額",
    "value_added_per_employee": "一人当たり付加価値額",
    "ordinary_profit": "経常利益",
    "total_salary": "給与支給総額",
}
FIELD_LABELS = {
    "sales": "売上高",
    "cost_of_sales": "売上原価",
    "sga": "販売費及び一般管理費",
    "non_operating_expenses": "営業外費用",
    "personnel_cost": "人件費",
    "depreciation": "減価償却費",
    "employees": "従業員数",
    "total_salary": "給与支給総額",
}
_VALUE_ADDED_INPUTS = ("sales", "cost_of_sales", "sga", "personnel_cost", "depreciation")
_INPUTS = {
    "value_added": _VALUE_ADDED_INPUTS,
    "value_added_per_employee": (*_VALUE_ADDED_INPUTS, "employees"),
    "ordinary_profit": ("sales", "cost_of_sales", "sga", "non_operating_expenses"),
    "total_salary": ("total_salary",),
}
# Exact values for judging; per employee as a Fraction, so 1000/3 → 1090/3 is exactly 9 %.
_EXACT = {
    "value_added": _value_added,
    "value_added_per_employee": _value_added_per_employee_exact,
    "ordinary_profit": _ordinary_profit,
    "total_salary": lambda f: f.total_salary,
}
_SHOWN = {**_EXACT, "value_added_per_employee": _value_added_per_employee}
PERIOD_YEARS = (3, 4, 5)
MAX_RD_YEARS = 5


@dataclass(frozen=True)
class CriterionResult:
    code: str
    base: Decimal | int | None
    final: Decimal | int | None
    growth_pct: Decimal | None  # for display: 0.01, rounded down (see _display_pct)
    required_pct: Decimal
    passed: bool | None  # None: a reviewer must judge, or figures are missing
    message: str


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _amount(code: str, value) -> str:
    unit = "千円/人" if code == "value_added_per_employee" else "千円"
    return f"{value:,}{unit}"


def _year_label(year: int, final_year: int) -> str:
    if year == 0:
        return "基準年度（直近期末）"
    return f"最終年度（{year}年目）" if year == final_year else f"{year}年目"


def _plan_errors(plan) -> list[str]:
    errors = []
    if plan.period_years not in PERIOD_YEARS:
        shown = "未入力" if plan.period_years is None else f"{plan.period_years}年"
        errors.append(f"事業期間は3～5年で入力してください（入力: {shown}）。")
    if not 0 <= (plan.rd_years or 0) <= MAX_RD_YEARS:
        errors.append(f"研究開発期間は0～5年で入力してください（入力: {plan.rd_years}年）。")
    return errors


def _missing_figures(rows: dict, final_year: int, codes) -> list[str]:
    fields = dict.fromkeys(field for code in codes for field in _INPUTS[code])
    errors = []
    for year in (0, final_year):
        label = _year_label(year, final_year)
        if rows.get(year) is None:
            errors.append(f"{label}の数値が入力されていません。")
            continue
        missing = [FIELD_LABELS[f] for f in fields if getattr(rows[year], f) is None]
        if missing:
            errors.append(f"{label}の{'・'.join(missing)}が入力されていません。")
    return errors


def _not_computable(code: str, rows) -> str:
    name = CRITERION_LABELS[code]
    if code == "value_added_per_employee" and any(r and r.employees == 0 for r in rows):
        return f"従業員数が0人の年度があるため{name}を計算できません。審査担当者の判断が必要です。"
    return f"基準年度又は最終年度の数値が不足しているため、{name}を判定できません。"


def _verdict(draft: CriterionResult, exact, growth, rows, final_year: int):
    """(passed, message) for a criterion whose shown values are already in ``draft``."""
    code, name = draft.code, CRITERION_LABELS[draft.code]
    base, final = exact
    if base is None or final is None:
        return None, _not_computable(code, rows)
    # A final-year value of 0 or less fails whatever the growth (a smaller loss is no success).
    if final <= 0:
        shown = _amount(code, draft.final)
        if code == "ordinary_profit":
            return (
                False,
                f"最終年度（{final_year}年目）の経常利益が{shown}です。黒字である必要があります。",
            )
        return (
            False,
            f"最終年度（{final_year}年目）の{name}が{shown}です。正の値である必要があります。",
        )
    # Growth from 0 has no percentage; approving or refusing it is the reviewer's call.
    if growth is None:
        return (
            None,
            f"基準年度の{name}が0のため伸び率を計算できません。審査担当者の判断が必要です。",
        )
    passed = growth >= Fraction(draft.required_pct)
    verdict = "以上です" if passed else "に達していません"
    change = f"基準年度 {_amount(code, draft.base)} → 最終年度 {_amount(code, draft.final)}"
    return passed, (
        f"{name}の伸び率 {draft.growth_pct}% は基準 {_plain(draft.required_pct)}% {verdict}"
        f"（{change}）。"
    )


def _judge(code: str, rows, required: Decimal, final_year: int) -> CriterionResult:
    exact = [None if r is None else _EXACT[code](r) for r in rows]
    shown = [None if r is None else _SHOWN[code](r) for r in rows]
    growth = growth_exact(*exact)
    shown_growth = None if growth is None else _display_pct(growth)
    draft = CriterionResult(code, *shown, shown_growth, required, passed=None, message="")
    passed, message = _verdict(draft, exact, growth, rows, final_year)
    return replace(draft, passed=passed, message=message)


def _final_year(plan) -> int:
    # The R&D years come first; the thresholds count the 事業期間 only.
    return (plan.rd_years or 0) + plan.period_years


def check_criteria(
    plan, *, rule_set: RuleSet
) -> tuple[tuple[CriterionResult, ...], tuple[str, ...]]:
    """The criteria (value added, per employee, the rule set's indicator 2) and data errors.

    Without a valid period there is no final year to judge, so no criteria are returned at all.
    """
    errors = _plan_errors(plan)
    if errors:
        return (), tuple(errors)
    final_year = _final_year(plan)
    rows = {f.year: f for f in plan.figures}
    codes = (*INDICATOR1, rule_set.indicator2)
    judged_rows = (rows.get(0), rows.get(final_year))
    criteria = tuple(
        _judge(code, judged_rows, required_pct(rule_set, code, plan.period_years), final_year)
        for code in codes
    )
    return criteria, tuple(_missing_figures(rows, final_year, codes))


# ---------------------------------------------------------------------------------------------
# Eligibility (DOMAIN.md §3).
# ---------------------------------------------------------------------------------------------


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


INDUSTRY_LABELS = {
    "manufacturing": "製造業",
    "wholesale": "卸売業",
    "retail": "小売業",
    "services": "サービス業",
    "rubber": "ゴム製品製造業",
    "software": "ソフトウェア業・情報処理サービス業",
    "inn": "旅館業",
    "other": "その他の業種（建設業・運輸業等）",
}
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
EXCLUDED_LEGAL_FORMS = {"npo": "非営利法人", "medical": "医療法人", "school": "学校法人"}


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
        message = f"{EXCLUDED_LEGAL_FORMS[form]}は経営革新計画の対象外です。"
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
    label = INDUSTRY_LABELS.get(company.industry)
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


# ---------------------------------------------------------------------------------------------
# The whole check.
# ---------------------------------------------------------------------------------------------


def _any3(values) -> bool | None:
    """Three-valued OR: one True suffices, an unknown stays unknown unless something is True."""
    values = tuple(values)
    return True if True in values else None if None in values else False


def _all3(values) -> bool | None:
    """Three-valued AND: one False fails, an unknown stays unknown unless something is False."""
    values = tuple(values)
    return False if False in values else None if None in values else True


@dataclass(frozen=True)
class CheckResult:
    rule_set: RuleSet
    legal_basis: LegalBasis
    eligibility: tuple[EligibilityResult, ...]
    criteria: tuple[CriterionResult, ...]
    errors: tuple[str, ...]

    @property
    def eligible(self) -> bool:
        return all(result.passed for result in self.eligibility)

    @property
    def indicator1(self) -> bool | None:
        """Value added or value added per employee: either suffices."""
        return _any3(c.passed for c in self.criteria if c.code in INDICATOR1)

    @property
    def indicator2(self) -> bool | None:
        return _all3(c.passed for c in self.criteria if c.code not in INDICATOR1)

    @property
    def passed(self) -> bool | None:
        """True, False, or None when a reviewer has to judge or figures are missing."""
        if not self.criteria:
            return None
        return _all3((self.indicator1, self.indicator2))

    @property
    def failures(self) -> tuple[CriterionResult, ...]:
        """The failed criteria that make the plan fail.

        A failed indicator-1 criterion is left out while the other one passes or is open: it
        is not a failure of the plan, and the applicant must not be asked to acknowledge it.
        """
        ind1_failed = self.indicator1 is False
        return tuple(
            c
            for c in self.criteria
            if c.passed is False and (c.code not in INDICATOR1 or ind1_failed)
        )


def check_plan(
    plan: Plan,
    company: CompanyFacts,
    *,
    on: date,
    prefecture: str,
    rule_set: RuleSet | None = None,
) -> CheckResult:
    """Eligibility and criteria of a plan submitted on ``on``, by that day's rule set by default."""
    rule_set = rule_set or rule_set_for(on)
    criteria, errors = check_criteria(plan, rule_set=rule_set)
    eligibility = check_eligibility(
        company, on=on, prefecture=prefecture, plan=plan, rule_set=rule_set
    )
    return CheckResult(rule_set, legal_basis_for(on), eligibility, criteria, errors)
