"""The viewflow process of one application: a direct foreign key, no data in JSON."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from approvals.models import Application


class ApplicationProcess(Process):
    """The approval procedure run for one submission cycle of an application."""

    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="processes",
        verbose_name=_("申請"),
    )

    class Meta:
        verbose_name = _("承認手続")
        verbose_name_plural = _("承認手続")
        permissions = [
            ("can_intake", _("受付（受付・補正依頼）ができる")),
            ("can_review", _("審査（推薦・補正依頼）ができる")),
            ("can_decide", _("決裁（承認・不承認・差戻し）ができる")),
        ]
