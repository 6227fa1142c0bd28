"""Downloads of the notice and the application form for the portal and the staff pages, and
the staff's retry of a notice that failed to issue.

An application is looked up among those the user may see (`applications_for_user`): another
company's application is a 404, as everywhere in the portal.
"""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from approvals import selectors as approvals_selectors
from config.redirects import redirect_to_next
from documents.constants import DocumentState
from documents.errors import NotAvailable, NotReady
from documents.issued import delivery
from documents.issued.verification import verification_for


def _application(request, pk):
    return get_object_or_404(approvals_selectors.applications_for_user(request.user), pk=pk)


def pdf_response(download: delivery.Download) -> FileResponse:
    response = FileResponse(
        io.BytesIO(download.content),
        as_attachment=True,
        filename=download.filename,
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def notice_download_view(request, pk):
    application = _application(request, pk)
    try:
        download = delivery.notice_download(application=application, actor=request.user)
    except NotAvailable as error:
        raise Http404 from error
    return pdf_response(download)


@login_required
@require_GET
def form_download_view(request, pk):
    application = _application(request, pk)
    number = request.GET.get("version", "")
    if number and not (number.isascii() and number.isdigit()):  # "²" is a digit to Python
        raise Http404
    try:
        download = delivery.form_download(
            application=application, actor=request.user, number=int(number) if number else None
        )
    except NotAvailable as error:
        raise Http404 from error
    except NotReady:
        return TemplateResponse(request, "documents/not_ready.html", status=503)
    return pdf_response(download)


@login_required
@require_POST
def notice_retry_view(request, pk):
    if not request.user.is_staff_member:
        raise PermissionDenied
    application = _application(request, pk)
    try:
        document = delivery.notice_retry(application=application, actor=request.user)
    except NotAvailable as error:
        raise Http404 from error
    if document.state == DocumentState.ISSUED:
        messages.success(request, _("通知書を発行しました。"))
    else:
        messages.error(request, _("通知書の発行に失敗しました。時間をおいて再度お試しください。"))
    return redirect_to_next(request, "staff:application:process_list")


def _revocation_download(request, pk, document):
    application = _application(request, pk)
    try:
        download = delivery.revocation_download(
            application=application, actor=request.user, document=document
        )
    except NotAvailable as error:
        raise Http404 from error
    except NotReady:
        return TemplateResponse(request, "documents/not_ready.html", status=503)
    return pdf_response(download)


@login_required
@require_GET
def hearing_notice_download_view(request, pk):
    return _revocation_download(request, pk, delivery.HEARING_NOTICE)


@login_required
@require_GET
def revocation_notice_download_view(request, pk):
    return _revocation_download(request, pk, delivery.REVOCATION_NOTICE)


@require_GET
def verify_view(request, code):
    """The public verification page of an approval (no login); an unknown code is a 404."""
    verification = verification_for(code)
    response = TemplateResponse(request, "documents/verify.html", {"verification": verification})
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
