"""The approval procedure of a 経営革新計画 as a viewflow flow (DESIGN.md § Flow).

Submission starts it from code; intake (受付) accepts or returns for correction (補正), the
applicant corrects and resubmits, review (審査) recommends or returns, the decision (決裁)
approves, refuses or sends back to review. Routing asks the application's status, which the
`approvals.transitions` services set; withdrawal cancels the process.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from approvals import notifications
from approvals.constants import Status, Step
from approvals.models import Application
from documents import services as documents_services
from workflow import views
from workflow.locking import application_first_lock
from workflow.models import ApplicationProcess
from workflow.nodes import ApplicantTask, StaffTask
from workflow.permissions import CAN_DECIDE, CAN_INTAKE, CAN_REVIEW


class ApplicationFlow(flow.Flow):
    process_class = ApplicationProcess
    lock_impl = staticmethod(application_first_lock)
    process_title = _("経営革新計画の承認")
    process_description = _("受付・審査・決裁")

    start = flow.StartHandle(this.start_process).Next(this.intake)

    intake = (
        StaffTask(views.TaskDecisionView.as_view(), step=Step.INTAKE)
        .Annotation(title=_("受付"), description=_("書類の確認と受付または補正依頼"))
        .Permission(CAN_INTAKE)
        .Next(this.after_intake)
    )
    after_intake = (
        flow.If(this.is_returned)
        .Then(this.correction)
        .Else(this.review)
        .Annotation(title=_("受付結果"))
    )

    correction = (
        ApplicantTask(views.CorrectionView.as_view(), step=Step.CORRECTION)
        .Annotation(title=_("補正"), description=_("申請者が修正して再提出します"))
        .Assign(this.applicant_of)
        .Next(this.intake)
    )

    review = (
        StaffTask(views.ReviewView.as_view(), step=Step.REVIEW)
        .Annotation(title=_("審査"), description=_("基準・新規性・実現可能性の審査と意見"))
        .Permission(CAN_REVIEW)
        .Next(this.after_review)
    )
    after_review = (
        flow.If(this.is_returned)
        .Then(this.correction)
        .Else(this.decide)
        .Annotation(title=_("審査結果"))
    )

    decide = (
        StaffTask(views.TaskDecisionView.as_view(), step=Step.DECISION)
        .Annotation(title=_("決裁"), description=_("承認・不承認の決定または審査への差戻し"))
        .Permission(CAN_DECIDE)
        .Next(this.after_decision)
    )
    after_decision = (
        flow.Switch()
        .Case(this.issue_notice, this.is_approved)
        .Case(this.issue_refusal_notice, this.is_refused)
        .Default(this.review)
        .Annotation(title=_("決裁結果"))
    )

    issue_notice = (
        flow.Function(this.record_notice).Annotation(title=_("承認通知")).Next(this.approved)
    )
    issue_refusal_notice = (
        flow.Function(this.record_notice).Annotation(title=_("不承認通知")).Next(this.refused)
    )

    approved = flow.End().Annotation(title=_("承認"))
    refused = flow.End().Annotation(title=_("不承認"))

    def has_manage_permission(self, user, obj=None):
        """Nobody manages the flow by hand: viewflow's undo, cancel and revive would move tasks
        without the approvals services, leaving the application's status behind. Withdrawal
        (the applicant's) cancels a process through `workflow.services`."""
        return False

    def start_process(self, activation, application):
        activation.process.application = application
        return activation.process

    def applicant_of(self, activation):
        return activation.process.application.created_by

    def _status(self, activation) -> str:
        # Read the status afresh: the approvals service changed it on its own locked copy.
        return Application.objects.values_list("status", flat=True).get(
            pk=activation.process.application_id
        )

    def is_returned(self, activation):
        return self._status(activation) == Status.RETURNED

    def is_approved(self, activation):
        return self._status(activation) == Status.APPROVED

    def is_refused(self, activation):
        return self._status(activation) == Status.REFUSED

    def record_notice(self, activation):
        """The notice step: the decision e-mail is queued by the decision service; the PDF
        notice is a background task enqueued in this transaction, run by a worker once the
        decision has committed — outside the flow lock, never undoing the decision if it fails
        (documents.tasks)."""
        application_id = activation.process.application_id
        notifications.logger.info("decision of application %s ready for its notice", application_id)
        documents_services.notice_enqueue(application_id)


def step_of(task) -> str:
    """The step of the procedure (approvals.constants.Step) a task of this flow belongs to."""
    return task.flow_task.step


def node_of(step: str):
    """The task node of a step: each node declares its own step."""
    return next(
        node for node in ApplicationFlow.instance.nodes() if getattr(node, "step", None) == step
    )
