"""Which tasks of the approval flow a user sees, and which they may try to act on.

A user sees only tasks they may act on or have finished: staff the open tasks of the steps
their role may take (less those a separation of duties forbids: their own company's, or the
decision on an application they reviewed), applicants the open correction tasks of their own
company's applications, and everyone the tasks they hold or finished.

Actions (claim, complete) look a task up more widely, among the tasks of every application the
user may see, so that the service can answer why not (403 or 409) instead of a bare 404.
"""

from django.db.models import F, Q, QuerySet
from viewflow.workflow.status import STATUS

from approvals import selectors as approvals_selectors
from approvals.constants import Step
from approvals.models import Application, Review
from workflow.decisions import DECISIONS, STEP_OF_NODE
from workflow.flows import ApplicationFlow

OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)
FINISHED = (STATUS.DONE, STATUS.CANCELED)
# The task statuses the API knows; viewflow's others (ERROR, SCHEDULED…) never reach a client.
API_STATUS = {
    STATUS.NEW: "new",
    STATUS.ASSIGNED: "assigned",
    STATUS.STARTED: "assigned",  # only ever inside the completing transaction
    STATUS.DONE: "done",
    STATUS.CANCELED: "cancelled",
}
TASK_STATUSES = ("new", "assigned", "done", "cancelled")
TASK_STEPS = tuple(step.value for step in DECISIONS)
DECISION_CODES = sorted({d for decisions in DECISIONS.values() for d in decisions})
NODES = {step: getattr(ApplicationFlow, node) for node, step in STEP_OF_NODE.items()}
STAFF_STEPS = (Step.INTAKE, Step.REVIEW, Step.DECISION)
ORDERING = {"open": ("created", "id"), "done": ("-finished", "-id"), "all": ("-created", "-id")}


def _tasks() -> QuerySet:
    return (
        ApplicationFlow.task_class.objects.filter(
            flow_task__in=list(NODES.values()), status__in=list(API_STATUS)
        )
        .annotate(application_id=F("process__applicationprocess__application"))
        .select_related("owner", "process__applicationprocess__application")
    )


def _queue(user) -> Q:
    """Open tasks not yet held that the user may take."""
    own_company = Application.objects.filter(company__members=user).values("pk")
    reviewed = Review.objects.filter(reviewer=user).values("application_id")
    nodes = [NODES[s] for s in STAFF_STEPS if user.has_perm(NODES[s]._owner_permission)]
    queue = Q(status=STATUS.NEW, flow_task__in=nodes) & ~Q(application_id__in=own_company)
    queue &= ~Q(flow_task=NODES[Step.DECISION], application_id__in=reviewed)
    # Any member of the company may correct, even when the task went to a colleague.
    correction = Q(
        flow_task=NODES[Step.CORRECTION], status__in=OPEN, application_id__in=own_company
    )
    return (queue if nodes else Q(pk__in=[])) | correction


def tasks_for_user(user, *, status: str = "open") -> QuerySet:
    """The user's tasks: `open` (may act on now), `done` (finished by them) or `all`."""
    if not (user.is_authenticated and user.is_active):
        return _tasks().none()
    held = Q(owner=user, status__in=OPEN)
    finished = Q(owner=user, status__in=FINISHED)
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
