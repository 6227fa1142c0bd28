from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowAppConfig(AppConfig):
    name = "workflow"
    verbose_name = _("承認フロー")

    def ready(self):
        from approvals import ending
        from workflow.services import change_withdraw_on_plan_end

        ending.plan_ended.connect(
            change_withdraw_on_plan_end, dispatch_uid="change_withdraw_on_plan_end"
        )
