"""REST API v1: the notice and the application form as PDF (contract: API.md)."""

from django.urls import path

from documents import api

app_name = "documents_api"

urlpatterns = [
    path("applications/<int:pk>/notice/", api.notice_view, name="application-notice"),
    path("applications/<int:pk>/form.pdf", api.form_view, name="application-form-pdf"),
]
