"""Does each application's flow match its status? For operations (`manage.py
check_consistency`) and for the race tests, which assert it after every race.

An application in the procedure has exactly one open process whose one open task is the step
its status names (受付待ち → intake, 補正依頼中 → correction, 審査中 → review, 決裁待ち →
decision); a draft has none, and a decided or withdrawn application has no open process or
task left.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from viewflow.workflow.status import PROCESS

from approvals.constants import STEP_OF_STATUS, WITHDRAWABLE_STATUSES
from approvals.models import Application
from workflow.constants import OPEN_TASK_STATES
from workflow.flows import ApplicationFlow, step_of
from workflow.models import ApplicationProcess

# In the procedure: from submission until the decision (or the withdrawal).
IN_PROCEDURE = WITHDRAWABLE_STATUSES
ENDED_PROCESS = (PROCESS.DONE, PROCESS.CANCELED)


def problems_of(application: Application) -> list[str]:
    """What is wrong between the application's status and its flow (empty when consistent)."""
    open_processes = application.processes.exclude(status__in=ENDED_PROCESS)
    open_tasks = ApplicationFlow.task_class.objects.filter(
        process__applicationprocess__application=application, status__in=OPEN_TASK_STATES
    ).select_related("process")
    steps = sorted(step_of(task) for task in open_tasks if hasattr(task.flow_task, "step"))
    expected = STEP_OF_STATUS[application.status]
    problems = []
    if application.status not in IN_PROCEDURE:
        if open_processes.exists() or steps:
            problems.append(
                _("「%(status)s」なのに、終わっていない手続があります（%(steps)s）。")
                % {"status": application.get_status_display(), "steps": "、".join(steps)}
            )
        return problems
    if open_processes.count() != 1:
        problems.append(
            _("進行中の手続が%(n)d件あります（1件のはずです）。") % {"n": open_processes.count()}
        )
    if steps != [expected]:
        problems.append(
            _("「%(status)s」の申請の開いているタスクが%(steps)sです（%(expected)sのはずです）。")
            % {
                "status": application.get_status_display(),
                "steps": "、".join(steps) or _("なし"),
                "expected": expected,
            }
        )
    return problems


def suspects():
    """Applications worth checking: in the procedure, or out of it with a process still open."""
    open_process = ApplicationProcess.objects.filter(application=OuterRef("pk")).exclude(
        status__in=ENDED_PROCESS
    )
    return Application.objects.filter(
        Q(status__in=list(IN_PROCEDURE)) | Q(Exists(open_process))
    ).order_by("pk")
