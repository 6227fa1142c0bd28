"""Pages of the approvals app: the top page, the target ② dashboard and the applicant's portal.

Submitting and withdrawing are the flow's (workflow.urls); attachments and downloads are the
documents app's (documents.urls).
"""

from django.urls import path

from approvals.followups import views as follow_ups
from approvals.targets import views as targets
from approvals.views import (
    advice,
    change,
    delegations,
    ending,
    figures,
    home,
    mails,
    portal,
    sections,
)

app_name = "approvals"
urlpatterns = [
    path("", home.home_view, name="home"),
    path("targets/", targets.target_dashboard_view, name="targets"),
    path("targets/<slug:code>/", targets.target_dashboard_view, name="target-series"),
    path(
        "mails/applications/<int:pk>/<int:mail_pk>/retry/",
        mails.mail_retry_view,
        name="mail-retry",
    ),
    path("portal/company/", portal.company_view, name="company"),
    path("portal/delegations/", delegations.delegations_view, name="delegations"),
    path(
        "portal/delegations/<int:pk>/revoke/",
        delegations.delegation_revoke_view,
        name="delegation-revoke",
    ),
    path(
        "portal/delegations/<int:pk>/letter/",
        delegations.delegation_letter_view,
        name="delegation-letter",
    ),
    path("portal/follow-ups/<int:pk>/", follow_ups.follow_up_view, name="follow-up"),
    path("portal/applications/", portal.application_list_view, name="application-list"),
    path("portal/applications/new/", portal.application_create_view, name="application-create"),
    path(
        "portal/applications/<int:pk>/",
        portal.application_detail_view,
        name="application-detail",
    ),
    path(
        "portal/applications/<int:pk>/delete/",
        portal.application_delete_view,
        name="application-delete",
    ),
    path(
        "portal/applications/<int:pk>/discontinue/",
        ending.discontinue_view,
        name="application-discontinue",
    ),
    path(
        "portal/applications/<int:pk>/change/",
        change.change_view,
        name="application-change",
    ),
    path(
        "portal/applications/<int:pk>/copy/",
        portal.application_copy_view,
        name="application-copy",
    ),
    path(
        "portal/applications/<int:pk>/confirmation/",
        advice.confirmation_view,
        name="application-confirmation",
    ),
    path(
        "portal/applications/<int:pk>/advice/",
        advice.advice_view,
        name="application-advice",
    ),
    path(
        "portal/applications/<int:pk>/overview/",
        sections.overview_view,
        name="application-overview",
    ),
    path(
        "portal/applications/<int:pk>/figures/",
        figures.figures_view,
        name="application-figures",
    ),
    path(
        "portal/applications/<int:pk>/figures/preview/",
        figures.figures_preview_view,
        name="application-figures-preview",
    ),
    path(
        "portal/applications/<int:pk>/schedule/",
        sections.schedule_view,
        name="application-schedule",
    ),
    path(
        "portal/applications/<int:pk>/funding/",
        sections.funding_view,
        name="application-funding",
    ),
    path(
        "portal/applications/<int:pk>/support/",
        sections.support_view,
        name="application-support",
    ),
]
