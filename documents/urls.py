"""Pages of the documents app: the portal's 添付書類 section, attachment and PDF downloads, and
the staff's retry of a notice that failed to issue."""

from django.urls import path

from documents.attachments import views as attachments
from documents.issued import views as issued

app_name = "documents"
urlpatterns = [
    path(
        "portal/applications/<int:pk>/attachments/",
        attachments.attachments_view,
        name="attachment-list",
    ),
    path(
        "portal/applications/<int:pk>/attachments/<int:attachment_pk>/delete/",
        attachments.attachment_delete_view,
        name="attachment-delete",
    ),
    path(
        "portal/applications/<int:pk>/attachments/<int:attachment_pk>/restore/",
        attachments.attachment_restore_view,
        name="attachment-restore",
    ),
    path(
        "portal/attachments/<int:pk>/download/",
        attachments.attachment_download_view,
        name="attachment-download",
    ),
    path(
        "documents/applications/<int:pk>/notice.pdf",
        issued.notice_download_view,
        name="notice-download",
    ),
    path(
        "documents/applications/<int:pk>/form.pdf",
        issued.form_download_view,
        name="form-download",
    ),
    path(
        "documents/applications/<int:pk>/notice/retry/",
        issued.notice_retry_view,
        name="notice-retry",
    ),
    path(
        "documents/applications/<int:pk>/revocation/hearing-notice.pdf",
        issued.hearing_notice_download_view,
        name="hearing-notice-download",
    ),
    path(
        "documents/applications/<int:pk>/revocation/notice.pdf",
        issued.revocation_notice_download_view,
        name="revocation-notice-download",
    ),
    path("verify/<str:code>/", issued.verify_view, name="verify"),
]
