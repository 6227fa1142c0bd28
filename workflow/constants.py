"""Codes of the flow: which viewflow task states count as open or finished, and their words."""

from django.utils.translation import gettext_lazy as _
from viewflow.workflow.status import STATUS

# Not finished: waiting for someone, held by someone, or being completed (STARTED exists only
# inside the transaction that completes the task).
OPEN_TASK_STATES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)
FINISHED_TASK_STATES = (STATUS.DONE, STATUS.CANCELED)

TASK_STATE_LABELS = {
    STATUS.NEW: _("未担当"),
    STATUS.ASSIGNED: _("担当中"),
    STATUS.STARTED: _("処理中"),
    STATUS.DONE: _("完了"),
    STATUS.CANCELED: _("取消"),
    STATUS.ERROR: _("エラー"),
}

# The task statuses the API knows; viewflow's others (ERROR, SCHEDULED…) never reach a client.
API_TASK_STATUS = {
    STATUS.NEW: "new",
    STATUS.ASSIGNED: "assigned",
    STATUS.STARTED: "assigned",  # only ever inside the completing transaction
    STATUS.DONE: "done",
    STATUS.CANCELED: "cancelled",
}
API_TASK_STATUSES = ("new", "assigned", "done", "cancelled")
