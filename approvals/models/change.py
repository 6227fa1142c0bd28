"""A change of an approved plan (変更承認申請, 中小企業等経営強化法第15条第1項, DOMAIN.md §10).

The change is an Application of kind `change` naming the approved plan (`changes`); here are
what it carries besides the plan: its reason and changed items (ChangeRequest), and, once
approved, the change approval (ChangeApproval: 第n回変更 of the original Approval, whose number
stays; a change approval never takes a number nor counts toward target ②).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from approvals.constants import ChangeItem
from approvals.models.decision import Approval, Issued
from approvals.models.plan import Application


class ChangeRequest(models.Model):
    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        related_name="change_request",
        verbose_name=_("変更承認申請"),
    )
    reason = models.TextField(_("変更理由"))
    items = models.JSONField(
        _("変更事項"), default=list, help_text=_("変更する事項のコード（ChangeItem）の一覧")
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("変更承認申請の内容")
        verbose_name_plural = _("変更承認申請の内容")

    def __str__(self):
        return f"{self.application_id}: {', '.join(self.items)}"

    def item_labels(self) -> list[str]:
        labels = dict(ChangeItem.choices)
        return [str(labels.get(code, code)) for code in self.items]


class ChangeApproval(Issued):
    """第n回変更: the approval of a change; the original approval's number stays."""

    application = models.OneToOneField(
        Application,
        on_delete=models.PROTECT,
        related_name="change_approval",
        verbose_name=_("変更承認申請"),
    )
    approval = models.ForeignKey(
        Approval,
        on_delete=models.PROTECT,
        related_name="changes",
        verbose_name=_("変更される承認"),
    )
    seq = models.PositiveSmallIntegerField(_("変更の回数"), help_text=_("第n回変更"))
    approved_on = models.DateField(_("変更承認日"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("決裁者"),
    )
    created_at = models.DateTimeField(_("記録日時"), auto_now_add=True)

    class Meta(Issued.Meta):
        abstract = False
        verbose_name = _("変更承認")
        verbose_name_plural = _("変更承認")
        ordering = ["approval", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["approval", "seq"], name="change_approval_seq_unique")
        ]

    def __str__(self):
        return f"{self.approval.number}（第{self.seq}回変更）"

    @property
    def document_number(self) -> str:
        """The change approval's own document number: the original's, with 第n回変更."""
        return f"{self.approval.number}（第{self.seq}回変更）"
