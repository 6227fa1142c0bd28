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

from .check import CheckResult, check_plan, failing_codes
from .criteria import CriterionResult, check_criteria
from .eligibility import (
    EXCLUDED_LEGAL_FORMS,
    LEGAL_FORMS,
    SME_LIMITS,
    SME_UNTIL,
    SPECIFIED_FROM,
    SPECIFIED_LIMITS,
    CompanyFacts,
    EligibilityResult,
    check_eligibility,
)
from .figures import (
    FIRST_YEAR,
    MAX_RD_YEARS,
    OPTIONAL_YEARS,
    PERIOD_YEARS,
    Figures,
    Plan,
    derived,
    plan_start_problem,
    plan_start_window,
    table_years,
)
from .growth import INDICATOR1, growth_exact, growth_pct, required_pct
from .money import (
    YEN_SUSPECT_AMOUNT,
    YEN_SUSPECT_SALES_PER_EMPLOYEE,
    FundingBalance,
    PlanWarning,
    funding_balance,
    looks_like_yen,
    yen_words,
)
from .rulesets import (
    RULE_SETS,
    LegalBasis,
    NoRuleSet,
    RuleSet,
    legal_basis_for,
    rule_set_by_code,
    rule_set_for,
)

__all__ = [
    # figures
    "Figures",
    "derived",
    "Plan",
    "PERIOD_YEARS",
    "MAX_RD_YEARS",
    "OPTIONAL_YEARS",
    "FIRST_YEAR",
    "table_years",
    "plan_start_window",
    "plan_start_problem",
    # rule sets and legal bases
    "NoRuleSet",
    "RuleSet",
    "LegalBasis",
    "RULE_SETS",
    "rule_set_for",
    "rule_set_by_code",
    "legal_basis_for",
    # growth
    "INDICATOR1",
    "growth_exact",
    "growth_pct",
    "required_pct",
    # criteria
    "CriterionResult",
    "check_criteria",
    # eligibility
    "CompanyFacts",
    "EligibilityResult",
    "SME_LIMITS",
    "SPECIFIED_LIMITS",
    "SPECIFIED_FROM",
    "SME_UNTIL",
    "LEGAL_FORMS",
    "EXCLUDED_LEGAL_FORMS",
    "check_eligibility",
    # money: warnings that never fail a plan
    "YEN_SUSPECT_AMOUNT",
    "YEN_SUSPECT_SALES_PER_EMPLOYEE",
    "FundingBalance",
    "PlanWarning",
    "funding_balance",
    "looks_like_yen",
    "yen_words",
    # the whole check
    "CheckResult",
    "check_plan",
    "failing_codes",
]
