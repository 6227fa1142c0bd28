"""REST API v1 of the flow: submit and withdraw an application, and the tasks of its process."""

from django.urls import path

from workflow.api import task_views, views

app_name = "workflow_api"

urlpatterns = [
    path("applications/<int:pk>/submit/", views.submit_view, name="application-submit"),
    path("applications/<int:pk>/withdraw/", views.withdraw_view, name="application-withdraw"),
    path("tasks/", task_views.task_list_view, name="task-list"),
    path("tasks/<int:pk>/", task_views.task_detail_view, name="task-detail"),
    path("tasks/<int:pk>/claim/", task_views.task_claim_view, name="task-claim"),
    path("tasks/<int:pk>/complete/", task_views.task_complete_view, name="task-complete"),
]
