"""The procedure driven through the task API: who sees which task, and each step's outcome."""

from datetime import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from approvals.fiscal import fiscal_year_of
from approvals.models import Application, Approval, Review
from tests import factories
from tests.api.conftest import client_for
from tests.api.task_support import TASKS, claim, clients_of, complete, listed, make_staff, task_id
from workflow.services import open_task


@pytest.fixture
def staff(db):
    return make_staff()


@pytest.fixture
def clients(staff):
    return clients_of(staff)


def detail(client, application):
    return client.get(f"/api/v1/applications/{application.pk}/").json()


@pytest.mark.django_db
def test_whole_journey_through_the_api(client_a, draft, clients, staff):
    """Submit, return for correction, resubmit through the correction task, accept, recommend,
    approve: the application ends with its number, and the history names every actor."""
    submitted = client_a.post(f"/api/v1/applications/{draft.pk}/submit/", {}, format="json")
    assert submitted.status_code == 200, submitted.json()

    queue = listed(clients["intake"])
    assert [(t["application"], t["reference"], t["step"], t["status"]) for t in queue] == [
        (draft.pk, draft.reference, "intake", "new")
    ]
    assert queue[0]["owner"] is None and queue[0]["due"] is None
    assert listed(clients["reviewer"]) == [] and listed(clients["approver"]) == []
    intake = queue[0]["id"]

    claimed = claim(clients["intake"], intake)
    assert claimed.status_code == 200, claimed.json()
    assert (claimed.json()["status"], claimed.json()["owner"]) == ("assigned", "intake")

    returned = complete(clients["intake"], intake, "return", "決算書が1期分不足しています。")
    assert returned.status_code == 200, returned.json()
    assert returned.json()["status"] == "done"
    assert returned.json()["application_status"] == "returned"

    # The applicant's correction task, and no staff task in the meantime.
    [correction] = listed(client_a)
    assert (correction["step"], correction["status"], correction["owner"]) == (
        "correction",
        "assigned",
        "applicant-a@example.jp",
    )
    assert listed(clients["intake"]) == []
    resubmitted = complete(client_a, correction["id"], "resubmit")
    assert resubmitted.status_code == 200, resubmitted.json()
    assert resubmitted.json()["application_status"] == "submitted"
    assert detail(client_a, draft)["version"] == 2
    assert [t["step"] for t in listed(client_a, "done")] == ["correction"]

    accepted = complete(clients["intake"], task_id(draft, "intake"), "accept")
    assert accepted.json()["application_status"] == "under_review"
    assert [t["step"] for t in listed(clients["intake"], "done")] == ["intake", "intake"]

    [review] = listed(clients["reviewer"])
    checklist = {"novelty": True, "feasibility": True, "funding": True, "policy": False}
    recommended = complete(
        clients["reviewer"], review["id"], "recommend_approval", memo="妥当", checklist=checklist
    )
    assert recommended.json()["application_status"] == "awaiting_decision"
    stored = Review.objects.get(application=draft)
    assert (stored.novelty, stored.funding, stored.policy, stored.opinion) == (
        True,
        True,
        False,
        "妥当",
    )

    [decide] = listed(clients["approver"])
    assert decide["decisions"] == ["approve", "refuse", "send_back"]
    approved = complete(clients["approver"], decide["id"], "approve")
    assert approved.status_code == 200, approved.json()
    assert approved.json()["application_status"] == "approved"

    today = timezone.localdate()
    body = detail(client_a, draft)
    assert body["status"] == "approved"
    approval = Approval.objects.get(application=draft)
    assert body["approval"] == {
        "number": "経革第1号",
        "approved_on": today.isoformat(),
        "fiscal_year": fiscal_year_of(today),
        "verify_url": f"{settings.KAKUSHIN_SITE_URL}/verify/{approval.verify_code}/",
        "changes": [],
    }
    assert body["refusal_reasons"] is None
    assert body["decided_at"] is not None

    # Staff see who did what; the applicant's view is in test_history_visibility.py.
    url = f"/api/v1/applications/{draft.pk}/history/"
    history = clients["approver"].get(url).json()["results"]
    assert [(h["step"], h["action"], h["actor"]) for h in history] == [
        ("draft", "create", "applicant-a@example.jp"),
        ("submission", "submit", "applicant-a@example.jp"),
        ("intake", "return", "intake"),
        ("correction", "resubmit", "applicant-a@example.jp"),
        ("intake", "accept", "intake"),
        ("review", "recommend_approval", "reviewer"),
        ("decision", "approve", "approver"),
    ]
    assert all(datetime.fromisoformat(h["at"]) for h in history)
    assert history[2]["comment"] == "決算書が1期分不足しています。"
    own = client_a.get(url).json()["results"]
    assert own[2]["comment"] == "決算書が1期分不足しています。"


@pytest.mark.django_db
def test_resubmission_by_post_submit_completes_the_correction_task(client_a, draft, clients, staff):
    client_a.post(f"/api/v1/applications/{draft.pk}/submit/", {}, format="json")
    complete(clients["intake"], task_id(draft, "intake"), "return", "印鑑がありません。")
    [correction] = listed(client_a)

    response = client_a.post(f"/api/v1/applications/{draft.pk}/submit/", {}, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["status"], response.json()["version"]) == ("submitted", 2)
    assert client_a.get(f"{TASKS}{correction['id']}/").json()["status"] == "done"
    assert listed(client_a) == []
    assert [t["step"] for t in listed(clients["intake"])] == ["intake"]


@pytest.fixture
def awaiting_decision(client_a, draft, clients):
    client_a.post(f"/api/v1/applications/{draft.pk}/submit/", {}, format="json")
    complete(clients["intake"], task_id(draft, "intake"), "accept")
    complete(clients["reviewer"], task_id(draft, "review"), "recommend_refusal", "普及している")
    return Application.objects.get(pk=draft.pk)


@pytest.mark.django_db
def test_refusal_with_reasons(client_a, awaiting_decision, clients):
    reasons = "同業他社で相当程度普及しており、新規性が認められない。"
    response = complete(
        clients["approver"], task_id(awaiting_decision, "decision"), "refuse", reasons
    )
    assert response.status_code == 200, response.json()
    assert response.json()["application_status"] == "refused"

    body = detail(client_a, awaiting_decision)
    assert (body["status"], body["approval"], body["refusal_reasons"]) == (
        "refused",
        None,
        reasons,
    )
    assert detail(clients["intake"], awaiting_decision)["refusal_reasons"] == reasons


@pytest.mark.django_db
def test_send_back_puts_a_new_review_task_in_the_reviewers_queue(awaiting_decision, clients):
    decide = task_id(awaiting_decision, "decision")
    response = complete(clients["approver"], decide, "send_back", "資金計画を再確認してください。")
    assert response.status_code == 200, response.json()
    assert response.json()["application_status"] == "under_review"

    [review] = listed(clients["reviewer"])
    assert (review["application"], review["step"], review["status"]) == (
        awaiting_decision.pk,
        "review",
        "new",
    )
    assert listed(clients["approver"]) == []
    assert [t["id"] for t in listed(clients["approver"], "done")] == [decide]


@pytest.mark.django_db
def test_withdrawal_mid_review_cancels_the_open_review_task(client_a, draft, clients, staff):
    client_a.post(f"/api/v1/applications/{draft.pk}/submit/", {}, format="json")
    complete(clients["intake"], task_id(draft, "intake"), "accept")
    review = task_id(draft, "review")
    assert claim(clients["reviewer"], review).status_code == 200
    other_reviewer = client_for(factories.make_user("reviewer", username="reviewer2"))
    assert [t["id"] for t in listed(other_reviewer)] == []  # held by the first reviewer

    response = client_a.post(f"/api/v1/applications/{draft.pk}/withdraw/", {}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "withdrawn"

    draft.refresh_from_db()
    assert [p.status for p in draft.processes.all()] == ["CANCELED"]
    assert open_task(draft, "review") is None
    assert listed(clients["reviewer"]) == []
    assert listed(other_reviewer) == []
    cancelled = clients["reviewer"].get(f"{TASKS}{review}/").json()
    assert (cancelled["status"], cancelled["application_status"]) == ("cancelled", "withdrawn")
    assert [t["status"] for t in listed(clients["reviewer"], "done")] == ["cancelled"]

    late = complete(clients["reviewer"], review, "recommend_approval")
    assert late.status_code == 409
    assert late.json()["status"] == "cancelled"


@pytest.mark.django_db
def test_list_filters_and_task_detail(client_a, client_b, draft, clients, staff):
    client_a.post(f"/api/v1/applications/{draft.pk}/submit/", {}, format="json")
    intake = task_id(draft, "intake")

    assert clients["intake"].get(f"{TASKS}{intake}/").json()["step"] == "intake"
    # Not the reviewer's step, not the applicant's, nothing of another company's applicant.
    for client in (clients["reviewer"], client_a, client_b):
        assert client.get(f"{TASKS}{intake}/").status_code == 404
    assert listed(client_a) == [] and listed(client_b) == []

    complete(clients["intake"], intake, "accept")
    assert listed(clients["intake"]) == []
    assert [t["id"] for t in listed(clients["intake"], "done")] == [intake]
    everything = listed(clients["intake"], "all")
    assert [(t["id"], t["status"], t["owner"]) for t in everything] == [(intake, "done", "intake")]
    assert everything[0]["finished"] is not None

    bad = clients["intake"].get(TASKS, {"status": "pending"})
    assert bad.status_code == 400
    assert "status" in bad.json()["errors"]
    assert client_for(None).get(TASKS).status_code in (401, 403)


@pytest.mark.django_db
def test_any_member_of_the_company_may_take_the_correction(client_a, draft, company, clients):
    client_a.post(f"/api/v1/applications/{draft.pk}/submit/", {}, format="json")
    complete(clients["intake"], task_id(draft, "intake"), "return", "印鑑がありません。")
    colleague = factories.make_user("applicant", username="colleague@example.jp")
    company.members.add(colleague)
    colleague_client = client_for(colleague)

    [correction] = listed(colleague_client)
    assert correction["owner"] == "applicant-a@example.jp"
    assert claim(client_a, correction["id"]).json()["owner"] == "applicant-a@example.jp"
    response = complete(colleague_client, correction["id"], "resubmit")
    assert response.status_code == 200, response.json()
    assert (response.json()["owner"], response.json()["application_status"]) == (
        "colleague@example.jp",
        "submitted",
    )
    assert listed(client_a, "done") == []  # the colleague did it, not applicant A


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_for_one_task_or_many(
    company, applicant, clients, django_assert_max_num_queries
):
    def submit_one():
        application = factories.make_application(company, applicant)
        client_for(applicant).post(
            f"/api/v1/applications/{application.pk}/submit/", {}, format="json"
        )

    submit_one()
    with django_assert_max_num_queries(8) as one:
        assert len(listed(clients["intake"])) == 1
    queries = len(one)  # read now: every request resets the connection's query log
    for _ in range(5):
        submit_one()
    with django_assert_max_num_queries(queries):
        assert len(listed(clients["intake"])) == 6
