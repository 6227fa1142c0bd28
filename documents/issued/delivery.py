"""Handing issued documents to people: downloads (each written into the history) and the
staff's retry of a notice that failed to issue.

Shared by the portal and staff pages (`documents.issued.views`) and the API
(`documents.issued.api`), so both check, record and name files the same way. Who may reach an
application is decided by the callers through `approvals.selectors.applications_for_user`.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from approvals.constants import Action, Step
from approvals.selectors import records_download
from approvals.services import history_add
from documents.constants import DocumentKind, DocumentState
from documents.errors import DocumentUnavailable, NoNotice, NotAvailable, NotReady
from documents.issued import form, issuing, notices, revocation, selectors
from documents.models import IssuedDocument
from documents.pdf import RenderError

FILE_LABELS = {
    DocumentKind.APPROVAL_NOTICE: "承認通知書",
    DocumentKind.REFUSAL_NOTICE: "不承認通知書",
    DocumentKind.APPLICATION_FORM: "承認申請書",
    DocumentKind.CHANGE_NOTICE: "変更承認通知書",
}


@dataclass(frozen=True)
class Download:
    content: bytes
    filename: str


def _filename(document: IssuedDocument, application, suffix: str = "") -> str:
    return f"{FILE_LABELS[document.kind]}_{application.reference}{suffix}.pdf"


def notice_download(*, application, actor) -> Download:
    """The issued notice of the application's decision, exactly as recorded."""
    document = selectors.issued_notice(application)
    if document is None:
        raise NotAvailable
    try:
        content = issuing.document_read(document)
    except DocumentUnavailable as error:
        raise NotAvailable from error
    if records_download(application, actor):
        history_add(
            application=application,
            actor=actor,
            step=Step.DECISION,
            action=Action.DOWNLOAD_NOTICE,
            comment=_("%(document)sをダウンロード") % {"document": FILE_LABELS[document.kind]},
        )
    return Download(content, _filename(document, application))


def form_download(*, application, actor, number: int | None = None) -> Download:
    """The application form of version `number` (the latest by default), issued on first use."""
    versions = application.versions.order_by("-number")
    version = (versions.filter(number=number) if number else versions).first()
    if version is None:
        raise NotAvailable
    content, document = _form_content(version)
    if records_download(application, actor):
        history_add(
            application=application,
            actor=actor,
            step=Step.SUBMISSION,
            action=Action.DOWNLOAD_FORM,
            comment=_("第%(n)d版の申請書をダウンロード") % {"n": version.number},
        )
    return Download(content, _filename(document, application, f"_v{version.number}"))


def _form_content(version) -> tuple[bytes, IssuedDocument]:
    # A form is made from frozen data, so one that went missing is simply made again.
    for _attempt in range(2):
        document = form.form_issue(version=version)
        if document.state != DocumentState.ISSUED:
            raise NotReady(document.error)
        try:
            return issuing.document_read(document), document
        except DocumentUnavailable:
            continue
    raise NotReady("the stored form could not be read")


def notice_retry(*, application, actor) -> IssuedDocument:
    """Staff: try again to issue a notice that failed (an issued one is left as it is)."""
    try:
        document = notices.notice_issue(application_id=application.pk)
    except NoNotice as error:
        raise NotAvailable from error
    issued = document.state == DocumentState.ISSUED
    history_add(
        application=application,
        actor=actor,
        step=Step.DECISION,
        action=Action.RETRY_NOTICE,
        comment=_("通知書を発行しました。") if issued else _("通知書の発行に失敗しました。"),
    )
    return document


# The revocation's documents (documents.issued.revocation), rendered when downloaded.
HEARING_NOTICE, REVOCATION_NOTICE = "hearing-notice", "notice"
REVOCATION_LABELS = {HEARING_NOTICE: "聴聞通知書", REVOCATION_NOTICE: "承認取消通知書"}


def revocation_download(*, application, actor, document: str) -> Download:
    """The hearing notice of the latest case, or the notice of the revocation; NotAvailable
    when there is no such case. NotReady if the PDF cannot be made just now."""
    try:
        if document == HEARING_NOTICE:
            notice = revocation.hearing_notice(revocation.hearing_case(application))
        else:
            notice = revocation.revocation_notice(revocation.revoking_case(application))
    except NoNotice as error:
        raise NotAvailable from error
    try:
        content = revocation.render(notice)
    except RenderError as error:  # a 503, never a 500
        raise NotReady(str(error)) from error
    label = REVOCATION_LABELS[document]
    history_add(
        application=application,
        actor=actor,
        step=Step.REVOCATION,
        action=Action.DOWNLOAD_NOTICE,
        comment=_("%(document)sをダウンロード") % {"document": label},
    )
    return Download(content, f"{label}_{application.reference}.pdf")
