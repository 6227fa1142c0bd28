"""A staff task node that also enforces the separation of duties.

viewflow's `View.can_assign` falls back to the global permission, so an object-level check
alone would not stop a reviewer deciding their own review; here both claiming and executing
ask `approvals.duties` as well.
"""

from viewflow.workflow import flow

from approvals.duties import duty_conflict


class StaffTask(flow.View):
    step = None  # approvals.constants.Step of this node

    def __init__(self, view, *, step, **kwargs):
        super().__init__(view, **kwargs)
        self.step = step

    def _duty_allows(self, user, task) -> bool:
        application = task.process.applicationprocess.application
        return duty_conflict(application=application, user=user, step=self.step) is None

    def can_assign(self, user, task):
        return super().can_assign(user, task) and self._duty_allows(user, task)

    def can_execute(self, user, task):
        return super().can_execute(user, task) and self._duty_allows(user, task)
