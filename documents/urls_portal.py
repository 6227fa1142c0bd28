"""Portal pages of attachments (under /portal/): the 添付書類 section, deleting, downloading."""

from django.urls import path

from documents import attachment_views

# Not "documents": documents.urls (the notices, under /documents/) has that namespace.
app_name = "attachments"
urlpatterns = [
    path(
        "applications/<int:pk>/attachments/",
        attachment_views.attachments_view,
        name="list",
    ),
    path(
        "applications/<int:pk>/attachments/<int:attachment_pk>/delete/",
        attachment_views.attachment_delete_view,
        name="delete",
    ),
    path(
        "attachments/<int:pk>/download/",
        attachment_views.attachment_download_view,
        name="download",
    ),
]
