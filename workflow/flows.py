"""The approval procedure of a 経営革新計画 as a viewflow flow.

Submission starts the flow from code (the applicant's portal or the API); the first human
task is intake (受付). Review (審査), the decision (決裁), corrections and the notice step
follow in the next milestone; until then intake ends the modelled part of the flow.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.flow.views import UpdateProcessView

from workflow.models import ApplicationProcess


class ApplicationFlow(flow.Flow):
    process_class = ApplicationProcess
    lock_impl = lock.select_for_update_lock
    process_title = _("経営革新計画の承認")

    start = flow.StartHandle(this.start_process).Next(this.intake)

    intake = (
        flow.View(UpdateProcessView.as_view(fields=[]))
        .Annotation(title=_("受付"), description=_("書類の確認と受付または補正依頼"))
        .Permission(auto_create=True)
        .Next(this.received)
    )

    received = flow.End().Annotation(title=_("受付完了"))

    def start_process(self, activation, application):
        activation.process.application = application
        return activation.process
