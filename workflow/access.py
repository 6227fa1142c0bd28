"""Who may act on a task now, and why not, in words: built once for the task pages, the API
and the services.

Two questions, asked in this order by the services (403 before 409) and together by the task
pages, which explain rather than refuse:

- ``forbidden``: the person may not take this task at all — not the role for the step, a
  separation of duties (approvals.duties), or, for the correction, not of the company;
- ``not_open``: the task is no longer theirs to take — the procedure ended, someone decided
  it (who and when), or a colleague holds it.

People are named as everywhere (``str(user)``: the display name), times in Asia/Tokyo.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from approvals.constants import Status, Step
from approvals.duties import duty_conflict
from approvals.selectors import applications_for_user
from approvals.support import access as support_access
from workflow.constants import OPEN_TASK_STATES
from workflow.permissions import may_take


def staff_application(request, pk):
    """The application of a staff page about it (follow-ups, revocation, a 委任状): 403 for
    anyone but staff, 404 for one the member of staff may not see."""
    if not request.user.is_staff_member:
        raise PermissionDenied
    return get_object_or_404(applications_for_user(request.user), pk=pk)


def person(user) -> str:
    return str(user) if user is not None else _("システム")


def _application(task):
    return task.process.applicationprocess.application


def forbidden(task, user) -> str | None:
    """Why `user` may never act on `task` (role, duties, not the applicant), or None."""
    node, application = task.flow_task, _application(task)
    if node.step == Step.CORRECTION:
        # The firm's members, or a support body's user it let answer a 補正 (`correct`).
        if not support_access.may_act(user, application, support_access.SUBMIT):
            return _("この補正は申請者本人（または補正への対応を委任された支援機関）が行います。")
        return None
    if not may_take(user, node._owner_permission):
        return _("「%(task)s」を行う権限がありません（担当の役割が違います）。") % {
            "task": node.task_title
        }
    return duty_conflict(application=application, user=user, step=node.step)


def ended(task) -> str | None:
    """Why nobody can act on `task` any more (withdrawn, cancelled, decided), or None."""
    if task.status == STATUS.CANCELED or _application(task).status == Status.WITHDRAWN:
        return _("この手続は終了しています（申請の取下げなど）。")
    if task.status in OPEN_TASK_STATES:
        return None
    if task.status == STATUS.DONE and task.owner is not None and task.finished:
        when = date_format(timezone.localtime(task.finished), "DATETIME_FORMAT")
        return _("このタスクは%(who)sさんが%(when)sに処理済みです。") % {
            "who": person(task.owner),
            "when": when,
        }
    return _("このタスクはすでに終了しています。")


def held_by_other(task, user) -> str | None:
    """Who holds the open `task` if not `user` (any member of the company may correct)."""
    if task.status not in OPEN_TASK_STATES or task.flow_task.step == Step.CORRECTION:
        return None
    if task.owner_id and task.owner_id != user.pk:
        return _("このタスクは%(who)sさんが担当しています。") % {"who": person(task.owner)}
    return None


def not_open(task, user) -> str | None:
    """Why `task` is not `user`'s to take now (ended, decided, held by another), or None."""
    return ended(task) or held_by_other(task, user)


def why_not(task, user) -> str | None:
    """Everything the task page says about why `user` may not work on `task` now."""
    return ended(task) or forbidden(task, user) or held_by_other(task, user)
