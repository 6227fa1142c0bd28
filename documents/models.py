"""Files of an application: the applicant's attachments and the documents the system issues.

Files live in private storage (STORAGES["default"]) under random keys; the original file name
is kept for display only. Issued documents record the SHA-256 of what was stored, so a notice
can never silently differ from the record.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approvals.models import Application
from documents.constants import AttachmentKind, DocumentKind, DocumentState


def attachment_key(instance, filename: str) -> str:
    # Never the applicant's file name: a random key, no overwriting, no path tricks.
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


def document_key(instance, filename: str) -> str:
    return f"documents/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


class AttachmentQuerySet(models.QuerySet):
    def current(self):
        """The attachments of the working version: those not withdrawn."""
        return self.filter(withdrawn_in_version__isnull=True)

    def in_version(self, number: int):
        """The attachments submitted with version `number`: frozen in it or before, and not
        withdrawn from it or an earlier version."""
        return self.filter(frozen_in_version__lte=number).filter(
            Q(withdrawn_in_version__isnull=True) | Q(withdrawn_in_version__gt=number)
        )


class Attachment(models.Model):
    """A file the applicant attached (PDF, PNG or JPEG, judged by content).

    A submitted (frozen) attachment is never deleted: during 補正 the applicant may withdraw it
    from the next version (`withdrawn_in_version`), and the versions it was submitted with keep
    it, file and row.
    """

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("申請"),
    )
    kind = models.CharField(_("種類"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(_("ファイル"), upload_to=attachment_key, max_length=200)
    original_name = models.CharField(
        _("元のファイル名"), max_length=255, help_text=_("表示とダウンロード時の名前にのみ使います")
    )
    content_type = models.CharField(_("形式"), max_length=50)
    size = models.PositiveBigIntegerField(_("サイズ（バイト）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登録者"),
    )
    uploaded_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    frozen_in_version = models.PositiveIntegerField(
        _("提出版"),
        null=True,
        blank=True,
        help_text=_("提出された版に含まれたら変更・削除できません"),
    )
    withdrawn_in_version = models.PositiveIntegerField(
        _("取り下げた版"),
        null=True,
        blank=True,
        help_text=_(
            "補正で取り下げた添付書類が含まれなくなる最初の版（それより前の版には残ります）"
        ),
    )

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("添付書類")
        verbose_name_plural = _("添付書類")
        ordering = ["kind", "uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_in_version__isnull=True)
                | Q(
                    frozen_in_version__isnull=False,
                    withdrawn_in_version__gt=models.F("frozen_in_version"),
                ),
                name="attachment_withdrawn_after_frozen",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"


class IssuedDocument(models.Model):
    """A PDF the system issued for an application; one per notice, one form per version.

    `key` makes issuing idempotent: the approval number for an approval notice, "refusal" for
    a refusal notice, "v<n>" for the form of version n.
    """

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="documents", verbose_name=_("申請")
    )
    kind = models.CharField(_("種類"), max_length=30, choices=DocumentKind.choices)
    key = models.CharField(_("識別キー"), max_length=60)
    state = models.CharField(
        _("状態"), max_length=10, choices=DocumentState.choices, default=DocumentState.PENDING
    )
    file = models.FileField(_("ファイル"), upload_to=document_key, max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("サイズ（バイト）"), null=True, blank=True)
    error = models.TextField(_("失敗の内容"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("試行回数"), default=0)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    issued_at = models.DateTimeField(_("発行日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("発行書類")
        verbose_name_plural = _("発行書類")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "key"], name="issued_document_once"
            ),
            models.CheckConstraint(
                condition=~Q(state="issued") | ~Q(sha256=""), name="issued_document_has_hash"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.key}"
