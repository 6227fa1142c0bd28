"""Flow actions from code: submission starts the process, resubmission completes the correction
task, staff decisions complete their task, withdrawal cancels the process.

Every action takes the application's row lock first, then the process's (workflow.locking,
which viewflow's own task pages use too): two actions on one application queue instead of
deadlocking or failing, and each decides on what it reads under the lock. The domain change and
the flow change commit together or not at all. Code paths here complete tasks outside
viewflow's views, so they check role permission and separation of duties themselves.
"""

from functools import wraps

from django.db import transaction
from django.utils.translation import gettext as _
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.status import PROCESS, STATUS

from approvals import selectors as approvals_selectors
from approvals import services as approvals_services
from approvals.change import open_change
from approvals.constants import Decision, Status, Step
from approvals.errors import SubmissionBlocked
from approvals.models import Application
from approvals.transitions import decision_apply
from documents import selectors as documents_selectors
from documents import services as documents_services
from workflow import access
from workflow.constants import OPEN_TASK_STATES
from workflow.errors import FlowBusy, TaskForbidden, TaskNotOpen
from workflow.flows import ApplicationFlow, node_of, step_of
from workflow.models import ApplicationProcess


def _busy_as_conflict(action):
    """viewflow's lock failure becomes FlowBusy, a conflict the caller may retry."""

    @wraps(action)
    def guarded(*args, **kwargs):
        try:
            return action(*args, **kwargs)
        except FlowLockFailed as error:
            raise FlowBusy from error

    return guarded


def _check_may_act(task, user) -> None:
    """403 unless the user's role may take this task and no duty conflict forbids it."""
    reason = access.forbidden(task, user)
    if reason:
        raise TaskForbidden(reason)


def _not_open(task, user) -> TaskNotOpen:
    return TaskNotOpen(access.not_open(task, user) or _("このタスクはすでに終了しています。"), task)


@_busy_as_conflict
def task_claim(*, task, user):
    """Take an open task into the user's inbox (409 if someone else holds it)."""
    _check_may_act(task, user)
    with task.activation() as activation:
        task = activation.task
        if task.status == STATUS.ASSIGNED and task.owner_id == user.pk:
            return task
        if task.status != STATUS.NEW:
            raise _not_open(task, user)
        activation.assign(user)
        return task


@_busy_as_conflict
def task_complete(
    *,
    task,
    user,
    decision,
    comment="",
    memo="",
    checklist=None,
    sections=(),
    due_on=None,
    acknowledge_failures=False,
):
    """Complete a task with a decision; the first of two simultaneous completions wins.

    `comment` is what the applicant reads, `memo` stays inside the prefecture; `sections` and
    `due_on` belong to a correction request (approvals.transitions.decision_apply)."""
    _check_may_act(task, user)
    with task.activation() as activation:
        task = activation.task
        if access.not_open(task, user):
            raise _not_open(task, user)
        if task.status == STATUS.NEW:
            activation.assign(user)
        elif task.owner_id != user.pk:  # another member of the company corrects
            activation.reassign(user)
        activation.start(None)
        decision_apply(
            application=task.process.applicationprocess.application,
            step=step_of(task),
            decision=decision,
            actor=user,
            comment=comment,
            memo=memo,
            checklist=checklist,
            sections=sections,
            due_on=due_on,
            acknowledge_failures=acknowledge_failures,
        )
        activation.execute()
        return task


def open_task(application, step: str):
    """The open task of `step` for this application, or None."""
    tasks = ApplicationFlow.task_class.objects.filter(
        process__applicationprocess__application=application,
        flow_task=node_of(step),
        status__in=OPEN_TASK_STATES,
    )
    return tasks.select_related("process", "owner").first()


@_busy_as_conflict
@transaction.atomic
def application_submit(
    *, application: Application, actor, acknowledge_failures: bool, reply: str = ""
):
    """Submit a draft (starts the flow) or resubmit after 補正 (completes the correction, with
    the applicant's reply to the request, `reply`).

    The required attachments are checked with everything else, and the attachments go into
    the version: frozen in the same transaction, so they can no longer be deleted.
    """
    # Decide on the stored status, under the lock a withdrawal or a deletion also takes.
    application = approvals_services.application_lock(application)
    _check_attachments(application)
    if application.status == Status.RETURNED:
        task = open_task(application, Step.CORRECTION)
        if task is not None:
            task_complete(
                task=task,
                user=actor,
                decision=Decision.RESUBMIT,
                comment=reply,
                acknowledge_failures=acknowledge_failures,
            )
            return _freeze_attachments(Application.objects.get(pk=application.pk))
    application = approvals_services.application_submit(
        application=application, actor=actor, acknowledge_failures=acknowledge_failures
    )
    _freeze_attachments(application)
    if not _active_processes(application).exists():
        ApplicationFlow.start.run(application=application)
    return application


def _check_attachments(application: Application) -> None:
    """Blocked with every reason, the plan's and the attachments', when attachments are missing
    (without attachments missing, the approvals service gives the plan's reasons itself)."""
    missing = documents_selectors.missing_attachments(application)
    if missing:
        result = approvals_selectors.application_check(application)
        reasons = approvals_selectors.submission_blockers(application, result)
        raise SubmissionBlocked(_("提出できません。"), [*reasons, *missing])


def _freeze_attachments(application: Application) -> Application:
    # The application row is locked by now, and deleting an attachment takes the same lock:
    # checking again here means no attachment can have gone between the check and the freeze.
    missing = documents_selectors.missing_attachments(application)
    if missing:
        raise SubmissionBlocked(_("提出できません。"), missing)
    documents_services.attachments_freeze(application=application, version=application.version)
    # The form of this version is made in the background, ready before anyone downloads it.
    documents_services.form_enqueue(application.pk, application.version)
    return application


@_busy_as_conflict
@transaction.atomic
def application_withdraw(*, application: Application, actor, comment: str = ""):
    """Withdraw (the application's row locked first) and cancel every process still open,
    listed under that lock: a submission that committed just before is cancelled too."""
    application = approvals_services.application_withdraw(
        application=application, actor=actor, comment=comment
    )
    for process in _active_processes(application):
        ApplicationFlow.instance.cancel(process)
    return application


def _active_processes(application):
    return ApplicationProcess.objects.filter(application=application).exclude(
        status__in=[PROCESS.DONE, PROCESS.CANCELED]
    )


def change_withdraw_on_plan_end(sender, application, status, actor=None, **kwargs):
    """Receiver of approvals.ending.plan_ended: a change of a plan that has ended can no longer
    be approved, so a change draft or a change in the procedure is withdrawn with it, its
    process cancelled (no task stays open on it), in the ending's transaction."""
    change = open_change(application)
    if change is None:
        return
    comment = _(
        "変更する計画が「%(status)s」となったため、この変更承認申請は取り下げられました。"
    ) % {"status": Status(status).label}
    if change.status == Status.DRAFT:
        approvals_services.application_withdraw(
            application=change, actor=actor, comment=comment, statuses={Status.DRAFT}
        )
    else:
        application_withdraw(application=change, actor=actor, comment=comment)
