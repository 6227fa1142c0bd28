"""The applicant's attachments: checked on upload, kept under a random key, frozen on submission.

A file is accepted only if it is not empty, not over KAKUSHIN_MAX_UPLOAD_BYTES (judged from the
upload's size before a byte is read) and is a PDF, PNG or JPEG judged by its content, never by
its name. The name the applicant gave is kept for display and download only; the stored object
has a random key (``documents.models.attachment_key``). Attachments may be added and deleted
while the application is a draft or returned for correction; submitting a version freezes every
attachment not yet frozen, and a frozen attachment can never be deleted. During 補正 a frozen
attachment can be withdrawn from the next version instead (and put back until that version is
submitted): the versions it was submitted with keep it, its row and its stored file.
"""

import hashlib
import os
import unicodedata

import filetype
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals.constants import Action, PlanSection
from approvals.models import Application
from approvals.selectors import records_download
from approvals.services import (
    application_lock,
    ensure_delegate_may,
    ensure_editable,
    history_add,
    section_drafted,
    step_now,
)
from approvals.support import access as support_access
from documents.attachments import inspection
from documents.constants import AttachmentKind
from documents.errors import AttachmentFrozen, AttachmentRefused
from documents.models import Attachment

ALLOWED_TYPES = {
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
}
SNIFF_BYTES = 2048  # filetype needs the first 261 bytes
NAME_MAX_LENGTH = 255

EMPTY = gettext_lazy("ファイルが空です（0バイト）。中身のあるファイルを選んでください。")
WRONG_TYPE = gettext_lazy(
    "PDF・PNG・JPEG 以外の形式は添付できません（ファイルの中身で判定しています）。"
)
NO_KIND = gettext_lazy("添付書類の種類を選んでください。")


def too_large_message() -> str:
    return _("ファイルが大きすぎます。添付できるのは1ファイル%(mb)s MBまでです。") % {
        "mb": megabytes(settings.KAKUSHIN_MAX_UPLOAD_BYTES)
    }


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


def display_name(name: str) -> str:
    """The applicant's file name made safe to show: no folders or control characters, NFC,
    at most 255 characters (the extension kept)."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C")).strip()
    if len(name) > NAME_MAX_LENGTH:
        stem, ext = os.path.splitext(name)
        ext = ext if len(ext) <= 16 else ""
        name = stem[: NAME_MAX_LENGTH - len(ext)] + ext
    return name or _("添付ファイル")


def download_name(attachment: Attachment) -> str:
    """The display name, with the extension of its real type if the name has another one."""
    name = attachment.original_name
    extensions = ALLOWED_TYPES.get(attachment.content_type, ())
    if extensions and not name.lower().endswith(extensions):
        name = f"{name}{extensions[0]}"
    return name


def upload_check(upload) -> str:
    """The content type of an acceptable upload; AttachmentRefused otherwise."""
    if not upload.size:
        raise AttachmentRefused(EMPTY)
    if upload.size > settings.KAKUSHIN_MAX_UPLOAD_BYTES:
        raise AttachmentRefused(too_large_message())
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise AttachmentRefused(WRONG_TYPE)
    data = upload.read()
    upload.seek(0)
    inspection.inspect(data, kind.mime)
    return kind.mime


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _editable(application: Application, *, lock: bool) -> Application:
    if lock:
        application = application_lock(application)
    ensure_editable(application, attachments=True)
    return application


def attachment_add(*, application: Application, kind: str, upload, actor) -> Attachment:
    """Check and store one uploaded file as an attachment of an editable application."""
    if kind not in AttachmentKind.values:
        raise AttachmentRefused(NO_KIND)
    ensure_delegate_may(actor, application, support_access.EDIT)
    _editable(application, lock=False)
    attachment = Attachment(
        application=application,
        kind=kind,
        original_name=display_name(upload.name),
        content_type=upload_check(upload),
        size=upload.size,
        sha256=_sha256(upload),
        uploaded_by=actor,
    )
    # Stored before the row is written and outside the lock (S3 may be slow): the row never
    # points at nothing, and an object whose row could not be written is removed again.
    attachment.file.save(attachment.original_name, upload, save=False)
    try:
        with transaction.atomic():
            locked = _editable(application, lock=True)
            ensure_delegate_may(actor, locked, support_access.EDIT, lock=True)
            attachment.save()
            section_drafted(application=locked, actor=actor, section=PlanSection.ATTACHMENTS)
    except BaseException:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


def attachment_delete(*, attachment: Attachment, actor) -> Attachment | None:
    """Delete an attachment not yet submitted; the stored object goes once the delete commits.

    A submitted (frozen) one is withdrawn from the next version instead, during 補正 only:
    returned with its `withdrawn_in_version` set; None when it was deleted."""
    with transaction.atomic():
        # The application row first, as a submission takes it before freezing.
        application = application_lock(attachment.application)
        attachment = Attachment.objects.select_for_update().filter(pk=attachment.pk).first()
        if attachment is None:
            return None  # deleted meanwhile (twice clicked)
        ensure_delegate_may(actor, application, support_access.EDIT, lock=True)
        _editable_or_frozen(application, attachment)
        if attachment.frozen_in_version is not None:
            return _withdraw(application, attachment, actor)
        storage, name = attachment.file.storage, attachment.file.name
        attachment.delete()
        history_add(
            application=application,
            actor=actor,
            step=step_now(application),
            action=Action.DELETE_ATTACHMENT,
            comment=_describe(attachment),
        )
        transaction.on_commit(lambda: storage.delete(name), robust=True)
        return None


def _editable_or_frozen(application: Application, attachment: Attachment) -> None:
    """NotEditable as for any change, except that a frozen attachment of an application with
    the prefecture is refused in its own words (it is part of a submitted version)."""
    if application.is_editable:
        return
    if attachment.frozen_in_version is not None:
        raise AttachmentFrozen(
            _("第%(n)d版として提出した添付書類は削除できません。")
            % {"n": attachment.frozen_in_version}
        )
    _editable(application, lock=False)


def _withdraw(application: Application, attachment: Attachment, actor) -> Attachment:
    if attachment.withdrawn_in_version is not None:
        return attachment  # withdrawn already (twice clicked)
    attachment.withdrawn_in_version = application.version + 1
    attachment.save(update_fields=["withdrawn_in_version"])
    history_add(
        application=application,
        actor=actor,
        step=step_now(application),
        action=Action.WITHDRAW_ATTACHMENT,
        comment=withdrawn_comment(attachment),
    )
    return attachment


def withdrawn_comment(attachment: Attachment) -> str:
    return _("%(file)s（第%(next)d版から取り下げ。第%(frozen)d版には残ります）") % {
        "file": _describe(attachment),
        "next": attachment.withdrawn_in_version,
        "frozen": attachment.withdrawn_in_version - 1,
    }


def attachment_restore(*, attachment: Attachment, actor) -> Attachment:
    """Put back an attachment withdrawn from the version not yet submitted (a withdrawal from a
    submitted version stays: that version was sent without it)."""
    with transaction.atomic():
        application = _editable(attachment.application, lock=True)
        ensure_delegate_may(actor, application, support_access.EDIT, lock=True)
        attachment = Attachment.objects.select_for_update().get(pk=attachment.pk)
        if attachment.withdrawn_in_version is None:
            return attachment  # restored already
        if attachment.withdrawn_in_version <= application.version:
            raise AttachmentFrozen(
                _("第%(n)d版で取り下げた添付書類は元に戻せません。もう一度添付してください。")
                % {"n": attachment.withdrawn_in_version}
            )
        attachment.withdrawn_in_version = None
        attachment.save(update_fields=["withdrawn_in_version"])
        history_add(
            application=application,
            actor=actor,
            step=step_now(application),
            action=Action.RESTORE_ATTACHMENT,
            comment=_("%(file)s（取り下げを取り消し）") % {"file": _describe(attachment)},
        )
        return attachment


def attachments_freeze(*, application: Application, version: int) -> int:
    """Freeze every attachment not yet frozen into `version` (in the submission's transaction)."""
    return Attachment.objects.filter(
        application=application, frozen_in_version__isnull=True
    ).update(frozen_in_version=version)


def attachment_download_record(*, attachment: Attachment, actor) -> None:
    """A download by someone outside the firm goes into the application's history."""
    if not records_download(attachment.application, actor):
        return
    history_add(
        application=attachment.application,
        actor=actor,
        step=step_now(attachment.application),
        action=Action.DOWNLOAD_ATTACHMENT,
        comment=_describe(attachment),
    )


def _describe(attachment: Attachment) -> str:
    return f"{attachment.get_kind_display()}: {attachment.original_name}"
