"""A revocation case (承認の取消し, DOMAIN.md §10): the authority's procedure to take back an
approval, an adverse disposition with a hearing (聴聞, 行政手続法第13条第1項第1号イ).

One row carries the case through its steps: opened with the facts and the ground, and with the
date and place of the hearing the notice (第15条) announces; then the hearing's record by its
officer; then the decision, revoke or keep, with its reasons (第14条). An application has at
most one open case (no decision yet); a decided case stays as the record of the procedure.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from approvals.constants import RevocationDecision, RevocationGround
from approvals.models.decision import Issued
from approvals.models.plan import Application


class RevocationCase(Issued):
    """The issuer fields are the authority as on the day the case was opened: both notices
    name it, so the hearing notice reads the same whenever it is downloaded again."""

    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="revocation_cases",
        verbose_name=_("申請"),
    )
    facts = models.TextField(
        _("取消しの原因となる事実"), help_text=_("聴聞通知書に記載されます（行政手続法第15条）")
    )
    ground = models.CharField(_("取消しの理由の区分"), max_length=20, choices=RevocationGround)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("起案者"),
    )
    opened_at = models.DateTimeField(_("手続開始日時"), auto_now_add=True)
    hearing_at = models.DateTimeField(_("聴聞の期日"))
    hearing_place = models.CharField(_("聴聞の場所"), max_length=200)
    notice_issued_on = models.DateField(_("聴聞通知日"))
    # Blank on cases opened before the notices had numbers of their own: their notices keep
    # printing the approval's number, so a notice downloaded again reads as it did.
    hearing_number = models.CharField(_("聴聞通知書の文書番号"), max_length=50, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("主宰者"),
        help_text=_("聴聞を主宰する職員（起案者・当該計画の審査担当者以外）"),
    )
    statements = models.TextField(_("当事者の陳述"), blank=True)
    record = models.TextField(_("聴聞調書・報告書"), blank=True)
    held_on = models.DateField(_("聴聞の実施日"), null=True, blank=True)
    decision = models.CharField(_("決定"), max_length=10, choices=RevocationDecision, blank=True)
    reasons = models.TextField(_("理由"), blank=True, help_text=_("行政手続法第14条"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("決裁者"),
    )
    decided_on = models.DateField(_("決定日"), null=True, blank=True)
    revocation_number = models.CharField(_("取消通知書の文書番号"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("承認取消しの手続")
        verbose_name_plural = _("承認取消しの手続")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(decision=""),
                name="revocation_one_open_case",
            ),
            models.CheckConstraint(
                condition=Q(decision="") | (~Q(reasons="") & Q(decided_on__isnull=False)),
                name="revocation_decision_has_reasons",
            ),
        ]

    def __str__(self):
        return f"{self.application_id} {self.opened_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return not self.decision

    @property
    def heard(self) -> bool:
        return self.held_on is not None
