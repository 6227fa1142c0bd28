"""Flow actions that begin outside a task: submission starts the process, withdrawal cancels it.

The domain change (approvals service) and the flow change happen in one transaction, so an
application is never submitted without its intake task, nor withdrawn with a task left open.
"""

from django.db import transaction
from viewflow.workflow.status import PROCESS

from approvals import services as approvals_services
from approvals.models import Application
from workflow.flows import ApplicationFlow
from workflow.models import ApplicationProcess


@transaction.atomic
def application_submit(*, application: Application, actor, acknowledge_failures: bool):
    application = approvals_services.application_submit(
        application=application, actor=actor, acknowledge_failures=acknowledge_failures
    )
    if not _active_processes(application).exists():
        ApplicationFlow.start.run(application=application)
    return application


@transaction.atomic
def application_withdraw(*, application: Application, actor, comment: str = ""):
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
