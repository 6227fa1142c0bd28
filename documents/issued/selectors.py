"""Reads on issued documents (notices and forms): which exist, which are missing."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from approvals.constants import Status
from approvals.models import Application
from documents.constants import DocumentKind, DocumentState
from documents.errors import NoNotice
from documents.issued.form import form_key
from documents.issued.notices import notice_identity
from documents.models import IssuedDocument


def notice_document(application: Application) -> IssuedDocument | None:
    """The notice record of the application's decision, in whatever state, or None."""
    try:
        kind, key = notice_identity(application)
    except NoNotice:
        return None
    return IssuedDocument.objects.filter(application=application, kind=kind, key=key).first()


def issued_notice(application: Application) -> IssuedDocument | None:
    document = notice_document(application)
    return document if document and document.state == DocumentState.ISSUED else None


def issued_form(application: Application, number: int) -> IssuedDocument | None:
    return IssuedDocument.objects.filter(
        application=application,
        kind=DocumentKind.APPLICATION_FORM,
        key=form_key(number),
        state=DocumentState.ISSUED,
    ).first()


def decided_applications() -> QuerySet[Application]:
    """Applications with a decision a notice is due for."""
    return Application.objects.filter(
        Q(status=Status.APPROVED, approval__isnull=False)
        | Q(status=Status.APPROVED, change_approval__isnull=False)
        | Q(status=Status.REFUSED, refusal__isnull=False)
    ).select_related("approval", "refusal", "change_approval", "company")


def applications_missing_notice() -> QuerySet[Application]:
    """Decided applications whose notice is not issued (never tried, pending or failed)."""
    issued = IssuedDocument.objects.filter(application=OuterRef("pk"), state=DocumentState.ISSUED)
    approval_issued = issued.filter(
        kind=DocumentKind.APPROVAL_NOTICE, key=OuterRef("approval__number")
    )
    refusal_issued = issued.filter(kind=DocumentKind.REFUSAL_NOTICE)
    change_issued = issued.filter(kind=DocumentKind.CHANGE_NOTICE)
    return (
        decided_applications()
        .exclude(Q(status=Status.APPROVED) & Exists(approval_issued))
        .exclude(Q(status=Status.APPROVED) & Exists(change_issued))
        .exclude(Q(status=Status.REFUSED) & Exists(refusal_issued))
    )
