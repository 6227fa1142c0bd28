"""Saves and deletes that change target figures replace the TargetRevision token.

The series and their years (edited by policy staff in the admin), the day tally and the legacy
approvals (import_approvals saves them one by one), the authority (its standard processing
periods head the processing times), and a plan that ends (plan_ended: the year's revoked and
discontinued counts). Refusals and change approvals replace it in their service
(approvals.transitions) for the processing times. approval_grant changes the tally with a
queryset update, which sends no signal, so it replaces the token itself.
"""

from django.db.models.signals import post_delete, post_save

from approvals.ending import plan_ended
from approvals.models import (
    ApprovalDayCount,
    Authority,
    LegacyApproval,
    TargetSeries,
    TargetYear,
)
from approvals.targets.memo import bump_target_revision

FIGURE_SOURCES = (TargetSeries, TargetYear, ApprovalDayCount, LegacyApproval)


def _changed(sender, **kwargs):
    bump_target_revision()  # fixtures too (raw saves): loaded rows are figures like any other


for model in FIGURE_SOURCES:
    for name, signal in (("save", post_save), ("delete", post_delete)):
        uid = f"target-revision-{name}-{model.__name__}"
        signal.connect(_changed, sender=model, dispatch_uid=uid)


def _authority_changed(sender, created=False, **kwargs):
    # Its standard processing periods head the processing times. Not when Authority.current()
    # creates the row with its defaults: whatever was built read those same defaults.
    if not created:
        bump_target_revision()


post_save.connect(_authority_changed, sender=Authority, dispatch_uid="target-revision-authority")

# An approved plan that ends (revoked, discontinued) moves the year's ended counts.
plan_ended.connect(_changed, dispatch_uid="target-revision-plan-ended")
