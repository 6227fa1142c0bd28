"""Staff task pages (受付・審査・決裁) run inside viewflow's frontend.

A page shows what the clerk needs to decide; on a valid form it calls the approvals service
for the decision, then completes the task (`activation.execute()`), then redirects.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import FormView, RedirectView
from viewflow.workflow.flow.views import mixins

from approvals import selectors
from approvals.constants import Step
from approvals.errors import ApplicationError
from workflow.decisions import apply_decision
from workflow.forms import DecisionForm, ReviewForm


class TaskDecisionView(mixins.TaskSuccessUrlMixin, FormView):
    step = None
    form_class = DecisionForm
    template_name = "workflow/task.html"

    @property
    def application(self):
        return self.request.activation.process.application

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "step": self.step}

    def get_context_data(self, **kwargs):
        application = self.application
        return super().get_context_data(
            application=application,
            activation=self.request.activation,
            step=self.step,
            check=selectors.check_result_data(selectors.application_check(application)),
            history=application.history.select_related("actor"),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            apply_decision(
                application=self.application,
                step=self.step,
                actor=self.request.user,
                decision=form.cleaned_data["decision"],
                comment=form.cleaned_data["comment"],
                checklist=form.checklist() if hasattr(form, "checklist") else None,
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        self.request.activation.execute()
        messages.success(self.request, self.success_message())
        return redirect(self.get_success_url())

    def success_message(self):
        return f"{self.application.reference}: {self.request.activation.flow_task}"


class IntakeView(TaskDecisionView):
    step = Step.INTAKE


class ReviewView(TaskDecisionView):
    step = Step.REVIEW
    form_class = ReviewForm


class DecideView(TaskDecisionView):
    step = Step.DECISION


class CorrectionView(RedirectView):
    """Applicants correct on their own portal, never on viewflow's pages."""

    def get_redirect_url(self, *args, **kwargs):
        application = self.request.activation.process.application
        return f"/portal/applications/{application.pk}/"
