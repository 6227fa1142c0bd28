"""The history through the API: applicants read what is addressed to them, staff read all."""

import pytest

from tests.api.conftest import client_for
from tests.api.task_support import complete, make_staff, task_id
from workflow import services


@pytest.mark.django_db
def test_applicant_history_hides_internal_memos_but_keeps_requests(draft, applicant):
    staff = make_staff()
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    assert (
        complete(
            client_for(staff["intake"]),
            task_id(draft, "intake"),
            "return",
            "決算書を添付してください",
        ).status_code
        == 200
    )
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    complete(client_for(staff["intake"]), task_id(draft, "intake"), "accept", memo="受付メモ")
    complete(
        client_for(staff["reviewer"]),
        task_id(draft, "review"),
        "recommend_refusal",
        memo="内部意見: 新規性に疑問",
    )

    url = f"/api/v1/applications/{draft.pk}/history/"
    mine = client_for(applicant).get(url).json()["results"]
    comments = [row["comment"] for row in mine]
    assert "決算書を添付してください" in comments
    assert "内部意見: 新規性に疑問" not in str(mine)
    assert "受付メモ" not in str(mine)
    assert not any("memo" in row for row in mine)  # not even an empty field
    assert "reviewer" not in {row["actor"] for row in mine}
    assert "県・支援機関の担当者" in {row["actor"] for row in mine}

    theirs = client_for(staff["approver"]).get(url).json()["results"]
    assert "内部意見: 新規性に疑問" in [row["memo"] for row in theirs]
    assert "受付メモ" in [row["memo"] for row in theirs]
    assert "reviewer" in {row["actor"] for row in theirs}
