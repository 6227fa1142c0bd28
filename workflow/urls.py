"""Portal pages that move the flow: 確認と提出 and 取下げ.

The staff site (/staff/) is viewflow's `Site` (workflow.staff), mounted by config.urls with
its own namespace, `staff`.
"""

from django.urls import path

from workflow import delegation_letters, follow_ups, portal_views, revocation

app_name = "workflow"
urlpatterns = [
    path(
        "portal/applications/<int:pk>/submit/",
        portal_views.submit_view,
        name="application-submit",
    ),
    path(
        "portal/applications/<int:pk>/submitted/",
        portal_views.submitted_view,
        name="application-submitted",
    ),
    path(
        "portal/applications/<int:pk>/withdraw/",
        portal_views.withdraw_view,
        name="application-withdraw",
    ),
    # Revocation of an approval (staff): before the staff site's own /staff/ routes.
    path(
        "staff/applications/<int:pk>/follow-ups/",
        follow_ups.follow_ups_view,
        name="follow-ups",
    ),
    path(
        "staff/applications/<int:pk>/delegations/<int:delegation>/letter/",
        delegation_letters.delegation_letter_view,
        name="delegation-letter",
    ),
    path(
        "staff/applications/<int:pk>/revocation/",
        revocation.revocation_view,
        name="revocation",
    ),
    path(
        "staff/applications/<int:pk>/revocation/open/",
        revocation.revocation_open_view,
        name="revocation-open",
    ),
    path(
        "staff/applications/<int:pk>/revocation/hearing/",
        revocation.revocation_hearing_view,
        name="revocation-hearing",
    ),
    path(
        "staff/applications/<int:pk>/revocation/decide/",
        revocation.revocation_decide_view,
        name="revocation-decide",
    ),
]
