"""The applicant's portal under /portal/ (submission and withdrawal: workflow.portal_urls)."""

from django.urls import path

from approvals.views import figures, portal, sections

app_name = "approvals"
urlpatterns = [
    path("company/", portal.company_view, name="company"),
    path("applications/", portal.application_list_view, name="application-list"),
    path("applications/new/", portal.application_create_view, name="application-create"),
    path("applications/<int:pk>/", portal.application_detail_view, name="application-detail"),
    path(
        "applications/<int:pk>/delete/",
        portal.application_delete_view,
        name="application-delete",
    ),
    path("applications/<int:pk>/overview/", sections.overview_view, name="application-overview"),
    path("applications/<int:pk>/figures/", figures.figures_view, name="application-figures"),
    path(
        "applications/<int:pk>/figures/preview/",
        figures.figures_preview_view,
        name="application-figures-preview",
    ),
    path("applications/<int:pk>/schedule/", sections.schedule_view, name="application-schedule"),
    path("applications/<int:pk>/funding/", sections.funding_view, name="application-funding"),
    path("applications/<int:pk>/support/", sections.support_view, name="application-support"),
]
