"""Portal pages that move the flow: 確認と提出 and 取下げ (under /portal/)."""

from django.urls import path

from workflow import portal_views

app_name = "workflow"
urlpatterns = [
    path("applications/<int:pk>/submit/", portal_views.submit_view, name="application-submit"),
    path(
        "applications/<int:pk>/submitted/",
        portal_views.submitted_view,
        name="application-submitted",
    ),
    path(
        "applications/<int:pk>/withdraw/",
        portal_views.withdraw_view,
        name="application-withdraw",
    ),
]
