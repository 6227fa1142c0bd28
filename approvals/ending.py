"""The end of an approved plan's life: ended by the firm (廃止, status `discontinued`) or revoked
by the authority after a hearing (承認の取消し, status `revoked`), DOMAIN.md §10.

Both go through `plan_end`, which records the status and the date the plan ended
(`Application.ended_on`, counted per fiscal year on target ②'s dashboard) and sends
`plan_ended`, so what depends on a live plan (open follow-up surveys) closes with it in the same
transaction (and a change application still open on the plan is withdrawn: workflow.apps). The
approval itself stays: it was granted, and stays counted in target ②.
"""

from datetime import date

from django.dispatch import Signal
from django.utils.translation import gettext as _

from approvals.constants import Status
from approvals.errors import InvalidTransition
from approvals.models import Application

# Sent inside the ending transaction with `application` (locked), `status` and `actor` (who ended
# it).
plan_ended = Signal()

ENDED_STATUSES = frozenset({Status.DISCONTINUED, Status.REVOKED})


def plan_end(*, locked: Application, status: str, on: date, actor=None) -> Application:
    """End the approved plan `locked` (already under application_lock) on `on`."""
    if status not in ENDED_STATUSES:
        raise ValueError(f"not an ending status: {status}")
    if locked.status != Status.APPROVED:
        raise InvalidTransition(
            _("この計画は「%(status)s」のため、この操作はできません。")
            % {"status": locked.get_status_display()}
        )
    locked.status = status
    locked.ended_on = on
    locked.save(update_fields=["status", "ended_on", "updated_at"])
    plan_ended.send(sender=Application, application=locked, status=status, actor=actor)
    return locked
