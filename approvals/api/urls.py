"""REST API v1 of the approvals app (contract: API.md); submit/withdraw live in workflow.api."""

from django.urls import path

from approvals.api import advice_views as advice
from approvals.api import application_views as applications
from approvals.api import change_views as change
from approvals.api import delegations, ending, particulars, views
from approvals.api import revocation_views as revocation
from approvals.followups import api as follow_ups
from approvals.targets import api as targets

app_name = "approvals_api"

urlpatterns = [
    path("me/", views.me_view, name="me"),
    path("company/", views.company_view, name="company"),
    path("company/history/", particulars.company_history_view, name="company-history"),
    path("company/delegations/", delegations.delegation_list_view, name="delegation-list"),
    path(
        "company/delegations/<int:pk>/",
        delegations.delegation_detail_view,
        name="delegation-detail",
    ),
    path("targets/", targets.TargetListView.as_view(), name="target-list"),
    # Before the series: no series is called processing-times.
    path(
        "targets/processing-times/",
        targets.ProcessingTimesView.as_view(),
        name="target-processing-times",
    ),
    path("targets/<slug:code>/", targets.TargetDetailView.as_view(), name="target-detail"),
    path(
        "targets/<slug:code>/breakdown/",
        targets.TargetBreakdownView.as_view(),
        name="target-breakdown",
    ),
    path("targets/<slug:code>.csv", targets.target_csv_view, name="target-csv"),
    path("targets/<slug:code>.xlsx", targets.target_xlsx_view, name="target-xlsx"),
    path("applications/", applications.application_list_view, name="application-list"),
    path(
        "applications/<int:pk>/",
        applications.application_detail_view,
        name="application-detail",
    ),
    path(
        "applications/<int:pk>/check/",
        applications.application_check_view,
        name="application-check",
    ),
    path(
        "applications/<int:pk>/history/",
        applications.application_history_view,
        name="application-history",
    ),
    path(
        "applications/<int:pk>/versions/",
        applications.application_versions_view,
        name="application-versions",
    ),
    path(
        "applications/<int:pk>/versions/<int:number>/",
        applications.application_version_view,
        name="application-version",
    ),
    path(
        "applications/<int:pk>/revocation/",
        revocation.revocation_view,
        name="application-revocation",
    ),
    path(
        "applications/<int:pk>/revocation/hearing/",
        revocation.revocation_hearing_view,
        name="application-revocation-hearing",
    ),
    path(
        "applications/<int:pk>/revocation/decide/",
        revocation.revocation_decide_view,
        name="application-revocation-decide",
    ),
    path(
        "applications/<int:pk>/discontinue/",
        ending.discontinue_view,
        name="application-discontinue",
    ),
    path(
        "applications/<int:pk>/follow-ups/",
        follow_ups.application_follow_ups_view,
        name="application-follow-ups",
    ),
    path(
        "applications/<int:pk>/change/",
        change.change_create_view,
        name="application-change",
    ),
    path("applications/<int:pk>/diff/", change.diff_view, name="application-diff"),
    path(
        "applications/<int:pk>/confirmations/",
        advice.confirmation_list_view,
        name="application-confirmations",
    ),
    path(
        "applications/<int:pk>/comments/",
        advice.comment_list_view,
        name="application-comments",
    ),
    path("follow-ups/", follow_ups.follow_up_list_view, name="follow-up-list"),
    path("follow-ups/<int:pk>/", follow_ups.follow_up_detail_view, name="follow-up-detail"),
    path(
        "follow-ups/<int:pk>/submit/",
        follow_ups.follow_up_submit_view,
        name="follow-up-submit",
    ),
]
