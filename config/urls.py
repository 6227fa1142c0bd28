"""URL map. Each app has one `urls.py` (its pages, whole paths, namespace = app name) and one
`api/urls.py` (its /api/v1/ routes, namespace `<app>_api`):

- accounts: /accounts/terms/, /source/, /i18n/setlang/; API auth/token/, auth/logout/;
  sign-in, sign-up and the second factor: django-allauth at /accounts/ (its own URL names)
- approvals: /, /targets/…, the portal's plan pages under /portal/; API me, company,
  applications, targets
- workflow: /portal/…/submit|submitted|withdraw/; API submit, withdraw, tasks; and the
  staff site /staff/ (viewflow's Site, namespace `staff`)
- documents: /portal/…/attachments/…, /documents/… downloads; API attachments, notice, form
"""

from allauth.account.decorators import secure_admin_login
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from config import health
from workflow.staff import staff_site

# ReDoc styles itself with injected <style> elements and renders in a worker from a blob: URL;
# the documentation page (no personal data on it) allows those two, every other page neither.
api_docs_view = csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]})(
    SpectacularRedocView.as_view(url_name="api-schema")
)

# The admin signs in through the site's sign-in (password, then the second factor, the lockout),
# never through Django's own admin form, which knows of neither.
admin.site.login = secure_admin_login(admin.site.login)

api_v1 = [
    path("", include("accounts.api.urls")),
    path("", include("approvals.api.urls")),
    path("", include("workflow.api.urls")),
    path("", include("documents.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", api_docs_view, name="api-docs"),
]

handler400 = "config.views.bad_request"
handler404 = "config.views.page_not_found"

urlpatterns = [
    # For the load balancer: liveness and readiness (config.health).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("approvals.urls")),
    path("", include("workflow.urls")),
    path("", include("documents.urls")),
    path("staff/", staff_site.urls),
    path("api/v1/", include(api_v1)),
    path(settings.ADMIN_URL, admin.site.urls),
]
