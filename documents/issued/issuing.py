"""Issuing a PDF once, recording what was stored, and reading it back only if it is unchanged.

An issued document is keyed by (application, kind, key) — the approval number for an approval
notice, "refusal" for a refusal notice, "v<n>" for the form of version n — so issuing twice
never makes a second PDF. The row is locked while the PDF is rendered and stored, so two
attempts at once queue, and the second finds the first's document.

A failure never propagates: the decision stands, the attempt is recorded on the row (state
failed, the error, the number of attempts) for staff to see and for `regenerate_notices` or the
retry button to try again. The SHA-256 of the stored bytes is recorded, and every read checks
it: a stored file that no longer matches is reported and marked failed, never served.
"""

import hashlib
import logging
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from config import background
from documents.constants import DocumentState
from documents.errors import DocumentUnavailable
from documents.models import IssuedDocument

logger = logging.getLogger(__name__)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def document_issue(
    *, application, kind: str, key: str, render: Callable[[], bytes], reissue: bool = False
) -> IssuedDocument:
    """Render and store the document unless it is already issued (or `reissue` is asked)."""
    with transaction.atomic():
        document, _created = IssuedDocument.objects.get_or_create(
            application=application, kind=kind, key=key
        )
        document = IssuedDocument.objects.select_for_update().get(pk=document.pk)
        if document.state == DocumentState.ISSUED and not reissue:
            return document
        document.attempts += 1
        try:
            with transaction.atomic():
                pdf = render()
                old_name = document.file.name
                document.file.save(f"{kind}.pdf", ContentFile(pdf), save=False)
        except Exception as error:  # any failure is recorded, never raised
            _record_failure(document, error)
            return document
        document.sha256 = sha256_of(pdf)
        document.size = len(pdf)
        document.state = DocumentState.ISSUED
        document.error = ""
        document.issued_at = timezone.now()
        document.save()
        if old_name:
            storage = document.file.storage
            transaction.on_commit(lambda: storage.delete(old_name), robust=True)
    logger.info("issued %s %s of application %s", kind, key, application.pk)
    return document


def _record_failure(document: IssuedDocument, error: Exception) -> None:
    logger.exception(
        "could not issue %s %s of application %s (attempt %s)",
        document.kind,
        document.key,
        document.application_id,
        document.attempts,
    )
    document.error = background.error_text(error)
    if document.state != DocumentState.ISSUED:
        # A failed re-issue leaves the document already issued as it was.
        document.state = DocumentState.FAILED
    document.save(update_fields=["state", "error", "attempts"])


def document_read(document: IssuedDocument) -> bytes:
    """The stored bytes, if they are exactly what was issued; else the row is marked failed."""
    try:
        with document.file.open("rb") as file:
            data = file.read()
    except (OSError, ValueError) as error:
        _mark_unavailable(document, background.error_text(error))
        raise DocumentUnavailable(str(error)) from error
    if sha256_of(data) != document.sha256:
        _mark_unavailable(document, "stored file does not match its recorded SHA-256")
        raise DocumentUnavailable("SHA-256 mismatch")
    return data


def _mark_unavailable(document: IssuedDocument, reason: str) -> None:
    logger.error(
        "issued %s %s of application %s is unavailable: %s",
        document.kind,
        document.key,
        document.application_id,
        reason,
    )
    IssuedDocument.objects.filter(pk=document.pk).update(
        state=DocumentState.FAILED, error=background.error_text(reason)
    )
