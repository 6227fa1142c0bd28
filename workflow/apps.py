from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowAppConfig(AppConfig):
    name = "workflow"
    verbose_name = _("承認フロー")
