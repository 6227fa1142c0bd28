"""Tasks through the API: the user's list, one task, claim it, complete it with a decision.

Claim and complete go through `workflow.services` (the same code as the staff pages), which
lock the process, check role and separation of duties, and run the approvals service. The body
of a completion is validated in full first, so a bad request never reaches the flow. Errors:
403 when the user may not act, 409 when the task is no longer open (saying who decided and
when) or the application's state refuses the decision.
"""

from contextlib import contextmanager

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.fields import DateTimeField
from rest_framework.response import Response
from viewflow.workflow.status import STATUS

from config.api import Conflict
from config.rest import JSONParser, error_responses
from workflow import services
from workflow.api.task_serializers import (
    TASK_LIST_SCHEMA,
    TASK_SCHEMA,
    TaskCompleteSerializer,
    TaskConflictSerializer,
    TaskQuerySerializer,
    TaskSerializer,
)
from workflow.constants import API_TASK_STATUS
from workflow.errors import TaskNotOpen
from workflow.flows import ApplicationFlow, step_of
from workflow.selectors import actionable_tasks, tasks_for_user

CLAIM_RESPONSES = {200: TASK_SCHEMA, **error_responses(403, 404), 409: TaskConflictSerializer}
COMPLETE_RESPONSES = {**CLAIM_RESPONSES, **error_responses(400)}


class TaskListView(generics.ListAPIView):
    """Tasks the user may act on now (`open`, the default), has finished (`done`), or both."""

    serializer_class = TaskSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return ApplicationFlow.task_class.objects.none()
        query = TaskQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return tasks_for_user(self.request.user, status=query.validated_data["status"])

    @extend_schema(
        parameters=[TaskQuerySerializer],
        responses={200: TASK_LIST_SCHEMA, **error_responses(400)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class TaskDetailView(generics.RetrieveAPIView):
    """One of the user's tasks (open, or finished by them); any other is 404."""

    serializer_class = TaskSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ApplicationFlow.task_class.objects.none()
        return tasks_for_user(self.request.user, status="all")

    @extend_schema(responses={200: TASK_SCHEMA, **error_responses(404)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class TaskActionView(generics.GenericAPIView):
    parser_classes = [JSONParser]

    def task(self):
        return get_object_or_404(actionable_tasks(self.request.user), pk=self.kwargs["pk"])

    def respond(self, pk):
        task = actionable_tasks(self.request.user).get(pk=pk)
        return Response(TaskSerializer(task).data)


@contextmanager
def task_errors(task):
    """TaskNotOpen → 409 naming who holds or decided the task (the rest: config.api)."""
    try:
        yield
    except TaskNotOpen as error:
        raise _not_open(error, task) from error


def _not_open(error, task) -> Conflict:
    task.refresh_from_db()  # as committed: the failed attempt changed nothing
    decided = task.status == STATUS.DONE
    owner = task.owner.username if task.owner else None
    return Conflict(
        error.message,
        extra={
            "status": API_TASK_STATUS.get(task.status, "cancelled"),  # ERROR: ended all the same
            "owner": owner,
            "decided_by": owner if decided else None,
            "decided_at": DateTimeField().to_representation(task.finished) if decided else None,
        },
    )


class TaskClaimView(TaskActionView):
    serializer_class = TaskSerializer

    @extend_schema(request=None, responses=CLAIM_RESPONSES)
    def post(self, request, pk):
        """Take the task into your own hands; 409 if someone else holds it."""
        task = self.task()
        with task_errors(task):
            services.task_claim(task=task, user=request.user)
        return self.respond(pk)


class TaskCompleteView(TaskActionView):
    serializer_class = TaskCompleteSerializer

    @extend_schema(request=TaskCompleteSerializer, responses=COMPLETE_RESPONSES)
    def post(self, request, pk):
        """Decide the task; the response shows the task done and the application's new status."""
        task = self.task()
        serializer = TaskCompleteSerializer(data=request.data, context={"step": step_of(task)})
        serializer.is_valid(raise_exception=True)
        with task_errors(task):
            services.task_complete(task=task, user=request.user, **serializer.service_kwargs())
        return self.respond(pk)


task_list_view = TaskListView.as_view()
task_detail_view = TaskDetailView.as_view()
task_claim_view = TaskClaimView.as_view()
task_complete_view = TaskCompleteView.as_view()
