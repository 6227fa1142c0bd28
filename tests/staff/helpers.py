"""Driving the staff pages as a clerk clicks them: open the task, claim it, decide, confirm."""

from django.test import Client
from django.urls import reverse

from workflow.services import open_task


def task_urls(task) -> dict[str, str]:
    args = [task.process_id, task.pk]
    return {
        name: task.flow_task.reverse(name, args=args)
        for name in ("index", "assign", "execute", "detail", "unassign")
    }


def submit(client, application, **data):
    return client.post(reverse("workflow:application-submit", args=[application.pk]), data)


def claim(client, application, step):
    """Open the task from its link (index → claim page) and claim it; returns the task."""
    task = open_task(application, step)
    assert task is not None, f"no open {step} task"
    urls = task_urls(task)
    response = client.get(urls["index"])
    assert response.status_code == 302, response
    assert response["Location"] == urls["assign"]
    assert client.get(urls["assign"]).status_code == 200
    response = client.post(urls["assign"])
    assert response["Location"] == urls["execute"]
    return task


def decide(client, application, step, decision, comment="", **extra):
    """Claim, press the decision button, check the confirmation page, confirm."""
    task = claim(client, application, step)
    urls = task_urls(task)
    page = client.get(urls["execute"])
    assert page.status_code == 200
    data = {"decision": decision, "comment": comment, **extra}
    confirmation = client.post(urls["execute"], data)
    assert confirmation.status_code == 200
    assert "よろしいですか" in confirmation.content.decode(), confirmation.content.decode()[:3000]
    response = client.post(urls["execute"], {**data, "confirm": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    return page, confirmation, response


def advance(application, step, user, decision, comment="", **extra):
    """Complete a step from code (as the API would), to reach a later step quickly."""
    from workflow import services

    task = open_task(application, step)
    services.task_complete(task=task, user=user, decision=decision, comment=comment, **extra)
    application.refresh_from_db()
    return application


def awaiting_decision(application, applicant, staff, reviewer=None):
    from workflow import services

    services.application_submit(
        application=application, actor=applicant, acknowledge_failures=False
    )
    advance(application, "intake", staff["intake"], "accept")
    return advance(
        application,
        "review",
        reviewer or staff["reviewer"],
        "recommend_refusal",
        memo="普及している",  # the review's opinion: internal
    )


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def submit_new(company, applicant):
    """A new application of the company, submitted by the applicant (it waits for intake)."""
    from tests import factories
    from workflow import services

    application = factories.make_application(company, applicant)
    services.application_submit(
        application=application, actor=applicant, acknowledge_failures=False
    )
    return application
