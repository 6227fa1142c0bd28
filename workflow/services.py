"""Flow actions from code: submission starts the process, resubmission completes the correction
task, staff decisions complete their task, withdrawal cancels the process.

Every action takes the process lock first (select_for_update on the process row), then the
application row inside the approvals service — always in that order, so two actions on one
application queue instead of deadlocking. The domain change and the flow change commit
together or not at all. Code paths here complete tasks outside viewflow's views, so they check
role permission and separation of duties themselves.
"""

from functools import wraps

from django.db import transaction
from django.utils.translation import gettext as _
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.status import PROCESS, STATUS

from approvals import selectors as approvals_selectors
from approvals import services as approvals_services
from approvals.constants import Status, Step
from approvals.duties import duty_conflict
from approvals.errors import SubmissionBlocked
from approvals.models import Application
from documents.attachments import selectors as attachment_selectors
from documents.attachments.services import attachments_freeze
from workflow.decisions import STEP_OF_NODE, apply_decision, step_of
from workflow.errors import FlowBusy, TaskForbidden, TaskNotOpen
from workflow.flows import ApplicationFlow
from workflow.models import ApplicationProcess

OPEN = (STATUS.NEW, STATUS.ASSIGNED)


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
    node = task.flow_task
    application = task.process.applicationprocess.application
    if step_of(task) == Step.CORRECTION:
        if not application.company.members.filter(pk=user.pk).exists():
            raise TaskForbidden(_("この補正は申請者本人が行います。"))
        return
    permission = node._owner_permission
    if not (user.is_active and user.has_perm(permission)):
        raise TaskForbidden(_("この手続を行う権限がありません。"))
    conflict = duty_conflict(application=application, user=user, step=step_of(task))
    if conflict:
        raise TaskForbidden(conflict)


def _not_open(task) -> TaskNotOpen:
    if task.status in OPEN:
        who = task.owner.display_name or task.owner.username
        return TaskNotOpen(_("このタスクは%(who)sさんが担当しています。") % {"who": who}, task)
    if task.owner and task.finished:
        when = task.finished.astimezone().strftime("%Y-%m-%d %H:%M")
        who = task.owner.display_name or task.owner.username
        return TaskNotOpen(
            _("このタスクは%(who)sさんが%(when)sに処理済みです。") % {"who": who, "when": when},
            task,
        )
    return TaskNotOpen(_("このタスクはすでに終了しています。"), task)


@_busy_as_conflict
def task_claim(*, task, user):
    """Take an open task into the user's inbox (409 if someone else holds it)."""
    _check_may_act(task, user)
    with task.activation() as activation:
        task = activation.task
        if task.status == STATUS.ASSIGNED and task.owner_id == user.pk:
            return task
        if task.status != STATUS.NEW:
            raise _not_open(task)
        activation.assign(user)
        return task


@_busy_as_conflict
def task_complete(*, task, user, decision, comment="", checklist=None, **extra):
    """Complete a task with a decision; the first of two simultaneous completions wins."""
    _check_may_act(task, user)
    with task.activation() as activation:
        task = activation.task
        if task.status not in OPEN or (
            task.status == STATUS.ASSIGNED
            and task.owner_id != user.pk
            and step_of(task) != Step.CORRECTION
        ):
            raise _not_open(task)
        if task.status == STATUS.NEW:
            activation.assign(user)
        elif task.owner_id != user.pk:  # another member of the company corrects
            activation.reassign(user)
        activation.start(None)
        apply_decision(
            application=task.process.applicationprocess.application,
            step=step_of(task),
            decision=decision,
            actor=user,
            comment=comment,
            checklist=checklist,
            **extra,
        )
        activation.execute()
        return task


def open_task(application, step: str):
    """The open task of `step` for this application, or None."""
    node = {v: k for k, v in STEP_OF_NODE.items()}[step]
    tasks = ApplicationFlow.task_class.objects.filter(
        process__applicationprocess__application=application,
        flow_task=getattr(ApplicationFlow, node),
        status__in=OPEN,
    )
    return tasks.select_related("process", "owner").first()


@_busy_as_conflict
@transaction.atomic
def application_submit(*, application: Application, actor, acknowledge_failures: bool):
    """Submit a draft (starts the flow) or resubmit after 補正 (completes the correction).

    The required attachments are checked with everything else, and the attachments go into
    the version: frozen in the same transaction, so they can no longer be deleted.
    """
    # Decide on the stored status, never on a caller's possibly stale copy.
    application = Application.objects.get(pk=application.pk)
    _check_attachments(application)
    if application.status == Status.RETURNED:
        task = open_task(application, Step.CORRECTION)
        if task is not None:
            task_complete(
                task=task,
                user=actor,
                decision="resubmit",
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
    missing = attachment_selectors.missing_attachments(application)
    if missing:
        result = approvals_selectors.application_check(application)
        reasons = approvals_selectors.submission_blockers(application, result)
        raise SubmissionBlocked(_("提出できません。"), [*reasons, *missing])


def _freeze_attachments(application: Application) -> Application:
    # The application row is locked by now, and deleting an attachment takes the same lock:
    # checking again here means no attachment can have gone between the check and the freeze.
    missing = attachment_selectors.missing_attachments(application)
    if missing:
        raise SubmissionBlocked(_("提出できません。"), missing)
    attachments_freeze(application=application, version=application.version)
    return application


@_busy_as_conflict
@transaction.atomic
def application_withdraw(*, application: Application, actor, comment: str = ""):
    processes = list(_active_processes(application))
    for process in processes:
        # Process lock first, as every task action does, then the application row.
        with ApplicationFlow.lock(process.pk):
            pass
    application = approvals_services.application_withdraw(
        application=application, actor=actor, comment=comment
    )
    for process in processes:
        ApplicationFlow.instance.cancel(process)
    return application


def _active_processes(application):
    return ApplicationProcess.objects.filter(application=application).exclude(
        status__in=[PROCESS.DONE, PROCESS.CANCELED]
    )
