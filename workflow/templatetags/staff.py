"""Template helpers of the staff pages: a task's state and its links in words."""

from django import template
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.status import STATUS

register = template.Library()

TASK_STATES = {
    STATUS.NEW: _("未担当"),
    STATUS.ASSIGNED: _("担当中"),
    STATUS.STARTED: _("処理中"),
    STATUS.DONE: _("完了"),
    STATUS.CANCELED: _("取消"),
    STATUS.ERROR: _("エラー"),
}


@register.filter
def task_state(task) -> str:
    return TASK_STATES.get(task.status, task.status)


@register.filter
def task_link(task) -> str:
    """The task's index page: it sends the user to the page they may use."""
    return task.flow_task.reverse("index", args=[task.process_id, task.pk])


@register.filter
def task_application(task):
    return task.process.applicationprocess.application
