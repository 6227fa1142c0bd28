"""変更承認申請 (DOMAIN.md §10) through the API: open, edit, check, submit, decide."""

import pytest

from approvals.constants import ApprovalKind, Status
from approvals.models import Application, Approval, ChangeApproval
from tests.api.conftest import client_for, figures_payload, stored_state
from tests.documents.conftest import decide


@pytest.fixture
def approved(draft, applicant, staff):
    return decide(draft, applicant, staff)


BODY = {"reason": "販路開拓に時間を要するため、計画期間を延長する。", "items": ["period_extension"]}


def open_change(client, application, body=BODY):
    return client.post(f"/api/v1/applications/{application.pk}/change/", body, format="json")


def extend(client, change, years=5, rd_years=None):
    body = {"period_years": years, "figures": figures_payload(years)}
    if rd_years is not None:
        body["rd_years"] = rd_years
    response = client.patch(f"/api/v1/applications/{change.pk}/", body, format="json")
    assert response.status_code == 200, response.json()
    return response


def target_actual(client):
    years = client.get("/api/v1/targets/target-2/").json()["years"]
    return [(y["fiscal_year"], y["actual"], y["approvals_in_year"]) for y in years]


def test_change_extending_the_period_keeps_the_number_and_target(approved, applicant, staff):
    client = client_for(applicant)
    number = approved.approval.number
    before_target = target_actual(client)
    response = open_change(client, approved)
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["kind"] == "change" and data["changes"] == approved.pk
    assert data["status"] == "draft" and data["period_years"] == 3
    assert data["theme"] == approved.theme
    change = Application.objects.get(pk=data["id"])
    assert data["change"]["items"] == ["period_extension"] and data["change"]["seq"] is None
    assert data["change"]["approval_number"] == number
    extend(client, change, 5)
    check = client.get(f"/api/v1/applications/{change.pk}/check/").json()
    assert check["errors"] == [], check
    assert check["rule_set"] == approved.rule_set
    assert check["legal_basis"]["article"] == "第15条第1項"
    decided = decide(change, applicant, staff)
    assert decided.status == Status.APPROVED
    original = Application.objects.get(pk=approved.pk)
    assert original.status == Status.APPROVED and original.period_years == 3
    assert Approval.objects.filter(kind=ApprovalKind.NEW).count() == 1
    assert not Approval.objects.filter(application=decided).exists()
    change_approval = ChangeApproval.objects.get(application=decided)
    assert change_approval.seq == 1 and change_approval.approval.number == number
    assert target_actual(client) == before_target
    detail = client.get(f"/api/v1/applications/{approved.pk}/").json()
    assert detail["approval"]["number"] == number
    assert detail["approval"]["changes"] == [
        {"seq": 1, "approved_on": change_approval.approved_on.isoformat()}
    ]
    assert original.history.filter(action="change_approve").exists()
    assert detail["change"] is None
    seen = client.get(f"/api/v1/applications/{decided.pk}/").json()["change"]
    assert seen["seq"] == 1 and seen["approved_on"] == change_approval.approved_on.isoformat()
    # The next change starts from the changed plan (5 years) and becomes 第2回変更.
    second = open_change(client, approved)
    assert second.status_code == 201 and second.json()["period_years"] == 5
    decide(Application.objects.get(pk=second.json()["id"]), applicant, staff)
    assert sorted(ChangeApproval.objects.values_list("seq", flat=True)) == [1, 2]


def test_refused_change_leaves_the_original_as_approved(approved, applicant, staff):
    client = client_for(applicant)
    before = stored_state(approved)
    change = Application.objects.get(pk=open_change(client, approved).json()["id"])
    extend(client, change, 5)
    refused = decide(change, applicant, staff, approve=False, reasons="延長の必要性が不明です。")
    assert refused.status == Status.REFUSED
    after = stored_state(approved)
    assert after["row"] == before["row"]
    for key in ("figures", "schedule", "funding", "versions"):
        assert after[key] == before[key]
    assert not ChangeApproval.objects.exists()
    assert client.get(f"/api/v1/applications/{approved.pk}/").json()["approval"]["changes"] == []
    # Refused: a new change may be opened.
    assert open_change(client, approved).status_code == 201


def test_conflicts_and_bad_input(draft, approved, applicant, staff):
    client = client_for(applicant)
    not_approved = open_change(
        client,
        Application.objects.create(
            company=approved.company, created_by=applicant, reference="KK-X-1"
        ),
    )
    assert not_approved.status_code == 409
    assert open_change(client, approved, {"reason": "", "items": ["other"]}).status_code == 400
    assert open_change(client, approved, {"reason": "理由", "items": []}).status_code == 400
    assert open_change(client, approved, {"reason": "理由", "items": ["x"]}).status_code == 400
    first = open_change(client, approved)
    assert first.status_code == 201
    again = open_change(client, approved)
    assert again.status_code == 409 and "変更承認申請" in again.json()["detail"]
    change = Application.objects.get(pk=first.json()["id"])
    assert open_change(client, change).status_code == 409  # a change of a change


def test_another_company_gets_404(approved, other_applicant, other_company):
    assert open_change(client_for(other_applicant), approved).status_code == 404


def test_the_5_year_limit(approved, applicant, staff):
    client = client_for(applicant)
    change = Application.objects.get(pk=open_change(client, approved).json()["id"])
    extend(client, change, 5)  # ends exactly 5 years after the original start
    url = f"/api/v1/applications/{change.pk}/check/"
    assert client.get(url).json()["errors"] == []
    extend(client, change, 5, rd_years=1)  # 6 years
    errors = client.get(url).json()["errors"]
    assert any("5年を超えて" in e for e in errors), errors
    from tests.documents.conftest import attach_required

    attach_required(change, applicant)
    blocked = client.post(
        f"/api/v1/applications/{change.pk}/submit/", {"acknowledge_failures": True}, format="json"
    )
    assert blocked.status_code == 409 and "5年を超えて" in blocked.json()["detail"]
    extend(client, change, 4, rd_years=1)  # 5 years again
    assert client.get(url).json()["errors"] == []


def test_the_change_may_not_move_the_start(approved, applicant):
    client = client_for(applicant)
    change = Application.objects.get(pk=open_change(client, approved).json()["id"])
    moved = client.patch(
        f"/api/v1/applications/{change.pk}/",
        {"plan_start": f"{approved.plan_start.year}-{approved.plan_start.month + 1:02d}"},
        format="json",
    )
    assert moved.status_code == 400 and "変更できません" in moved.json()["detail"], moved.json()


def test_the_change_keeps_the_approved_base_year(approved, applicant):
    client = client_for(applicant)
    change = Application.objects.get(pk=open_change(client, approved).json()["id"])
    figures = figures_payload(3)
    figures[0] = {**figures[0], "sales": 1}
    response = client.patch(
        f"/api/v1/applications/{change.pk}/", {"figures": figures}, format="json"
    )
    assert response.status_code == 200
    base = approved.figures.get(year=0).sales
    assert change.figures.get(year=0).sales == base != 1


def test_the_diff_of_a_change(approved, applicant, staff):
    client = client_for(applicant)
    change = Application.objects.get(pk=open_change(client, approved).json()["id"])
    extend(client, change, 5)
    url = f"/api/v1/applications/{change.pk}/diff/"
    rows = client.get(url).json()
    assert {
        "section": "計画の概要",
        "field": "period_years",
        "before": "3年",
        "after": "5年",
    }.items() <= next(r for r in rows if r["field"] == "period_years").items()
    assert any(
        r["year"] == 5 and r["field"] == "value_added" and r["before"] == "未入力" for r in rows
    )
    assert not any(r["year"] is not None and r["year"] <= 0 for r in rows)
    decide(change, applicant, staff)
    after = client_for(staff["reviewer"]).get(url)
    assert after.status_code == 200
    assert any(r["field"] == "period_years" for r in after.json())
    # A new plan has no approved plan to compare with: its versions (here only one).
    assert client.get(f"/api/v1/applications/{approved.pk}/diff/").json() == []
    bad = client.get(f"/api/v1/applications/{approved.pk}/diff/", {"from": "x", "to": 1})
    assert bad.status_code == 400
    same = client.get(f"/api/v1/applications/{approved.pk}/diff/", {"from": 1, "to": 1})
    assert same.status_code == 200 and same.json() == []
    assert client.get(f"/api/v1/applications/{approved.pk}/diff/?from=1&to=9").status_code == 404


def test_an_approved_change_is_not_the_plan_to_end_and_verify_says_changed(
    approved, applicant, staff
):
    client = client_for(applicant)
    change = Application.objects.get(pk=open_change(client, approved).json()["id"])
    extend(client, change, 5)
    change = decide(change, applicant, staff)
    ended = client.post(
        f"/api/v1/applications/{change.pk}/discontinue/",
        {"reason": "事業の終了", "effective_on": change.change_approval.approved_on.isoformat()},
        format="json",
    )
    assert ended.status_code == 409 and "元の計画" in ended.json()["detail"]
    code = Approval.objects.get(application=approved).verify_code
    assert client_for(None).get(f"/api/v1/verify/{code}/").json()["status"] == "changed"


@pytest.mark.parametrize("submitted", [False, True], ids=["draft", "in-procedure"])
def test_ending_the_plan_withdraws_its_open_change(approved, applicant, staff, submitted):
    """A change of a plan that has ended can no longer be approved: 廃止 withdraws it with the
    plan, and no intake task stays open on it."""
    from viewflow.workflow.models import Task

    from tests.documents.conftest import attach_required
    from workflow.constants import OPEN_TASK_STATES

    client = client_for(applicant)
    change = Application.objects.get(pk=open_change(client, approved).json()["id"])
    extend(client, change, 5)
    if submitted:
        attach_required(change, applicant)
        response = client.post(f"/api/v1/applications/{change.pk}/submit/", {}, format="json")
        assert response.status_code == 200, response.json()
        assert Task.objects.filter(
            process__applicationprocess__application=change, status__in=OPEN_TASK_STATES
        ).exists()
    ended = client.post(
        f"/api/v1/applications/{approved.pk}/discontinue/",
        {"reason": "事業の終了", "effective_on": approved.approval.approved_on.isoformat()},
        format="json",
    )
    assert ended.status_code == 200, ended.json()
    change.refresh_from_db()
    assert change.status == Status.WITHDRAWN
    assert not Task.objects.filter(
        process__applicationprocess__application=change, status__in=OPEN_TASK_STATES
    ).exists()
    entry = change.history.get(action="withdraw")
    assert entry.actor == applicant and "廃止" in entry.comment
    detail = client.get(f"/api/v1/applications/{change.pk}/").json()
    assert detail["status"] == "withdrawn"
