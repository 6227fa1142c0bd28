"""Document downloads for the portal and the staff pages, and the staff's notice retry."""

from django.urls import path

from documents import views

app_name = "documents"
urlpatterns = [
    path(
        "applications/<int:pk>/notice.pdf",
        views.notice_download_view,
        name="notice-download",
    ),
    path("applications/<int:pk>/form.pdf", views.form_download_view, name="form-download"),
    path(
        "applications/<int:pk>/notice/retry/",
        views.notice_retry_view,
        name="notice-retry",
    ),
]
