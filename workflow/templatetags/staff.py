"""Template helpers of the staff pages: a task's state and its links in words."""

from django import template

from workflow import presenters
from workflow.constants import TASK_STATE_LABELS

register = template.Library()


@register.filter
def task_state(task) -> str:
    return TASK_STATE_LABELS.get(task.status, task.status)


@register.filter
def task_link(task) -> str:
    """The task's index page: it sends the user to the page they may use."""
    return task.flow_task.reverse("index", args=[task.process_id, task.pk])


@register.filter
def task_application(task):
    return task.process.applicationprocess.application


@register.filter
def elapsed_days(since):
    """経過日数 of a list row (workflow.presenters.elapsed_days)."""
    return presenters.elapsed_days(since)


@register.filter
def task_url(task, name: str) -> str:
    """One of the task's pages by name (assign, execute, detail)."""
    return task.flow_task.reverse(name, args=[task.process_id, task.pk])
