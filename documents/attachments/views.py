"""The 添付書類 section of the applicant's portal, and downloading an attachment.

One form takes several files of each kind at once. Every file is judged on its own: the good
ones are kept, and each refused one is named with the reason, so nothing the applicant chose
is silently lost. Downloads go through ``attachment_download_view`` only, which finds the
attachment among those the user may see (their company's, or staff's for submitted
applications; anything else is a 404) and writes the download into the history.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from approvals import terms
from approvals.access import ApplicationMixin
from approvals.errors import ApplicationError, NotEditable
from approvals.presenters import tasklist
from approvals.support import access as support_access
from documents.attachments.selectors import (
    attachments_for,
    missing_attachment_messages,
    missing_attachments,
    required_attachments,
    upload_kinds,
)
from documents.attachments.services import (
    attachment_add,
    attachment_delete,
    attachment_download_record,
    attachment_restore,
    display_name,
    download_name,
    megabytes,
    too_large_message,
)
from documents.attachments.uploads import oversized_uploads
from documents.constants import AttachmentKind
from documents.errors import AttachmentRefused


@dataclass(frozen=True)
class KindGroup:
    """One kind of attachment on the page: what is needed, what is there, its file input."""

    kind: str
    label: str
    required: int  # how many files a submission needs; 0 when optional
    attachments: list
    field: str

    @property
    def complete(self) -> bool:
        return len(self.attachments) >= self.required


def field_name(kind: str) -> str:
    return f"files-{kind}"


def kind_groups(application) -> list[KindGroup]:
    required = required_attachments(application.company)
    attachments = list(application.attachments.current())
    kinds = upload_kinds(application.company)
    kinds += [a.kind for a in attachments if a.kind not in kinds]  # e.g. the legal form changed
    return [
        KindGroup(
            kind=kind,
            label=AttachmentKind(kind).label,
            required=required.get(kind, 0),
            attachments=[a for a in attachments if a.kind == kind],
            field=field_name(kind),
        )
        for kind in dict.fromkeys(kinds)
    ]


def section_status(application) -> str:
    if not application.attachments.current().exists():
        return tasklist.NOT_STARTED
    return tasklist.IN_PROGRESS if missing_attachments(application) else tasklist.COMPLETED


TASK_LIST_SECTION = tasklist.ContributedSection(
    key="attachments",
    title=gettext_lazy("添付書類"),
    url_name="documents:attachment-list",
    hint=gettext_lazy("定款（個人事業主は住民票）・直近2期分の決算書・履歴事項全部証明書"),
    optional=False,
    status=section_status,
    blockers=missing_attachments,
)


class AttachmentsView(ApplicationMixin, TemplateView):
    delegate_acts = (support_access.VIEW, support_access.EDIT)
    template_name = "documents/attachments.html"

    def get_context_data(self, **kwargs):
        application = self.application
        return super().get_context_data(
            title=_("添付書類"),
            groups=kind_groups(application),
            withdrawn=application.attachments.filter(withdrawn_in_version__gt=application.version),
            editable=application.is_editable,
            missing=missing_attachment_messages(application),
            max_upload_mb=megabytes(settings.KAKUSHIN_MAX_UPLOAD_BYTES),
            fiscal_years_rule=terms.label(terms.FISCAL_YEARS_RULE),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        application = self.application
        if not application.is_editable:
            return self._not_editable(request)
        added, refused = 0, []
        files = request.FILES  # parsed here, unless the CSRF check already did
        dropped = oversized_uploads(request)
        for kind in upload_kinds(application.company):
            field = field_name(kind)
            refused += [(name, too_large_message()) for f, name in dropped if f == field]
            for upload in files.getlist(field):
                try:
                    attachment_add(
                        application=application, kind=kind, upload=upload, actor=request.user
                    )
                except AttachmentRefused as error:
                    refused.append((display_name(upload.name), error.message))
                except NotEditable:
                    return self._not_editable(request)
                else:
                    added += 1
        if added:
            messages.success(request, _("%(n)d件のファイルを添付しました。") % {"n": added})
        if not added and not refused:
            refused.append(("", _("添付するファイルを選んでください。")))
        if refused:
            return self.render_to_response(self.get_context_data(refused=refused))
        return redirect("documents:attachment-list", application.pk)

    def _not_editable(self, request):
        messages.error(request, NotEditable.of(self.application, attachments=True).message)
        return redirect("documents:attachment-list", self.application.pk)


class AttachmentDeleteView(ApplicationMixin, View):
    """Deletes an attachment not yet submitted, or withdraws a submitted one from the next
    version (during 補正)."""

    delegate_acts = (support_access.EDIT, support_access.EDIT)
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        attachment = get_object_or_404(self.application.attachments, pk=kwargs["attachment_pk"])
        try:
            withdrawn = attachment_delete(attachment=attachment, actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            if withdrawn is None:
                message = _("「%(name)s」を削除しました。")
            else:
                message = _(
                    "「%(name)s」を第%(next)d版から取り下げました（提出済みの第%(frozen)d版には"
                    "残ります）。"
                )
            next_version = withdrawn.withdrawn_in_version if withdrawn else 0
            messages.success(
                request,
                message
                % {
                    "name": attachment.original_name,
                    "next": next_version,
                    "frozen": next_version - 1,
                },
            )
        return redirect("documents:attachment-list", self.application.pk)


class AttachmentRestoreView(ApplicationMixin, View):
    """Puts back an attachment withdrawn from the version not yet submitted."""

    delegate_acts = (support_access.EDIT, support_access.EDIT)
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        attachment = get_object_or_404(self.application.attachments, pk=kwargs["attachment_pk"])
        try:
            attachment_restore(attachment=attachment, actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("「%(name)s」の取り下げを取り消しました。") % {"name": attachment.original_name},
            )
        return redirect("documents:attachment-list", self.application.pk)


def attachment_response(attachment, *, actor) -> FileResponse:
    """The stored file as a download under its display name (RFC 6266 filename*), recorded."""
    try:
        stored = attachment.file.storage.open(attachment.file.name, "rb")
    except OSError as error:
        raise Http404(_("ファイルが見つかりません。")) from error
    attachment_download_record(attachment=attachment, actor=actor)
    response = FileResponse(stored, content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(True, download_name(attachment))
    response["Cache-Control"] = "private, no-store"
    return response


def attachment_download_view(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    attachment = get_object_or_404(attachments_for(request.user), pk=pk)
    return attachment_response(attachment, actor=request.user)


attachments_view = AttachmentsView.as_view()
attachment_delete_view = AttachmentDeleteView.as_view()
attachment_restore_view = AttachmentRestoreView.as_view()
