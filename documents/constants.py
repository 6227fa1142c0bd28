"""Codes of the documents app: kinds of attachment, kinds of issued document, their states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AttachmentKind(models.TextChoices):
    ARTICLES = "articles", _("定款")
    FINANCIALS = "financials", _("決算書（直近2期分）")
    REGISTRY = "registry", _("履歴事項全部証明書")
    RESIDENCE = "residence", _("住民票（個人事業主）")
    OTHER = "other", _("その他")


class DocumentKind(models.TextChoices):
    APPROVAL_NOTICE = "approval_notice", _("承認通知書")
    REFUSAL_NOTICE = "refusal_notice", _("不承認通知書")
    APPLICATION_FORM = "application_form", _("承認申請書（様式第1）")
    CHANGE_NOTICE = "change_notice", _("変更承認通知書")


class DocumentState(models.TextChoices):
    PENDING = "pending", _("発行待ち")
    ISSUED = "issued", _("発行済み")
    FAILED = "failed", _("発行失敗")
