"""Decisions on the staff pages: confirmation, required reasons, send-back, errors as messages."""

import pytest
from django.core import mail
from django.urls import reverse

from approvals.errors import InvalidTransition
from approvals.models import Application, Refusal
from tests.staff.helpers import awaiting_decision, claim, decide, task_urls
from workflow.services import open_task


def _page(response) -> str:
    return response.content.decode()


@pytest.mark.django_db
def test_a_decision_button_only_asks_for_confirmation(clients, draft, applicant, staff):
    """Pressing 承認する shows what will happen; nothing is decided until 確定する."""
    app = awaiting_decision(draft, applicant, staff)
    task = claim(clients["approver"], app, "decision")
    page = clients["approver"].post(task_urls(task)["execute"], {"decision": "approve"})
    assert "承認番号が採番され" in _page(page) and "確定する（承認する）" in _page(page)
    assert Application.objects.get(pk=app.pk).status == "awaiting_decision"

    back = clients["approver"].post(
        task_urls(task)["execute"], {"decision": "approve", "comment": "x", "back": "1"}
    )
    assert back.status_code == 200 and "判断" in _page(back)
    assert Application.objects.get(pk=app.pk).status == "awaiting_decision"


@pytest.mark.django_db
def test_refusal_needs_reasons_and_tells_the_applicant_of_the_appeal(
    clients, draft, applicant, staff, django_capture_on_commit_callbacks
):
    """Empty reasons: a form error and nothing changes; with reasons: 不承認, the reasons and
    the appeal notice reach the applicant."""
    app = awaiting_decision(draft, applicant, staff)
    task = claim(clients["approver"], app, "decision")
    url = task_urls(task)["execute"]
    for data in (
        {"decision": "refuse", "comment": "  "},
        {"decision": "refuse", "comment": "  ", "confirm": "1"},
    ):
        response = clients["approver"].post(url, data)
        assert response.status_code == 200
        assert "不承認の理由を書いてください" in _page(response)
        assert "よろしいですか" not in _page(response)
    app.refresh_from_db()
    assert app.status == "awaiting_decision"
    assert not Refusal.objects.exists()
    assert open_task(app, "decision").owner == staff["approver"]

    reasons = "同業他社で相当程度普及している取組であり、新規性が認められないため。"
    with django_capture_on_commit_callbacks(execute=True):
        response = clients["approver"].post(
            url, {"decision": "refuse", "comment": reasons, "confirm": "1"}
        )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == "refused"
    assert app.refusal.reasons == reasons
    assert reasons in mail.outbox[-1].body

    page = _page(clients["applicant"].get(reverse("approvals:application-detail", args=[app.pk])))
    assert "不承認" in page and reasons in page
    assert "審査請求" in page and "3か月以内" in page and "6か月以内" in page
    assert "普及している" not in page.replace(reasons, "")  # the review opinion stays internal


@pytest.mark.django_db
def test_send_back_returns_to_review_and_keeps_the_comment(clients, draft, applicant, staff):
    app = awaiting_decision(draft, applicant, staff)
    decide(clients["approver"], app, "decision", "send_back", "資金計画を再確認してください。")
    app.refresh_from_db()
    assert app.status == "under_review"
    assert open_task(app, "review") is not None
    entry = app.history.get(action="send_back")
    assert (entry.actor, entry.comment) == (staff["approver"], "資金計画を再確認してください。")
    review_page = clients["reviewer"].get(task_urls(open_task(app, "review"))["index"], follow=True)
    assert "資金計画を再確認してください。" in _page(review_page)


@pytest.mark.django_db
def test_the_reviewer_gets_a_clear_refusal_on_the_decision_page(clients, draft, applicant, staff):
    """Someone with both roles who reviewed the application may not decide it: the queue leaves
    the task out, its link shows why, and claiming it changes nothing."""
    from tests import factories

    both = factories.make_user("approver", username="rev-and-app")
    both.groups.add(*staff["reviewer"].groups.all())
    app = awaiting_decision(draft, applicant, staff, reviewer=both)
    client = clients["approver"].__class__()
    client.force_login(both)
    task = open_task(app, "decision")
    urls = task_urls(task)

    queue = _page(client.get(reverse("staff:application:queue")))
    assert app.reference not in queue

    response = client.get(urls["index"])
    assert response["Location"] == urls["detail"]
    detail = _page(client.get(urls["detail"]))
    assert "この申請を審査した職員は決裁できません。" in detail
    assert 'name="decision"' not in detail

    for method in ("get", "post"):
        for name in ("assign", "execute"):
            response = getattr(client, method)(urls[name], {"decision": "approve", "confirm": "1"})
            assert response.status_code == 302 and response["Location"] == urls["detail"]
    followed = client.get(urls["assign"], follow=True)
    assert "この申請を審査した職員は決裁できません。" in _page(followed)
    task.refresh_from_db()
    assert (task.status, task.owner) == ("NEW", None)
    assert Application.objects.get(pk=app.pk).status == "awaiting_decision"


@pytest.mark.django_db
def test_a_task_already_done_is_a_message_not_an_error(clients, draft, applicant, staff):
    """A second 確定する (back button, double click) lands on the task with who did it."""
    from workflow import services

    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    decide(clients["intake"], draft, "intake", "accept")
    task = draft.processes.get().task_set.filter(status="DONE").get(flow_task_type="HUMAN")
    urls = task_urls(task)
    response = clients["intake"].post(
        urls["execute"], {"decision": "return", "comment": "x", "confirm": "1"}, follow=True
    )
    assert response.status_code == 200
    assert "処理済みです" in _page(response)
    assert Application.objects.get(pk=draft.pk).status == "under_review"


@pytest.mark.django_db
def test_an_error_from_the_service_is_shown_and_the_task_stays_open(
    clients, draft, applicant, staff, monkeypatch
):
    from workflow import services

    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    task = claim(clients["intake"], draft, "intake")

    def refuse(**kwargs):
        raise InvalidTransition("この申請は「取下げ」のため、この操作はできません。")

    monkeypatch.setattr("workflow.views.decision_apply", refuse)
    response = clients["intake"].post(
        task_urls(task)["execute"], {"decision": "accept", "confirm": "1"}
    )
    assert response.status_code == 200
    assert "この操作はできません" in _page(response)
    task.refresh_from_db()
    assert task.status == "ASSIGNED"


@pytest.mark.django_db
def test_releasing_a_task_puts_it_back_in_the_queue(clients, draft, applicant, staff):
    from workflow import services

    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    task = claim(clients["intake"], draft, "intake")
    inbox = _page(clients["intake"].get(reverse("staff:application:inbox")))
    assert draft.reference in inbox
    assert clients["intake"].get(task_urls(task)["unassign"]).status_code == 200
    response = clients["intake"].post(task_urls(task)["unassign"])
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.owner) == ("NEW", None)
    assert draft.reference in _page(clients["intake"].get(reverse("staff:application:queue")))


@pytest.mark.django_db
def test_working_on_a_task_needs_claiming_it_first(clients, draft, applicant, staff):
    """The execute page of an unclaimed task, another role's claim and a colleague's claim of a
    held task all land on the task page with the reason."""
    from tests import factories
    from workflow import services

    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    urls = task_urls(open_task(draft, "intake"))
    response = clients["intake"].get(urls["execute"], follow=True)
    assert "先に「担当する」を押してください。" in _page(response)
    claim(clients["intake"], draft, "intake")
    response = clients["reviewer"].post(urls["assign"], follow=True)
    assert "「受付」を行う権限がありません" in _page(response)
    colleague = clients["intake"].__class__()
    colleague.force_login(factories.make_user("intake"))
    response = colleague.post(urls["assign"], follow=True)
    assert "このタスクはintakeさんが担当しています。" in _page(response)


@pytest.mark.django_db
def test_a_decision_without_the_governor_name_is_a_message_and_nothing_is_decided(
    clients, draft, applicant, staff
):
    from approvals.models import Authority

    app = awaiting_decision(draft, applicant, staff)
    Authority.objects.filter(pk=Authority.current().pk).update(governor_name="")
    task = claim(clients["approver"], app, "decision")
    response = clients["approver"].post(
        task_urls(task)["execute"], {"decision": "approve", "confirm": "1"}
    )
    assert response.status_code == 200
    assert "職名または氏名が設定されていないため" in _page(response)
    app.refresh_from_db()
    assert app.status == "awaiting_decision"
    assert not hasattr(app, "approval")
    task.refresh_from_db()
    assert task.status == "ASSIGNED"
