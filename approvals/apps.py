from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApprovalsConfig(AppConfig):
    name = "approvals"
    verbose_name = _("経営革新計画")

    def ready(self):
        from approvals import ending, processing
        from approvals.followups.services import close_on_plan_end
        from approvals.targets import signals  # noqa: F401  (connects the target revision receivers)

        # A plan that ends (廃止・取消し) closes its open follow-up surveys in the same transaction.
        ending.plan_ended.connect(close_on_plan_end, dispatch_uid="follow_ups_close_on_plan_end")
        # New closure days or periods move the due dates the staff queue sorts by.
        processing.connect_due_date_refresh()
