"""The authority's own closure days (臨時閉庁日など): not working days for the processing-period
clock (approvals.clock), besides weekends, national holidays and 12/29–1/3."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.history import EditHistory
from approvals.models.decision import Authority


class ClosureDay(models.Model):
    """A day the authority's offices are closed, added by the administrator."""

    authority = models.ForeignKey(
        Authority,
        on_delete=models.CASCADE,
        related_name="closure_days",
        verbose_name=_("承認権者"),
    )
    date = models.DateField(
        _("閉庁日"), help_text=_("土日・祝日・12月29日〜1月3日のほかに閉庁する日")
    )
    reason = models.CharField(
        _("理由"), max_length=100, help_text=_("例: 庁舎の電気設備点検のため閉庁")
    )

    history = EditHistory(verbose_name=_("閉庁日の変更履歴"))

    class Meta:
        verbose_name = _("閉庁日")
        verbose_name_plural = _("閉庁日")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "date"], name="closure_day_once")
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.reason}"
