"""The outcome KPI beside target ②: how approved plans are doing, by approval fiscal year.

Per fiscal year of approval: the surveys answered, and the share of plans whose latest answered
survey shows 付加価値額 and 給与支給総額 on track (interim) or achieved (final), as computed at
submission (approvals.followups.services.follow_up_submit). Plans judged on 経常利益 (approved
before 2020-10-01) have no 給与支給総額 result and are left out of that share. One query for the
page, whatever the number of plans.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from approvals.constants import FollowUpStatus
from approvals.models import FollowUp
from approvals.targets.counting import fiscal_year_label


@dataclass
class PlanOutcome:
    application_id: int
    number: str
    fiscal_year: int
    kind: str
    value_added: bool | None
    total_salary: bool | None


@dataclass
class YearOutcome:
    fiscal_year: int
    label: str
    answered: int = 0  # surveys answered
    plans: list[PlanOutcome] = field(default_factory=list)  # latest answer of each plan

    def _share(self, attribute) -> Decimal | None:
        judged = [getattr(p, attribute) for p in self.plans if getattr(p, attribute) is not None]
        if not judged:
            return None
        share = Decimal(sum(judged) * 100) / len(judged)
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def value_added_pct(self) -> Decimal | None:
        return self._share("value_added")

    @property
    def total_salary_pct(self) -> Decimal | None:
        return self._share("total_salary")


def outcome_by_year() -> list[YearOutcome]:
    """Answered surveys grouped by the plan's approval year, newest year first."""
    rows = (
        FollowUp.objects.filter(
            status=FollowUpStatus.SUBMITTED, application__approval__isnull=False
        )
        .order_by("application_id", "submitted_at", "pk")
        .values_list(
            "application_id",
            "application__approval__number",
            "application__approval__fiscal_year",
            "kind",
            "value_added_achieved",
            "total_salary_achieved",
        )
    )
    years: dict[int, YearOutcome] = {}
    latest: dict[int, PlanOutcome] = {}
    for application_id, number, fiscal_year, kind, value_added, total_salary in rows:
        year = years.setdefault(
            fiscal_year, YearOutcome(fiscal_year, fiscal_year_label(fiscal_year))
        )
        year.answered += 1
        # Ordered by submission: the last one seen is the plan's latest answer.
        latest[application_id] = PlanOutcome(
            application_id, number, fiscal_year, kind, value_added, total_salary
        )
    for plan in latest.values():
        years[plan.fiscal_year].plans.append(plan)
    for year in years.values():
        year.plans.sort(key=lambda p: p.number)
    return [years[y] for y in sorted(years, reverse=True)]
