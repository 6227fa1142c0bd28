"""REST API v1 of attachments (API.md): list and upload, read and delete, download."""

from django.urls import path

from documents import attachment_api

app_name = "attachments_api"
urlpatterns = [
    path(
        "applications/<int:pk>/attachments/",
        attachment_api.attachment_list_view,
        name="attachment-list",
    ),
    path("attachments/<int:pk>/", attachment_api.attachment_detail_view, name="attachment-detail"),
    path(
        "attachments/<int:pk>/download/",
        attachment_api.attachment_download_view,
        name="attachment-download",
    ),
]
