"""Which tasks of the approval flow a user sees, and which they may take.

A user sees only tasks they may act on or have finished: staff the open tasks of the steps
their role may take, less those a separation of duties bars them from (approvals.duties:
their own company's, or the decision on an application they reviewed); applicants the open
correction tasks of their own company's applications (and a support body's user those of the
firms that let it answer a 補正); and everyone the tasks they hold or
finished. The staff site's queue and inbox and the API's task list are these same querysets.

Actions (claim, complete) look a task up more widely, among the tasks of every application the
user may see, so that the service can answer why not (403 or 409) instead of a bare 404.
"""

from django.db.models import Count, F, Q, QuerySet
from viewflow.workflow.status import STATUS

from approvals import selectors as approvals_selectors
from approvals.constants import STAFF_STEPS, STEP_DECISIONS, DelegationScope, Step
from approvals.duties import barred_sets
from approvals.models import Application
from approvals.support import access as support_access
from workflow.constants import API_TASK_STATUS, FINISHED_TASK_STATES, OPEN_TASK_STATES
from workflow.flows import ApplicationFlow, node_of
from workflow.permissions import may_take

ORDERING = {"open": ("created", "id"), "done": ("-finished", "-id"), "all": ("-created", "-id")}
APPLICATION = "process__applicationprocess__application"


def _may_take(user) -> list[str]:
    """The staff steps the user's role may take."""
    return [s for s in STAFF_STEPS if may_take(user, node_of(s)._owner_permission)]


def not_barred(user, steps=STAFF_STEPS) -> Q:
    """Tasks of those steps that no separation of duties bars the user from."""
    allowed = Q()
    for step in steps:
        for barred in barred_sets(user, step=step):
            allowed &= ~Q(flow_task=node_of(step), **{f"{APPLICATION}__in": barred})
    return allowed


def queue_for(user) -> QuerySet:
    """The staff site's queue: tasks nobody holds yet that the user may take."""
    steps = _may_take(user)
    tasks = ApplicationFlow.task_class.objects.user_queue(user, flow_class=ApplicationFlow)
    return tasks.filter(
        Q(status=STATUS.NEW, flow_task__in=[node_of(s) for s in steps]) & not_barred(user, steps)
    )


def inbox_for(user) -> QuerySet:
    return ApplicationFlow.task_class.objects.filter(
        process__flow_class=ApplicationFlow, owner=user, status=STATUS.ASSIGNED
    )


def _tasks() -> QuerySet:
    nodes = [node_of(step) for step in STEP_DECISIONS]
    return (
        ApplicationFlow.task_class.objects.filter(
            flow_task__in=nodes, status__in=list(API_TASK_STATUS)
        )
        .annotate(application_id=F(APPLICATION))
        .select_related("owner", APPLICATION)
    )


def _queue(user) -> Q:
    """Open tasks not yet held that the user may take."""
    steps = _may_take(user)
    queue = Q(status=STATUS.NEW, flow_task__in=[node_of(s) for s in steps]) & not_barred(
        user, steps
    )
    # Any member of the company may correct, even when the task went to a colleague, and so
    # may a support body's user the company let answer a 補正 (`correct`).
    own_company = Application.objects.filter(company__members=user).values("pk")
    delegated = Application.objects.filter(
        company_id__in=support_access.delegations_of(user, DelegationScope.CORRECT).values(
            "company_id"
        )
    ).values("pk")
    correction = Q(
        flow_task=node_of(Step.CORRECTION),
        status__in=OPEN_TASK_STATES,
    ) & (Q(application_id__in=own_company) | Q(application_id__in=delegated))
    return (queue if steps else Q(pk__in=[])) | correction


def tasks_for_user(user, *, status: str = "open") -> QuerySet:
    """The user's tasks: `open` (may act on now), `done` (finished by them) or `all`."""
    if not (user.is_authenticated and user.is_active):
        return _tasks().none()
    held = Q(owner=user, status__in=OPEN_TASK_STATES)
    finished = Q(owner=user, status__in=FINISHED_TASK_STATES)
    scope = {
        "open": held | _queue(user),
        "done": finished,
        "all": held | _queue(user) | finished,
    }[status]
    return _tasks().filter(scope).order_by(*ORDERING[status])


def actionable_tasks(user) -> QuerySet:
    """Tasks of the applications the user may see: whether they may act is the service's say."""
    applications = approvals_selectors.applications_for_user(user).values("pk")
    return _tasks().filter(application_id__in=applications)


def active_task_counts(process_ids) -> dict[int, int]:
    """{process id: its unfinished tasks} for those processes (what viewflow's list shows)."""
    rows = (
        ApplicationFlow.task_class.objects.filter(process_id__in=process_ids, finished__isnull=True)
        .values("process_id")
        .annotate(n=Count("*"))
        .order_by()
    )
    return {row["process_id"]: row["n"] for row in rows}
