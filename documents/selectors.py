"""Reads on issued documents (notices and forms): which exist, which are missing."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from approvals.constants import Status
from approvals.models import Application
from documents.form import form_key
from documents.models import DocumentKind, IssuedDocument
from documents.notices import NoNotice, notice_identity

# -- notices and forms (documents.notices, documents.form) ----------------------------------


def notice_document(application: Application) -> IssuedDocument | None:
    """The notice record of the application's decision, in whatever state, or None."""
    try:
        kind, key = notice_identity(application)
    except NoNotice:
        return None
    return IssuedDocument.objects.filter(application=application, kind=kind, key=key).first()


def issued_notice(application: Application) -> IssuedDocument | None:
    document = notice_document(application)
    return document if document and document.state == IssuedDocument.State.ISSUED else None


def issued_form(application: Application, number: int) -> IssuedDocument | None:
    return IssuedDocument.objects.filter(
        application=application,
        kind=DocumentKind.APPLICATION_FORM,
        key=form_key(number),
        state=IssuedDocument.State.ISSUED,
    ).first()


def decided_applications() -> QuerySet[Application]:
    """Applications with a decision a notice is due for."""
    return Application.objects.filter(
        Q(status=Status.APPROVED, approval__isnull=False)
        | Q(status=Status.REFUSED, refusal__isnull=False)
    ).select_related("approval", "refusal", "company")


def applications_missing_notice() -> QuerySet[Application]:
    """Decided applications whose notice is not issued (never tried, pending or failed)."""
    issued = IssuedDocument.objects.filter(
        application=OuterRef("pk"), state=IssuedDocument.State.ISSUED
    )
    approval_issued = issued.filter(
        kind=DocumentKind.APPROVAL_NOTICE, key=OuterRef("approval__number")
    )
    refusal_issued = issued.filter(kind=DocumentKind.REFUSAL_NOTICE)
    return (
        decided_applications()
        .exclude(Q(status=Status.APPROVED) & Exists(approval_issued))
        .exclude(Q(status=Status.REFUSED) & Exists(refusal_issued))
    )
