"""The workload of the procedure against the standard processing period (issue 17, DOMAIN.md
§11): every open task of the flow with its application's clock, counted per step, and the
tasks each member of staff should hear about (the reminder e-mail).

The clock is computed in Python from the calendar and the history (approvals.processing), so
the open tasks are read whole — one query for the tasks with their applications, companies and
owners, two for what the clock reads, two for the authority's settings — and counted, sorted
and paged here: a fixed number of queries however many applications there are.
"""

import statistics
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from approvals import processing
from approvals.constants import STAFF_STEPS, Step
from workflow.constants import OPEN_TASK_STATES
from workflow.flows import ApplicationFlow, node_of
from workflow.lists import STEP_STATUS
from workflow.selectors import APPLICATION

# The steps of the flow where a case can wait, in the order of the procedure.
WORKLOAD_STEPS = (Step.INTAKE, Step.CORRECTION, Step.REVIEW, Step.DECISION)
STEP_LABELS = {
    Step.INTAKE: _("受付"),
    Step.CORRECTION: _("補正待ち"),
    Step.REVIEW: _("審査"),
    Step.DECISION: _("決裁"),
}
RELATED = ("process__applicationprocess__application__company", "owner")


@dataclass(frozen=True)
class StepLoad:
    """One step's open cases: how many, how many past their due date, and the median of the
    working days their clocks have counted (None without a case)."""

    step: str
    label: str
    open: int
    overdue: int
    median_elapsed: float | None


def open_tasks(steps=WORKLOAD_STEPS) -> QuerySet:
    """The open tasks of those steps, with what a row of the workload shows. Only of
    applications still in the procedure: a task left open on a decided or withdrawn one (what
    `check_consistency` reports) is nobody's work."""
    return ApplicationFlow.task_class.objects.filter(
        process__flow_class=ApplicationFlow,
        flow_task__in=[node_of(step) for step in steps],
        status__in=OPEN_TASK_STATES,
        **{f"{APPLICATION}__status__in": list(STEP_STATUS.values())},
    ).select_related(*RELATED)


def step_of(task) -> str:
    return task.flow_task.step


def application_of(task):
    return task.process.applicationprocess.application


def with_clocks(tasks, cache: dict | None = None) -> list:
    """The tasks as a list, each with `clock` (its application's ProcessingClock, or None):
    two queries for the clocks' inputs, two for the settings (kept in `cache`)."""
    tasks = list(tasks)
    cache = {} if cache is None else cache
    applications = [application_of(task) for task in tasks]
    processing.attach_clock_inputs(applications)
    for task, application in zip(tasks, applications, strict=True):
        task.clock = processing.clock_of(application, cache)
    return tasks


def _sort_key(task):
    clock = task.clock
    return (clock.arrived_at if clock else task.created, task.created, task.pk)


def oldest_first(tasks) -> list:
    """By the application's arrival (受付日), the longest-waiting case first."""
    return sorted(tasks, key=_sort_key)


def step_loads(tasks) -> list[StepLoad]:
    """Per step of WORKLOAD_STEPS, in that order (a step without a case shows zeros)."""
    by_step = {step: [] for step in WORKLOAD_STEPS}
    for task in tasks:
        if step_of(task) in by_step:
            by_step[step_of(task)].append(task)
    return [_load(step, STEP_LABELS[step], rows) for step, rows in by_step.items()]


def total_load(tasks) -> StepLoad:
    return _load("", _("合計"), [t for t in tasks if step_of(t) in WORKLOAD_STEPS])


def _load(step: str, label, tasks) -> StepLoad:
    clocks = [t.clock for t in tasks if t.clock is not None]
    elapsed = [c.working_days_elapsed for c in clocks]
    return StepLoad(
        step=step,
        label=str(label),
        open=len(tasks),
        overdue=sum(c.overdue for c in clocks),
        median_elapsed=statistics.median(elapsed) if elapsed else None,
    )


def due_soon(clock, within: int) -> bool:
    """Overdue, or due within `within` working days (0: due today), on the clock's today.
    A case waiting for its correction (clock stopped) is never due."""
    if clock is None or clock.due_on is None or clock.ended_on is not None:
        return False
    return clock.overdue or clock.working_days_left <= within


def staff_tasks_due(within: int, cache: dict | None = None) -> list:
    """The open staff tasks (受付・審査・決裁) overdue or due within `within` working days,
    each with its clock, oldest first."""
    tasks = with_clocks(open_tasks(STAFF_STEPS), cache)
    return oldest_first(t for t in tasks if due_soon(t.clock, within))
