"""Revocation of an approval (承認の取消し): a case, a hearing by an officer who stands apart,
a decision with reasons by an approver; revoke ends the plan, keep leaves it approved."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from approvals import revocation
from approvals.constants import Action, Status, Step
from approvals.errors import InvalidTransition, NotPermitted
from approvals.models import Application, HistoryEntry
from tests import factories
from tests.documents.conftest import decide


@pytest.fixture
def approved(draft, applicant, staff):
    return decide(draft, applicant, staff)


@pytest.fixture
def officer(db):
    return factories.make_user("intake", username="officer", email="officer@pref.example.jp")


@pytest.fixture
def case(approved, staff):
    return open_case(approved, staff["intake"])


def open_case(application, actor):
    return revocation.revocation_open(
        application=application,
        actor=actor,
        facts="計画期間の2年目に入っても、計画のいずれの取組にも着手していない。",
        ground="not_carried_out",
        hearing_at=timezone.now() + timedelta(days=14),
        hearing_place="県庁本庁舎3階 第1会議室",
    )


def hear(application, officer):
    return revocation.revocation_hearing(
        application=application,
        actor=officer,
        statements="資金調達が遅れたため。",
        record="当事者は出頭し、事実を認めた。",
        held_on=timezone.localdate(),
    )


def test_revoke_needs_reasons_then_ends_the_plan(case, staff, officer):
    """Without reasons nothing changes; with them the plan is revoked today, in the history."""
    application = case.application
    hear(application, officer)
    with pytest.raises(ValidationError):
        revocation.revocation_decide(
            application=application, actor=staff["approver"], decision="revoke", reasons="  "
        )
    application.refresh_from_db()
    case.refresh_from_db()
    assert application.status == Status.APPROVED and case.is_open
    revocation.revocation_decide(
        application=application, actor=staff["approver"], decision="revoke", reasons="未着手。"
    )
    application.refresh_from_db()
    assert application.status == Status.REVOKED
    assert application.ended_on == timezone.localdate()
    actions = list(
        HistoryEntry.objects.filter(application=application, step=Step.REVOCATION).values_list(
            "action", flat=True
        )
    )
    assert actions == [Action.REVOCATION_OPEN, Action.REVOCATION_HEARING, Action.REVOKE]


def test_keep_leaves_the_plan_approved_and_closes_the_case(case, staff, officer):
    hear(case.application, officer)
    revocation.revocation_decide(
        application=case.application, actor=staff["approver"], decision="keep", reasons="着手済。"
    )
    application = Application.objects.get(pk=case.application_id)
    assert application.status == Status.APPROVED and application.ended_on is None
    assert revocation.case_open(application) is None
    open_case(application, staff["intake"])  # a new case may be opened later


@pytest.mark.parametrize("who", ["intake", "reviewer"])
def test_the_officer_is_neither_the_opener_nor_the_reviewer(case, staff, who):
    with pytest.raises(NotPermitted):
        hear(case.application, staff[who])
    assert not Application.objects.get(pk=case.application_id).revocation_cases.get().heard


def test_the_decider_is_an_approver_other_than_opener_and_officer(case, staff, officer):
    hear(case.application, officer)
    for actor in (officer, staff["intake"]):
        with pytest.raises(NotPermitted):
            revocation.revocation_decide(
                application=case.application, actor=actor, decision="revoke", reasons="理由"
            )


def test_no_decision_before_the_hearing_and_one_open_case(case, staff):
    with pytest.raises(InvalidTransition):
        revocation.revocation_decide(
            application=case.application, actor=staff["approver"], decision="revoke", reasons="x"
        )
    with pytest.raises(InvalidTransition):
        open_case(case.application, staff["intake"])


def test_only_an_approved_plan(draft, applicant, staff):
    refused = decide(draft, applicant, staff, approve=False, reasons="不承認の理由")
    with pytest.raises(InvalidTransition):
        open_case(refused, staff["intake"])


def test_the_hearing_date_must_leave_time(approved, staff):
    with pytest.raises(ValidationError) as error:
        revocation.revocation_open(
            application=approved,
            actor=staff["intake"],
            facts="事実",
            ground="not_carried_out",
            hearing_at=timezone.now(),
            hearing_place="会議室",
        )
    assert "hearing_at" in error.value.message_dict
    assert not approved.revocation_cases.exists()


def test_the_firm_is_told_of_the_hearing_and_of_the_decision(
    approved, staff, officer, applicant, django_capture_on_commit_callbacks
):
    """The opening and the decision each send the firm one mail after their commit: the
    hearing's date and place, then the revocation with its reasons."""
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case = open_case(approved, staff["intake"])
    [opened] = [m for m in mail.outbox if applicant.email in m.to]
    assert approved.approval.number in opened.subject and "聴聞" in opened.subject
    assert "県庁本庁舎3階 第1会議室" in opened.body
    assert f"/portal/applications/{approved.pk}/" in opened.body
    hear(approved, officer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        revocation.revocation_decide(
            application=approved, actor=staff["approver"], decision="revoke", reasons="未着手。"
        )
    [decided] = [m for m in mail.outbox if applicant.email in m.to]
    assert "取消し" in decided.subject and "未着手。" in decided.body
    assert case.application.mails.filter(template="revocation_decided").count() == 1


def test_keeping_the_approval_says_it_stays_valid(
    case, staff, officer, applicant, django_capture_on_commit_callbacks
):
    hear(case.application, officer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        revocation.revocation_decide(
            application=case.application,
            actor=staff["approver"],
            decision="keep",
            reasons="着手の見込みが確認できた。",
        )
    [kept] = [m for m in mail.outbox if applicant.email in m.to]
    assert "引き続き有効" in kept.body and "取り消しました" not in kept.body
