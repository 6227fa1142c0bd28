"""The revocation API (staff): open → hearing → decide, with its refusals."""

from datetime import timedelta

import pytest
from django.utils import timezone

from approvals.constants import Status
from approvals.models import Application
from tests import factories
from tests.api.conftest import client_for
from tests.documents.conftest import decide


@pytest.fixture
def approved(draft, applicant, staff):
    return decide(draft, applicant, staff)


def url(application, tail=""):
    return f"/api/v1/applications/{application.pk}/revocation/{tail}"


OPEN = {
    "facts": "計画のいずれの取組にも着手していない。",
    "ground": "not_carried_out",
    "hearing_place": "県庁本庁舎3階 第1会議室",
}


def open_body():
    return {**OPEN, "hearing_at": (timezone.now() + timedelta(days=14)).isoformat()}


def test_open_hear_refuse_without_reasons_then_revoke(approved, staff):
    officer = factories.make_user("reviewer", username="officer2")
    opened = client_for(staff["intake"]).post(url(approved), open_body(), format="json")
    assert opened.status_code == 201, opened.json()
    assert opened.json()["status"] == "hearing_notice"
    heard = client_for(officer).post(
        url(approved, "hearing/"),
        {"record": "当事者は出頭した。", "held_on": timezone.localdate().isoformat()},
        format="json",
    )
    assert heard.status_code == 200, heard.json()
    approver = client_for(staff["approver"])
    refused = approver.post(url(approved, "decide/"), {"decision": "revoke"}, format="json")
    assert refused.status_code == 400 and "reasons" in refused.json()["errors"]
    blank = approver.post(
        url(approved, "decide/"), {"decision": "revoke", "reasons": " "}, format="json"
    )
    assert blank.status_code == 400 and "reasons" in blank.json()["errors"]
    assert Application.objects.get(pk=approved.pk).status == Status.APPROVED
    done = approver.post(
        url(approved, "decide/"), {"decision": "revoke", "reasons": "未着手。"}, format="json"
    )
    assert done.status_code == 200 and done.json()["decision"] == "revoke"
    detail = approver.get(f"/api/v1/applications/{approved.pk}/").json()
    assert detail["status"] == "revoked"
    assert approver.get(url(approved)).json()["status"] == "decided"


def test_applicant_and_policy_get_403(approved, applicant):
    assert client_for(applicant).post(url(approved), open_body(), format="json").status_code == 403
    policy = factories.make_user("policy", username="policy1")
    assert client_for(policy).get(url(approved)).status_code == 403


def test_not_approved_is_409_and_unknown_is_404(draft, applicant, staff):
    refused = decide(draft, applicant, staff, approve=False, reasons="理由")
    client = client_for(staff["intake"])
    assert client.post(url(refused), open_body(), format="json").status_code == 409
    assert client.post("/api/v1/applications/999999/revocation/", open_body()).status_code == 404


def test_bad_input_is_400_and_hearing_by_the_opener_is_403(approved, staff):
    client = client_for(staff["intake"])
    bad = client.post(url(approved), {**OPEN, "ground": "whim"}, format="json")
    assert bad.status_code == 400 and {"ground", "hearing_at"} <= set(bad.json()["errors"])
    assert client.post(url(approved), open_body(), format="json").status_code == 201
    again = client.post(url(approved), open_body(), format="json")
    assert again.status_code == 409
    hearing = {"record": "調書", "held_on": timezone.localdate().isoformat()}
    assert client.post(url(approved, "hearing/"), hearing, format="json").status_code == 403
    reviewer = client_for(staff["reviewer"])
    assert reviewer.post(url(approved, "hearing/"), hearing, format="json").status_code == 403
