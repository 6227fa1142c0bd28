"""Staff task pages (受付・審査・決裁) on viewflow's node views, under /staff/.

Every staff task has an index (it sends the user to the page they may use), a read-only detail
page that says why they may not act, a claim page (担当する), a release page (担当を外す) and the
execute page: everything needed to decide, and the decision buttons. A button leads to a
confirmation page; confirming calls the approvals service (``decision_apply``), completes the
task (``activation.execute()``) and redirects. Errors from the services become messages, and a
refusal by viewflow's permission checks becomes the detail page with the reason — never a 500.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, RedirectView
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.flow.views import (
    AssignTaskView,
    DetailTaskView,
    UnassignTaskView,
    mixins,
)
from viewflow.workflow.status import STATUS

from approvals.constants import Step
from approvals.errors import ApplicationError
from approvals.transitions import decision_apply
from workflow.access import why_not
from workflow.errors import FlowBusy
from workflow.forms import DecisionForm, ReviewForm
from workflow.intake import IntakeChecklistForm, intake_check_record, intake_gaps
from workflow.presenters import task_panel


def task_url(task, name: str) -> str:
    return task.flow_task.reverse(name, args=[task.process_id, task.pk])


def process_url(task) -> str:
    return task.flow_task.flow_class.instance.reverse("process_detail", args=[task.process_id])


def task_actions(request) -> dict:
    """Which of claim / release / work on the task the user may do now."""
    activation, user = request.activation, request.user
    node, task = activation.flow_task, activation.task
    return {
        "execute": task.status == STATUS.ASSIGNED and node.can_execute(user, task),
        "assign": activation.assign.can_proceed() and node.can_assign(user, task),
        # STARTED: the execute page itself, where the task is still the user's to release.
        "unassign": task.status in (STATUS.ASSIGNED, STATUS.STARTED)
        and node.can_unassign(user, task),
    }


def explain_denial(node, view):
    """Turn viewflow's PermissionDenied on a task URL into the task's detail page with the reason.

    Staff who may see the process learn why (wrong role, duty conflict, done, someone else's);
    anyone else still gets the 403.
    """

    @wraps(view)
    def guarded(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except FlowLockFailed:
            # Another action on the application held it too long (workflow.locking).
            messages.error(request, FlowBusy().message)
            return redirect(request.get_full_path())
        except PermissionDenied:
            task = node.flow_class.task_class.objects.filter(pk=kwargs.get("task_pk")).first()
            if task is None or task.process_id != kwargs.get("process_pk"):
                raise
            if not node.can_view(request.user, task):
                raise
            reason = why_not(task, request.user)
            if reason is None and task.status == STATUS.NEW:
                reason = _(
                    "このタスクはまだ誰も担当していません。先に「担当する」を押してください。"
                )
            messages.error(request, reason or _("この操作はできません。"))
            return redirect(task_url(task, "detail"))

    return guarded


class TaskContextMixin:
    """The application panel and the task's state for every page of a staff task."""

    def get_context_data(self, **kwargs):
        activation = self.request.activation
        task = activation.task
        application = activation.process.application
        return super().get_context_data(
            application=application,
            task=task,
            node=activation.flow_task,
            panel=task_panel(application),
            denial=why_not(task, self.request.user),
            actions=task_actions(self.request),
            urls={
                name: task_url(task, name) for name in ("execute", "assign", "unassign", "detail")
            },
            process_url=process_url(task),
            **kwargs,
        )


class TaskIndexView(RedirectView):
    """The link in the task lists: work on it, claim it, or read it."""

    def get_redirect_url(self, *args, **kwargs):
        actions = task_actions(self.request)
        task = self.request.activation.task
        if actions["execute"]:
            return task_url(task, "execute")
        if actions["assign"]:
            return task_url(task, "assign")
        return task_url(task, "detail")


class TaskDetailView(TaskContextMixin, DetailTaskView):
    template_name = "workflow/staff/task_detail.html"


class TaskAssignView(TaskContextMixin, AssignTaskView):
    """担当する: the whole application to read first, then one button to claim it."""

    template_name = "workflow/staff/task_assign.html"

    def get_success_message(self, cleaned_data):
        return _("担当しました。内容を確認して判断してください。")

    def get_success_url(self):
        return task_url(self.request.activation.task, "execute")


class TaskUnassignView(TaskContextMixin, UnassignTaskView):
    """担当を外す: the task goes back to the queue for a colleague of the same role."""

    template_name = "workflow/staff/task_unassign.html"

    def get_success_message(self, cleaned_data):
        return _("担当を外しました。タスクはキューに戻りました。")


class TaskDecisionView(TaskContextMixin, mixins.TaskSuccessUrlMixin, FormView):
    """The execute page: decide with a button, confirm, then the service and the flow run."""

    form_class = DecisionForm
    template_name = "workflow/task.html"
    confirm_template_name = "workflow/task_confirm.html"

    @property
    def application(self):
        return self.request.activation.process.application

    @property
    def step(self) -> str:
        return self.request.activation.flow_task.step

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "step": self.step}

    @cached_property
    def intake_form(self) -> IntakeChecklistForm | None:
        """受付チェックリスト: a form of its own beside the decision form (intake only)."""
        if self.step != Step.INTAKE:
            return None
        data = self.request.POST if self.request.method == "POST" else None
        return IntakeChecklistForm(data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intake_form"] = self.intake_form
        if self.intake_form is not None:
            context["intake_gaps"] = intake_gaps(self.application)
        if self.step == Step.DECISION:
            # The reviewer's opinion beside the decision, to quote into the reasons.
            context["review_to_quote"] = context["panel"].latest_review
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        intake_valid = self.intake_form is None or self.intake_form.is_valid()
        if not (form.is_valid() and intake_valid):
            return self.form_invalid(form)
        if "confirm" in request.POST:
            return self.form_valid(form)
        context = self.get_context_data(form=form)
        if "back" in request.POST:
            return self.render_to_response(context)
        return TemplateResponse(request, self.confirm_template_name, context)

    def form_valid(self, form):
        try:
            decision_apply(
                application=self.application,
                step=self.step,
                actor=self.request.user,
                decision=form.cleaned_data["decision"],
                comment=form.cleaned_data["comment"],
                memo=form.cleaned_data["memo"],
                checklist=form.checklist(),
                **form.correction(),
            )
        except ApplicationError as error:
            messages.error(self.request, error.message)
            return self.form_invalid(form)
        if self.intake_form is not None:
            # In the transaction of the decision (the task view runs under the flow's lock).
            intake_check_record(
                application=self.application,
                clerk=self.request.user,
                decision=form.cleaned_data["decision"],
                ticked=self.intake_form.ticked(),
            )
        self.request.activation.execute()
        messages.success(self.request, self.success_message(form))
        return redirect(self.get_success_url())

    def success_message(self, form):
        return _("%(ref)s: %(task)s「%(decision)s」を記録しました。") % {
            "ref": self.application.reference,
            "task": self.request.activation.flow_task.task_title,
            "decision": form.decision_label(),
        }


class ReviewView(TaskDecisionView):
    """審査: the decision form with the reviewer's checklist."""

    form_class = ReviewForm


class CorrectionView(RedirectView):
    """Applicants correct on their own portal, never on viewflow's pages."""

    def get_redirect_url(self, *args, **kwargs):
        application = self.request.activation.process.application
        return f"/portal/applications/{application.pk}/"
