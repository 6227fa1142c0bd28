"""One more new-plan approval, counted for target ② in the approving transaction.

`approval_grant` calls `count_new_plan` inside the transaction that records the approval, so
the day tally commits or rolls back with it (never stale, never ahead), and the revision token
changes with it, so every memo of the figures is rebuilt once the approval has committed.
"""

from datetime import date

from django.db.models import F

from approvals.fiscal import fiscal_year_of
from approvals.targets.memo import bump_target_revision
from approvals.targets.models import ApprovalDayCount


def count_new_plan(approved_on: date) -> None:
    """Add one to the tally of `approved_on`; must run inside the approving transaction."""
    ApprovalDayCount.objects.bulk_create(
        [ApprovalDayCount(day=approved_on, fiscal_year=fiscal_year_of(approved_on))],
        ignore_conflicts=True,
    )
    ApprovalDayCount.objects.filter(day=approved_on).update(new_plans=F("new_plans") + 1)
    # Last: the lock on the token's row is taken after the counter's and the tally's.
    bump_target_revision()
