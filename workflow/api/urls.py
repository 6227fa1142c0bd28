"""REST API v1 of the flow: the actions that start or cancel an application's process."""

from django.urls import path

from workflow.api import views

app_name = "workflow_api"

urlpatterns = [
    path("applications/<int:pk>/submit/", views.submit_view, name="application-submit"),
    path("applications/<int:pk>/withdraw/", views.withdraw_view, name="application-withdraw"),
]
