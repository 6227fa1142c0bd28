"""The whole procedure through workflow.services, as the API and the task pages drive it."""

import pytest
from django.core import mail

from approvals.models import Application
from tests import factories
from workflow import services
from workflow.errors import TaskForbidden, TaskNotOpen
from workflow.services import open_task


@pytest.fixture
def staff(db):
    return {
        role: factories.make_user(role, username=role, email=f"{role}@pref.example.jp")
        for role in ("intake", "reviewer", "approver")
    }


def _step(application, step, user, decision, comment="", **extra):
    task = open_task(application, step)
    assert task is not None, f"no open {step} task"
    services.task_complete(task=task, user=user, decision=decision, comment=comment, **extra)
    return Application.objects.get(pk=application.pk)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_return_correct_resubmit_review_and_approve(draft, applicant, staff):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    app = _step(draft, "intake", staff["intake"], "return", "決算書が1期分不足しています。")
    assert app.status == "returned"
    assert "決算書が1期分不足" in mail.outbox[-1].body
    # The company's address and its members' (the applicant's).
    assert mail.outbox[-1].to == ["applicant-a@example.jp", "info@example.jp"]

    services.application_submit(application=app, actor=applicant, acknowledge_failures=False)
    app = Application.objects.get(pk=draft.pk)
    assert (app.status, app.version) == ("submitted", 2)

    app = _step(app, "intake", staff["intake"], "accept")
    assert app.status == "under_review"
    app = _step(
        app,
        "review",
        staff["reviewer"],
        "recommend_approval",
        "妥当",
        checklist={"novelty": True, "feasibility": True},
    )
    assert app.status == "awaiting_decision"
    app = _step(app, "decision", staff["approver"], "approve")
    assert app.status == "approved"
    assert app.approval.sequence == 1
    assert app.approval.number == "経革第1号"
    assert "承認番号: 経革第1号" in mail.outbox[-1].body
    assert list(app.history.values_list("step", "action")) == [
        ("draft", "create"),
        ("submission", "submit"),
        ("intake", "return"),
        ("correction", "resubmit"),
        ("intake", "accept"),
        ("review", "recommend_approval"),
        ("decision", "approve"),
    ]
    assert app.history.get(action="return").actor == staff["intake"]


@pytest.mark.django_db
def test_reviewer_cannot_decide_what_they_reviewed(draft, applicant, staff):
    both = factories.make_user("approver", username="rev-and-app")
    both.groups.add(*staff["reviewer"].groups.all())
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    _step(draft, "intake", staff["intake"], "accept")
    _step(draft, "review", both, "recommend_approval")
    with pytest.raises(TaskForbidden):
        _step(draft, "decision", both, "approve")
    assert Application.objects.get(pk=draft.pk).status == "awaiting_decision"


@pytest.mark.django_db
def test_wrong_role_is_forbidden_and_finished_task_is_not_open(draft, applicant, staff):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    task = open_task(draft, "intake")
    with pytest.raises(TaskForbidden):
        services.task_complete(task=task, user=staff["reviewer"], decision="accept")
    services.task_complete(task=task, user=staff["intake"], decision="accept")
    with pytest.raises(TaskNotOpen) as info:
        services.task_complete(task=task, user=staff["intake"], decision="return", comment="x")
    assert info.value.owner == staff["intake"]
    assert info.value.finished is not None


@pytest.mark.django_db
def test_refusal_requires_reasons(draft, applicant, staff):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    _step(draft, "intake", staff["intake"], "accept")
    _step(draft, "review", staff["reviewer"], "recommend_refusal", "新規性が乏しい")
    from approvals.errors import ApplicationError

    with pytest.raises(ApplicationError):
        _step(draft, "decision", staff["approver"], "refuse", "  ")
    app = Application.objects.get(pk=draft.pk)
    assert app.status == "awaiting_decision"
    assert open_task(app, "decision").status == "NEW"
    app = _step(app, "decision", staff["approver"], "refuse", "同業他社で普及している。")
    assert app.status == "refused"
    assert app.refusal.reasons == "同業他社で普及している。"


@pytest.mark.django_db
def test_send_back_and_withdrawal_mid_review(draft, applicant, staff):
    services.application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    _step(draft, "intake", staff["intake"], "accept")
    _step(draft, "review", staff["reviewer"], "recommend_approval")
    app = _step(draft, "decision", staff["approver"], "send_back", "資金計画を再確認")
    assert app.status == "under_review"
    assert open_task(app, "review") is not None
    services.application_withdraw(application=app, actor=applicant)
    app = Application.objects.get(pk=draft.pk)
    assert app.status == "withdrawn"
    assert open_task(app, "review") is None
