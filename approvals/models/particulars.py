"""Particulars reports (変更報告, DOMAIN.md §10): a company with an approval reports a new name,
representative, address or phone; the old particulars are kept here, with the evidence.

Evidence files (履歴事項全部証明書 and the like) live in the private default storage under a
random key, like the attachments of documents.models; the checks of their content are the
attachments' (documents plugs them in: approvals.particulars).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approvals.models.company import Company


def evidence_key(instance, filename: str) -> str:
    # Never the applicant's file name: a random key, no overwriting, no path tricks.
    return f"company-evidence/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class CompanyEvidence(models.Model):
    """A file uploaded as evidence of the company's new particulars (PDF, PNG or JPEG)."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("企業")
    )
    file = models.FileField(_("ファイル"), upload_to=evidence_key, max_length=200)
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

    class Meta:
        verbose_name = _("変更報告の証明書類")
        verbose_name_plural = _("変更報告の証明書類")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name


class CompanyReport(models.Model):
    """One particulars report: who, when, each changed field before and after, the evidence."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="reports", verbose_name=_("企業")
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("報告者"),
    )
    reported_at = models.DateTimeField(_("報告日時"), auto_now_add=True)
    changes = models.JSONField(
        _("変更内容"),
        help_text=_("変更した項目ごとの変更前と変更後: {項目: {before, after}}"),
    )
    evidence = models.OneToOneField(
        CompanyEvidence,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report",
        verbose_name=_("証明書類"),
        help_text=_("商号・代表者・所在地を変更したときに必要です"),
    )

    class Meta:
        verbose_name = _("変更報告")
        verbose_name_plural = _("変更報告")
        ordering = ["-reported_at", "-id"]

    def __str__(self):
        return f"{self.company_id} {self.reported_at:%Y-%m-%d}"

    @property
    def change_rows(self) -> list[dict]:
        """Each changed field with its label, before and after, in the profile's order."""
        rows = []
        for name in Company.PROFILE_FIELDS:
            if name in self.changes:
                label = Company._meta.get_field(name).verbose_name
                rows.append({"field": name, "label": str(label), **self.changes[name]})
        return rows
