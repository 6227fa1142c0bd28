"""URL map: applicant portal, staff site, accounts, the REST API and its schema, Django admin."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from accounts import views as accounts_views
from approvals.targets.views import target_dashboard_view
from approvals.views.home import home_view
from workflow.staff import staff_site

urlpatterns = [
    path("", home_view, name="home"),
    path("targets/", target_dashboard_view, name="targets"),
    path("targets/<slug:code>/", target_dashboard_view, name="target-series"),
    path("accounts/", include("accounts.urls")),
    path("portal/", include("approvals.urls")),
    path("portal/", include("workflow.portal_urls")),
    path("portal/", include("documents.urls_portal")),
    path("staff/", staff_site.urls),
    path("documents/", include("documents.urls")),
    path("api/v1/", include("workflow.api.urls")),
    path("api/v1/", include("documents.urls_api")),
    path("api/v1/", include("documents.urls_attachments")),
    path("api/v1/", include("approvals.api.urls")),
    path("api/v1/", include("accounts.api_urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/docs/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-docs"),
    path("i18n/setlang/", accounts_views.language_view, name="set_language"),
    path("admin/", admin.site.urls),
]
