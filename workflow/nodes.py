"""The flow's task nodes, each knowing its step of the procedure (approvals.constants.Step).

`StaffTask` is a staff task that also enforces the separation of duties: viewflow's
`View.can_assign` falls back to the global permission, so an object-level check alone would
not stop a reviewer deciding their own review; here both claiming and executing ask
`workflow.access.forbidden` as well. Its pages (index, detail, claim, release) are the staff
pages of `workflow.views`; a refused claim or execution shows the task with the reason instead
of a 403. `ApplicantTask` is the applicant's correction, done on the portal.
"""

from django.urls import path
from viewflow.workflow import flow
from viewflow.workflow.flow import utils

from workflow import access, views


class StepTask(flow.View):
    """A task node of one step of the procedure."""

    def __init__(self, view, *, step, **kwargs):
        super().__init__(view, **kwargs)
        self.step = step


class ApplicantTask(StepTask):
    """The applicant's task (補正): its page sends them to their portal."""


class StaffTask(StepTask):
    index_view_class = views.TaskIndexView
    detail_view_class = views.TaskDetailView
    assign_view_class = views.TaskAssignView
    unassign_view_class = views.TaskUnassignView

    def can_assign(self, user, task):
        return super().can_assign(user, task) and access.forbidden(task, user) is None

    def can_execute(self, user, task):
        return super().can_execute(user, task) and access.forbidden(task, user) is None

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
