"""Submit and withdraw: 409 with the reasons whenever the application cannot move."""

import pytest
from viewflow.workflow.status import PROCESS

from approvals.models import Application
from tests import factories
from tests.api.conftest import stored_state
from workflow.models import ApplicationProcess


def submit(client, application, **body):
    return client.post(f"/api/v1/applications/{application.pk}/submit/", body, format="json")


def withdraw(client, application, **body):
    return client.post(f"/api/v1/applications/{application.pk}/withdraw/", body, format="json")


@pytest.mark.django_db
def test_incomplete_draft_is_409_with_every_reason(client_a, company, applicant):
    draft = factories.make_application(company, applicant, complete=False)
    before = stored_state(draft)
    response = submit(client_a, draft, acknowledge_failures=True)
    assert response.status_code == 409
    body = response.json()
    assert body["detail"].startswith("提出できません。")
    reasons = " ".join(body["errors"]["non_field_errors"])
    assert "テーマ" in reasons and "事業期間" in reasons and "実施計画" in reasons
    assert stored_state(draft) == before
    assert not ApplicationProcess.objects.filter(application=draft).exists()


@pytest.mark.django_db
def test_failing_plan_needs_the_acknowledgement(client_a, draft):
    draft.figures.filter(year=3).update(total_salary=18_000)  # salaries flat: 0 % < 4.5 %
    check = client_a.get(f"/api/v1/applications/{draft.pk}/check/").json()
    assert check["passed"] is False

    refused = submit(client_a, draft)
    assert refused.status_code == 409
    assert refused.json()["errors"]["non_field_errors"]
    assert Application.objects.get(pk=draft.pk).status == "draft"

    accepted = submit(client_a, draft, acknowledge_failures=True)
    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["status"] == "submitted"
    assert accepted.json()["acknowledged_failures"] is True


@pytest.mark.django_db
def test_head_office_outside_the_prefecture_is_sent_to_the_bureau(api):
    user = factories.make_user("applicant")
    company = factories.make_company(user, prefecture="東京都", municipality="千代田区")
    draft = factories.make_application(company, user)
    response = submit(api(user), draft, acknowledge_failures=True)
    assert response.status_code == 409
    body = response.json()
    assert "経済産業局" in body["detail"]
    assert any("経済産業局" in r for r in body["errors"]["non_field_errors"])
    assert Application.objects.get(pk=draft.pk).status == "draft"


@pytest.mark.django_db
def test_submitting_twice_is_409(client_a, submitted):
    response = submit(client_a, submitted)
    assert response.status_code == 409
    assert Application.objects.get(pk=submitted.pk).version == 1


@pytest.mark.django_db
def test_acknowledgement_must_be_a_boolean(client_a, draft):
    response = submit(client_a, draft, acknowledge_failures="perhaps")
    assert response.status_code == 400
    assert "acknowledge_failures" in response.json()["errors"]


@pytest.mark.django_db
def test_withdraw_cancels_the_process(client_a, submitted):
    response = withdraw(client_a, submitted, comment="計画を見直します")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "withdrawn"
    process = ApplicationProcess.objects.get(application=submitted)
    assert process.status == PROCESS.CANCELED
    entry = submitted.history.get(action="withdraw")
    assert entry.comment == "計画を見直します"


@pytest.mark.django_db
def test_withdraw_twice_is_409(client_a, submitted):
    assert withdraw(client_a, submitted).status_code == 200
    response = withdraw(client_a, submitted)
    assert response.status_code == 409
    assert "取り下げられません" in response.json()["detail"]


@pytest.mark.django_db
def test_a_draft_cannot_be_withdrawn(client_a, draft):
    assert withdraw(client_a, draft).status_code == 409


@pytest.mark.django_db
def test_no_withdrawal_after_the_decision(client_a, submitted):
    Application.objects.filter(pk=submitted.pk).update(status="approved")
    assert withdraw(client_a, submitted).status_code == 409


@pytest.mark.django_db
def test_staff_may_not_submit_or_withdraw(api, intake_clerk, submitted):
    assert submit(api(intake_clerk), submitted).status_code == 403
    assert withdraw(api(intake_clerk), submitted).status_code == 403
