"""Errors of the flow's actions; the API (config.api) and the task pages turn them into answers.

`TaskForbidden` is a `NotPermitted` (403), `TaskNotOpen` a 409 that says who holds or decided
the task, and `FlowBusy` the 409 a client may simply retry: viewflow's process lock could not
be taken in time (its `FlowLockFailed` never leaves `workflow.services`).
"""

from django.utils.translation import gettext_lazy as _

from approvals.errors import ApplicationError, NotPermitted


class TaskForbidden(NotPermitted):
    """403: the user may not act on this task."""


class TaskNotOpen(ApplicationError):
    """409: the task is finished, cancelled or held by someone else."""

    def __init__(self, message, task):
        super().__init__(message)
        self.owner = task.owner
        self.finished = task.finished


class FlowBusy(ApplicationError):
    """409 with Retry-After: another action on the same process holds its lock."""

    retry_after = 1

    def __init__(self):
        super().__init__(_("処理が混み合っています。もう一度お試しください。"))
