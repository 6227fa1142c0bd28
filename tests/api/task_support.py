"""Shared pieces of the task API tests: staff users, task look-ups, and a whole-state snapshot."""

from django.contrib.auth.models import Group

from approvals.models import Approval, ApprovalCounter, DocumentCounter, Refusal, Review
from tests import factories
from tests.api.conftest import client_for, stored_state
from workflow.flows import ApplicationFlow
from workflow.services import open_task

TASKS = "/api/v1/tasks/"


def make_staff() -> dict:
    """One user per staff step, named after the role (`intake`, `reviewer`, `approver`)."""
    return {
        role: factories.make_user(role, username=role, email=f"{role}@pref.example.jp")
        for role in ("intake", "reviewer", "approver")
    }


def clients_of(users: dict) -> dict:
    return {role: client_for(user) for role, user in users.items()}


def add_role(user, role: str) -> None:
    user.groups.add(Group.objects.get(name=role))
    user.refresh_from_db()


def task_id(application, step: str) -> int:
    task = open_task(application, step)
    assert task is not None, f"no open {step} task"
    return task.pk


def complete(client, pk: int, decision: str, comment: str = "", **body):
    payload = {"decision": decision, "comment": comment, **body}
    return client.post(f"{TASKS}{pk}/complete/", payload, format="json")


def claim(client, pk: int):
    return client.post(f"{TASKS}{pk}/claim/", format="json")


def listed(client, status: str = "open") -> list[dict]:
    response = client.get(TASKS, {"status": status})
    assert response.status_code == 200, response.json()
    return response.json()["results"]


def world(application) -> dict:
    """The application, its tasks and processes, and every decision record: a refused request
    must leave all of it as it was."""
    tasks = ApplicationFlow.task_class.objects.filter(
        process__applicationprocess__application=application
    ).order_by("pk")
    return {
        "application": stored_state(application),
        "tasks": list(tasks.values("pk", "status", "owner_id", "started", "finished")),
        "processes": list(application.processes.order_by("pk").values("pk", "status")),
        "reviews": list(Review.objects.filter(application=application).values()),
        "approvals": list(Approval.objects.values()),
        "refusals": list(Refusal.objects.values()),
        "counters": list(ApprovalCounter.objects.values()),
        "document_counters": list(DocumentCounter.objects.values()),
    }
