"""One more new-plan approval, counted for target ② in the approving transaction.

`approval_grant` calls `count_new_plan` inside the transaction that records the approval, so
the day tally and the drill-down's tally (by region, industry and activity type) commit or roll
back with it (never stale, never ahead), and the revision token changes with it, so every memo
of the figures is rebuilt once the approval has committed.

The rows are taken in one order (day, then dimension and key), after the fiscal year's number
counter that approval_grant has locked already, so two approvals never wait on each other's rows.
"""

from django.db.models import F

from approvals.constants import BreakdownDimension
from approvals.targets.memo import bump_target_revision
from approvals.targets.models import ApprovalBreakdownCount, ApprovalDayCount


def breakdown_keys(approval) -> list[tuple[str, str]]:
    """(dimension, key) under which the drill-down counts this approval, in lock order."""
    codes = approval.application.activities.values_list("code", flat=True)
    return sorted(
        [
            (BreakdownDimension.REGION, approval.region),
            (BreakdownDimension.INDUSTRY, approval.industry),
            *((BreakdownDimension.ACTIVITY_TYPE, code) for code in set(codes)),
        ]
    )


def count_new_plan(approval) -> None:
    """Add the approval to the tallies; must run inside the approving transaction."""
    day, year = approval.approved_on, approval.fiscal_year
    ApprovalDayCount.objects.bulk_create(
        [ApprovalDayCount(day=day, fiscal_year=year)], ignore_conflicts=True
    )
    ApprovalDayCount.objects.filter(day=day).update(new_plans=F("new_plans") + 1)
    keys = breakdown_keys(approval)
    ApprovalBreakdownCount.objects.bulk_create(
        [ApprovalBreakdownCount(fiscal_year=year, dimension=d, key=k) for d, k in keys],
        ignore_conflicts=True,
    )
    for dimension, key in keys:
        ApprovalBreakdownCount.objects.filter(
            fiscal_year=year, dimension=dimension, key=key
        ).update(new_plans=F("new_plans") + 1)
    # Last: the lock on the token's row is taken after the counter's and the tallies'.
    bump_target_revision()
