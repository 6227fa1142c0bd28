"""The whole draft → submit journey through the API, as an integration would drive it."""

import pytest
from viewflow.workflow.status import STATUS

from tests.api.test_applications import EVERY_PART
from tests.factories import pdf_upload
from workflow.flows import ApplicationFlow
from workflow.models import ApplicationProcess


@pytest.mark.django_db
def test_draft_to_submission(client_a, company):
    created = client_a.post("/api/v1/applications/", {}, format="json")
    assert created.status_code == 201
    pk = created.json()["id"]
    detail = f"/api/v1/applications/{pk}/"

    # Filled in over several sittings, one part at a time.
    overview = {k: v for k, v in EVERY_PART.items() if k not in ("figures", "schedule")}
    for part in (
        overview,
        {"figures": EVERY_PART["figures"]},
        {"schedule": EVERY_PART["schedule"]},
    ):
        response = client_a.patch(detail, part, format="json")
        assert response.status_code == 200, response.json()

    # The attachments a corporation needs, one multipart upload each.
    for kind, name in (
        ("articles", "定款.pdf"),
        ("financials", "決算書_令和6年度.pdf"),
        ("financials", "決算書_令和5年度.pdf"),
        ("registry", "履歴事項全部証明書.pdf"),
    ):
        upload = {"kind": kind, "file": pdf_upload(name)}
        response = client_a.post(detail + "attachments/", upload, format="multipart")
        assert response.status_code == 201, response.json()

    check = client_a.get(detail + "check/").json()
    assert check["rule_set"] == "2020"
    assert check["eligible"] is True
    assert check["passed"] is True
    assert check["errors"] == []

    submitted = client_a.post(detail + "submit/", {"acknowledge_failures": False}, format="json")
    assert submitted.status_code == 200, submitted.json()
    body = submitted.json()
    assert body["status"] == "submitted"
    assert body["version"] == 1
    assert body["rule_set"] == "2020"
    assert body["submitted_at"] is not None
    assert body["acknowledged_failures"] is False

    history = client_a.get(detail + "history/").json()
    assert history["count"] == 2
    assert [(h["step"], h["action"]) for h in history["results"]] == [
        ("draft", "create"),
        ("submission", "submit"),
    ]
    assert history["results"][1]["actor"] == "applicant-a@example.jp"
    assert set(history["results"][1]) >= {"at", "actor", "step", "action", "comment"}

    versions = client_a.get(detail + "versions/").json()
    assert [v["number"] for v in versions["results"]] == [1]
    version = client_a.get(detail + "versions/1/").json()
    assert version["submitted_by"] == "applicant-a@example.jp"
    assert version["rule_set"] == "2020"
    assert version["data"]["theme"] == EVERY_PART["theme"]
    assert version["check_result"]["passed"] is True
    assert client_a.get(detail + "versions/2/").status_code == 404

    attachments = client_a.get(detail + "attachments/").json()
    assert attachments["count"] == 4
    assert {a["frozen_in_version"] for a in attachments["results"]} == {1}

    process = ApplicationProcess.objects.get(application_id=pk)
    open_tasks = process.task_set.exclude(status__in=[STATUS.DONE, STATUS.CANCELED])
    assert [t.flow_task for t in open_tasks] == [ApplicationFlow.intake]
