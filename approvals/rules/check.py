"""The whole check of a plan: eligibility and criteria combined into one ``CheckResult``.

The result is three-valued: indicator 1 passes if either value added or value added per
employee does, indicator 2 must pass as well, and ``None`` means a reviewer has to judge.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from .criteria import CriterionResult, check_criteria
from .eligibility import CompanyFacts, EligibilityResult, check_eligibility
from .figures import Plan
from .growth import INDICATOR1
from .money import FundingBalance, PlanWarning, funding_balance, funding_warnings, looks_like_yen
from .rulesets import LegalBasis, RuleSet, legal_basis_for, rule_set_for


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
    # Advice that never fails the plan (approvals.rules.money): amounts that look like 円,
    # funding that does not match the investment.
    warnings: tuple[PlanWarning, ...] = ()
    funding: FundingBalance | None = None

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
        """The failed criteria that make the plan fail (see ``failing_codes``)."""
        failing = failing_codes({c.code: c.passed for c in self.criteria})
        return tuple(c for c in self.criteria if c.code in failing)


def failing_codes(passed: Mapping[str, bool | None]) -> frozenset[str]:
    """The criteria (code → three-valued verdict) whose failure makes the plan fail.

    A failed indicator-1 criterion is left out while the other one passes or is open: it is
    not a failure of the plan, and the applicant must not be asked to acknowledge it. Works on
    a check as it is computed and on one frozen into a version alike.
    """
    indicator1_failed = _any3(v for code, v in passed.items() if code in INDICATOR1) is False
    return frozenset(
        code
        for code, verdict in passed.items()
        if verdict is False and (code not in INDICATOR1 or indicator1_failed)
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
    final_year = (plan.rd_years or 0) + plan.period_years if plan.period_years else None
    balance = funding_balance(plan.figures, plan.funding, final_year)
    warnings = (*looks_like_yen(plan.figures, final_year), *funding_warnings(balance))
    return CheckResult(
        rule_set, legal_basis_for(on), eligibility, criteria, errors, warnings, balance
    )
