"""A staff task node that also enforces the separation of duties.

viewflow's `View.can_assign` falls back to the global permission, so an object-level check
alone would not stop a reviewer deciding their own review; here both claiming and executing
ask `approvals.duties` as well. Its pages (index, detail, claim, release) are the staff pages of
`workflow.views`; a refused claim or execution shows the task with the reason instead of a 403.
"""

from django.urls import path
from viewflow.workflow import flow
from viewflow.workflow.flow import utils

from approvals.duties import duty_conflict
from workflow import views


class StaffTask(flow.View):
    step = None  # approvals.constants.Step of this node

    index_view_class = views.TaskIndexView
    detail_view_class = views.TaskDetailView
    assign_view_class = views.TaskAssignView
    unassign_view_class = views.TaskUnassignView

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

    @property
    def view_path(self):
        return path(
            f"<int:process_pk>/{self.name}/<int:task_pk>/execute/",
            views.explain_denial(self, utils.wrap_view(self, self.view)),
            name="execute",
        )

    @property
    def assign_path(self):
        view = utils.wrap_task_view(self, self.assign_view, permission=self.can_assign)
        return path(
            f"<int:process_pk>/{self.name}/<int:task_pk>/assign/",
            views.explain_denial(self, view),
            name="assign",
        )
