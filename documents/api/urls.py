"""REST API v1 of the documents app (API.md): attachments, the notice and the form as PDF."""

from django.urls import path

from documents.attachments import api as attachments
from documents.attachments import evidence
from documents.issued import api as issued

app_name = "documents_api"
urlpatterns = [
    path(
        "applications/<int:pk>/attachments/",
        attachments.attachment_list_view,
        name="attachment-list",
    ),
    path("attachments/<int:pk>/", attachments.attachment_detail_view, name="attachment-detail"),
    path(
        "attachments/<int:pk>/download/",
        attachments.attachment_download_view,
        name="attachment-download",
    ),
    path("applications/<int:pk>/notice/", issued.notice_view, name="application-notice"),
    path("applications/<int:pk>/form.pdf", issued.form_view, name="application-form-pdf"),
    path(
        "applications/<int:pk>/revocation/hearing-notice.pdf",
        issued.hearing_notice_view,
        name="application-hearing-notice-pdf",
    ),
    path(
        "applications/<int:pk>/revocation/notice.pdf",
        issued.revocation_notice_view,
        name="application-revocation-notice-pdf",
    ),
    path("verify/<str:code>/", issued.verify_view, name="verify"),
    path("company/evidence/", evidence.evidence_upload_view, name="company-evidence"),
]
