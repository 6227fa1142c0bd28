"""Refused task requests: 400 before the flow moves, 403 for who may not, 409 for what is no
longer open. Every one of them leaves the application, its tasks and the decisions as they were.
"""

from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from viewflow.workflow.exceptions import FlowLockFailed

from approvals.models import Application
from tests import factories
from tests.api.conftest import client_for
from tests.api.task_support import (
    add_role,
    claim,
    clients_of,
    complete,
    listed,
    make_staff,
    task_id,
    world,
)
from workflow.flows import ApplicationFlow
from workflow.services import open_task


@pytest.fixture
def staff(db):
    return make_staff()


@pytest.fixture
def clients(staff):
    return clients_of(staff)


@pytest.fixture
def submitted(client_a, draft):
    response = client_a.post(f"/api/v1/applications/{draft.pk}/submit/", {}, format="json")
    assert response.status_code == 200, response.json()
    return Application.objects.get(pk=draft.pk)


@pytest.fixture
def under_review(submitted, clients):
    complete(clients["intake"], task_id(submitted, "intake"), "accept")
    return Application.objects.get(pk=submitted.pk)


@pytest.fixture
def awaiting_decision(under_review, clients):
    complete(clients["reviewer"], task_id(under_review, "review"), "recommend_refusal", "普及")
    return Application.objects.get(pk=under_review.pk)


def refused(response, code: int, application, before) -> dict:
    assert response.status_code == code, response.json()
    assert world(application) == before
    return response.json()


# 400: validated before the flow is touched


@pytest.mark.django_db
@pytest.mark.parametrize("comment", ["", "   "])
def test_refusal_without_reasons_is_400(awaiting_decision, clients, comment):
    before = world(awaiting_decision)
    body = refused(
        complete(clients["approver"], task_id(awaiting_decision, "decision"), "refuse", comment),
        400,
        awaiting_decision,
        before,
    )
    assert "行政手続法第8条" in body["errors"]["comment"][0]
    assert Application.objects.get(pk=awaiting_decision.pk).status == "awaiting_decision"
    assert open_task(awaiting_decision, "decision").status == "NEW"


@pytest.mark.django_db
@pytest.mark.parametrize(("decision", "comment"), [("approve", ""), ("refuse", "理由")])
@pytest.mark.parametrize("blank", ["governor_name", "governor_title"])
def test_a_decision_without_the_governor_set_is_409_and_takes_nothing(
    awaiting_decision, clients, decision, comment, blank
):
    """A notice must name its issuer: with the governor's name (or title) not set, the decision
    is refused whole — no number, no record, the task still open — with what to do."""
    from approvals.models import Authority

    Authority.objects.filter(pk=Authority.current().pk).update(**{blank: " "})
    before = world(awaiting_decision)
    pk = task_id(awaiting_decision, "decision")
    body = refused(
        complete(clients["approver"], pk, decision, comment), 409, awaiting_decision, before
    )
    assert "「承認権者の設定」で職名と氏名を設定" in body["detail"]
    assert open_task(awaiting_decision, "decision").status == "NEW"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "step", "role"),
    [("submitted", "intake", "intake"), ("under_review", "review", "reviewer")],
)
def test_return_without_comment_is_400(request, clients, state, step, role):
    application = request.getfixturevalue(state)
    before = world(application)
    response = complete(clients[role], task_id(application, step), "return", " ")
    body = refused(response, 400, application, before)
    assert list(body["errors"]) == ["comment"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"decision": "approve"}, "decision"),  # not an intake decision
        ({"decision": "maybe"}, "decision"),
        ({}, "decision"),
        ({"decision": "accept", "checklist": {"novelity": True}}, "checklist"),
        ({"decision": "accept", "checklist": ["novelty"]}, "checklist"),
        ({"decision": "accept", "comment": "x" * 4001}, "comment"),
    ],
)
def test_bad_bodies_are_400(submitted, clients, payload, field):
    before = world(submitted)
    response = clients["intake"].post(
        f"/api/v1/tasks/{task_id(submitted, 'intake')}/complete/", payload, format="json"
    )
    body = refused(response, 400, submitted, before)
    assert field in body["errors"]


# 403: the user may not act on this task


@pytest.mark.django_db
def test_reviewer_completing_an_intake_task_is_403(submitted, clients):
    before = world(submitted)
    body = refused(
        complete(clients["reviewer"], task_id(submitted, "intake"), "accept"),
        403,
        submitted,
        before,
    )
    assert body["detail"] == "「受付」を行う権限がありません（担当の役割が違います）。"
    assert body["errors"] == {}


@pytest.mark.django_db
def test_approver_may_not_decide_what_they_reviewed(under_review, clients, staff):
    both = factories.make_user("approver", username="rev-and-app")
    add_role(both, "reviewer")
    client = client_for(both)
    response = complete(client, task_id(under_review, "review"), "recommend_approval", "妥当")
    assert response.status_code == 200, response.json()
    decide = task_id(under_review, "decision")
    assert listed(client) == []  # not offered in their queue
    assert [t["id"] for t in listed(clients["approver"])] == [decide]

    before = world(under_review)
    for response in (claim(client, decide), complete(client, decide, "approve")):
        body = refused(response, 403, under_review, before)
        assert body["detail"] == "この申請を審査した職員は決裁できません。"


@pytest.mark.django_db
def test_staff_member_of_the_applicants_company_is_403(submitted, company, clients, staff):
    company.members.add(staff["intake"])
    intake = task_id(submitted, "intake")
    assert listed(clients["intake"]) == []
    before = world(submitted)
    for response in (
        claim(clients["intake"], intake),
        complete(clients["intake"], intake, "accept"),
    ):
        body = refused(response, 403, submitted, before)
        assert body["detail"] == "自社（所属する企業）の申請は担当できません。"


@pytest.mark.django_db
def test_applicant_claiming_a_staff_task_is_403(submitted, client_a, client_b):
    intake = task_id(submitted, "intake")
    before = world(submitted)
    refused(claim(client_a, intake), 403, submitted, before)
    refused(complete(client_a, intake, "accept"), 403, submitted, before)
    # Another company's applicant does not even learn that the task exists.
    refused(claim(client_b, intake), 404, submitted, before)


# 409: no longer open, or the application's state refuses it


@pytest.mark.django_db
def test_completing_a_finished_task_says_who_decided_and_when(submitted, clients, staff):
    intake = task_id(submitted, "intake")
    assert complete(clients["intake"], intake, "accept").status_code == 200
    finished = ApplicationFlow.task_class.objects.get(pk=intake).finished
    other = client_for(factories.make_user("intake", username="intake2"))

    before = world(submitted)
    for client in (clients["intake"], other):
        body = refused(complete(client, intake, "return", "遅れて補正依頼"), 409, submitted, before)
        assert body["decided_by"] == "intake"
        assert datetime.fromisoformat(body["decided_at"]) == finished
        assert (body["status"], body["owner"], body["errors"]) == ("done", "intake", {})
        assert "処理済み" in body["detail"]
    refused(claim(other, intake), 409, submitted, before)


@pytest.mark.django_db
def test_claiming_a_task_someone_else_holds_is_409(submitted, clients):
    intake = task_id(submitted, "intake")
    other = client_for(factories.make_user("intake", username="intake2"))
    assert claim(clients["intake"], intake).status_code == 200
    assert claim(clients["intake"], intake).status_code == 200  # again: still theirs

    before = world(submitted)
    for response in (claim(other, intake), complete(other, intake, "accept")):
        body = refused(response, 409, submitted, before)
        assert (body["status"], body["owner"], body["decided_by"]) == ("assigned", "intake", None)
        assert "担当しています" in body["detail"]


@pytest.mark.django_db
def test_correction_that_cannot_be_resubmitted_is_409_until_acknowledged(
    submitted, client_a, clients
):
    complete(clients["intake"], task_id(submitted, "intake"), "return", "給与総額を見直し")
    submitted.figures.filter(year=3).update(total_salary=18_000)  # fails the salary criterion
    correction = task_id(submitted, "correction")
    before = world(submitted)
    body = refused(complete(client_a, correction, "resubmit"), 409, submitted, before)
    assert body["errors"]["non_field_errors"]

    response = complete(client_a, correction, "resubmit", checklist={"acknowledge_failures": True})
    assert response.status_code == 200, response.json()
    assert response.json()["application_status"] == "submitted"
    assert Application.objects.get(pk=submitted.pk).acknowledged_failures is True


@pytest.mark.django_db
def test_a_busy_flow_lock_is_409_to_retry(submitted, clients):
    before = world(submitted)
    with mock.patch(
        "workflow.services.ApplicationFlow.lock", side_effect=FlowLockFailed("Lock failed")
    ):
        response = complete(clients["intake"], task_id(submitted, "intake"), "accept")
    body = refused(response, 409, submitted, before)
    assert body == {"detail": "処理が混み合っています。もう一度お試しください。", "errors": {}}
    assert response["Retry-After"] == "1"


@pytest.mark.django_db
def test_the_api_and_the_task_page_say_who_decided_in_the_same_words(submitted, clients, staff):
    """The 409 names the decider as the task page does (their name, not the login name) and
    gives the time in Asia/Tokyo."""
    staff["intake"].first_name, staff["intake"].last_name = "花子", "受付"
    staff["intake"].save(update_fields=["first_name", "last_name"])
    intake = task_id(submitted, "intake")
    assert complete(clients["intake"], intake, "accept").status_code == 200
    task = ApplicationFlow.task_class.objects.get(pk=intake)
    finished = task.finished.astimezone(ZoneInfo("Asia/Tokyo"))
    tokyo = f"{finished.year}年{finished.month}月{finished.day}日 {finished.hour}時{finished:%M}分"
    expected = f"このタスクは花子 受付さんが{tokyo}に処理済みです。"

    body = complete(clients["intake"], intake, "accept").json()
    assert body["detail"] == expected
    assert body["decided_by"] == "intake"  # the field stays the login name
    browser = Client()
    browser.force_login(staff["intake"])
    page = browser.get(task.flow_task.reverse("detail", args=[task.process_id, intake]))
    assert expected in page.content.decode()


@pytest.mark.django_db
def test_a_task_of_a_withdrawn_application_says_the_procedure_ended(submitted, clients, client_a):
    """Withdrawal cancels the task someone held: acting on it says the procedure ended, not that
    the holder processed it."""
    intake = task_id(submitted, "intake")
    assert claim(clients["intake"], intake).status_code == 200
    response = client_a.post(f"/api/v1/applications/{submitted.pk}/withdraw/", {}, format="json")
    assert response.status_code == 200, response.json()

    before = world(submitted)
    body = refused(complete(clients["intake"], intake, "accept"), 409, submitted, before)
    assert body["detail"] == "この手続は終了しています（申請の取下げなど）。"
    assert body["status"] == "cancelled"


@pytest.mark.django_db
def test_the_administrator_may_not_take_a_step(submitted):
    """The admin is a superuser of the Django admin, not of the flow: 403, nothing changed."""
    admin = client_for(factories.make_user("admin", username="admin1"))
    intake = task_id(submitted, "intake")
    before = world(submitted)
    assert listed(admin) == []
    for response in (claim(admin, intake), complete(admin, intake, "accept")):
        body = refused(response, 403, submitted, before)
        assert body["detail"] == "「受付」を行う権限がありません（担当の役割が違います）。"


@pytest.mark.django_db
def test_one_person_takes_one_step_of_an_application(submitted, clients, staff):
    """Whoever took the intake may not review the same application, even with both roles."""
    add_role(staff["intake"], "reviewer")
    assert complete(clients["intake"], task_id(submitted, "intake"), "accept").status_code == 200
    review = task_id(submitted, "review")
    assert review not in [t["id"] for t in listed(clients["intake"])]
    before = world(submitted)
    body = refused(
        complete(clients["intake"], review, "recommend_approval", "妥当"), 403, submitted, before
    )
    assert "受付を担当した職員は審査を担当できません" in body["detail"]
