from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApprovalsConfig(AppConfig):
    name = "approvals"
    verbose_name = _("経営革新計画")

    def ready(self):
        from approvals.targets import signals  # noqa: F401  (connects the target revision receivers)
