"""The staff steps as services (approvals.transitions): intake, review and the decision.

Each step acts only on an application at its status and only for someone the separation of
duties allows; returns and refusals need a comment; `decision_apply` is the one way from a
step's decision to its service. A refused action writes nothing and tells the applicant nothing.
"""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import transaction
from django.utils import timezone

from approvals import services, transitions
from approvals.constants import STEP_DECISIONS, Status, Step
from approvals.ending import plan_end
from approvals.errors import CommentRequired, InvalidTransition, NotPermitted
from approvals.fiscal import fiscal_year_of
from approvals.models import (
    Application,
    Approval,
    ApprovalCounter,
    Authority,
    DocumentCounter,
    Refusal,
    Review,
)
from tests import factories


@pytest.fixture
def staff(db):
    return {
        role: factories.make_user(role, username=role)
        for role in ("intake", "reviewer", "approver")
    }


def reach(application, status, staff, applicant):
    """Drive a complete draft through the services to `status`; returns it re-read."""
    if status != Status.DRAFT:
        services.application_submit(
            application=application, actor=applicant, acknowledge_failures=False
        )
    if status == Status.RETURNED:
        transitions.intake_return(application=application, actor=staff["intake"], comment="補正")
    if status == Status.WITHDRAWN:
        services.application_withdraw(application=application, actor=applicant)
    ended = (Status.DISCONTINUED, Status.REVOKED)
    if status in (
        Status.UNDER_REVIEW,
        Status.AWAITING_DECISION,
        Status.APPROVED,
        Status.REFUSED,
        *ended,
    ):
        transitions.intake_accept(application=application, actor=staff["intake"])
    if status in (Status.AWAITING_DECISION, Status.APPROVED, Status.REFUSED, *ended):
        transitions.review_recommend(
            application=application, actor=staff["reviewer"], recommendation="approval"
        )
    if status in (Status.APPROVED, *ended):
        transitions.decision_approve(application=application, actor=staff["approver"])
    if status in ended:
        with transaction.atomic():
            plan_end(
                locked=services.application_lock(application),
                status=status,
                on=timezone.localdate(),
            )
    if status == Status.REFUSED:
        transitions.decision_refuse(
            application=application, actor=staff["approver"], reasons="理由"
        )
    application = Application.objects.get(pk=application.pk)
    assert application.status == status
    return application


def written(application) -> dict:
    """What a step writes: the application's row, its history and every decision record."""
    a = Application.objects.get(pk=application.pk)
    return {
        "row": (a.status, a.version, a.decided_at, a.updated_at),
        "history": list(a.history.values_list("pk", flat=True)),
        "reviews": list(Review.objects.values_list("pk", flat=True)),
        "refusals": list(Refusal.objects.values_list("pk", flat=True)),
        "approvals": list(Approval.objects.values_list("pk", flat=True)),
        "counters": list(ApprovalCounter.objects.values_list("fiscal_year", "last_number")),
        "document_counters": list(DocumentCounter.objects.values_list("series", "last_number")),
    }


# Each service with the status it acts on, the role that takes its step, and a valid call.
SERVICES = {
    "intake_accept": (
        Status.SUBMITTED,
        "intake",
        lambda a, u: transitions.intake_accept(application=a, actor=u),
    ),
    "intake_return": (
        Status.SUBMITTED,
        "intake",
        lambda a, u: transitions.intake_return(application=a, actor=u, comment="決算書が不足"),
    ),
    "review_recommend": (
        Status.UNDER_REVIEW,
        "reviewer",
        lambda a, u: transitions.review_recommend(
            application=a, actor=u, recommendation="approval"
        ),
    ),
    "review_return": (
        Status.UNDER_REVIEW,
        "reviewer",
        lambda a, u: transitions.review_return(application=a, actor=u, comment="資金計画を補正"),
    ),
    "decision_approve": (
        Status.AWAITING_DECISION,
        "approver",
        lambda a, u: transitions.decision_approve(application=a, actor=u),
    ),
    "decision_refuse": (
        Status.AWAITING_DECISION,
        "approver",
        lambda a, u: transitions.decision_refuse(application=a, actor=u, reasons="普及している"),
    ),
    "decision_send_back": (
        Status.AWAITING_DECISION,
        "approver",
        lambda a, u: transitions.decision_send_back(application=a, actor=u),
    ),
}
WRONG_STATUS = [
    (name, status)
    for name, (right, _role, _call) in SERVICES.items()
    for status in Status
    if status != right
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "status"), WRONG_STATUS)
def test_a_step_refuses_an_application_at_another_status(
    name, status, draft, applicant, staff, django_capture_on_commit_callbacks
):
    """A step taken on an application that is not at that step (already decided, withdrawn,
    still a draft, …) is refused with the status named, and nothing is written or sent."""
    _right, role, call = SERVICES[name]
    application = reach(draft, status, staff, applicant)
    before = written(application)
    with django_capture_on_commit_callbacks() as queued, pytest.raises(InvalidTransition) as info:
        call(application, staff[role])
    assert f"「{application.get_status_display()}」" in info.value.message
    assert written(application) == before
    assert queued == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", SERVICES)
def test_a_step_refuses_staff_of_the_applying_company(name, draft, applicant, staff):
    """Staff who belong to the applying company are refused at every step; nothing is written."""
    right, role, call = SERVICES[name]
    application = reach(draft, right, staff, applicant)
    application.company.members.add(staff[role])
    before = written(application)
    with pytest.raises(NotPermitted, match="自社"):
        call(application, staff[role])
    assert written(application) == before


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["decision_approve", "decision_refuse", "decision_send_back"])
@pytest.mark.parametrize("reviewed", ["recommend", "return"])
def test_the_reviewer_may_not_decide(name, reviewed, draft, applicant, staff):
    """Whoever reviewed the application — even if they only returned it for correction once —
    may not approve, refuse or send it back, though they hold the approver's role too."""
    official = staff["approver"]
    official.groups.add(Group.objects.get(name="reviewer"))
    _right, _role, call = SERVICES[name]
    application = reach(draft, Status.SUBMITTED, staff, applicant)
    transitions.intake_accept(application=application, actor=staff["intake"])
    if reviewed == "return":
        transitions.review_return(application=application, actor=official, comment="補正")
        services.application_submit(
            application=application, actor=applicant, acknowledge_failures=False
        )
        transitions.intake_accept(application=application, actor=staff["intake"])
        reviewer = staff["reviewer"]
    else:
        reviewer = official
    transitions.review_recommend(application=application, actor=reviewer, recommendation="approval")
    before = written(application)
    with pytest.raises(NotPermitted, match="審査した職員"):
        call(application, official)
    assert written(application) == before


# Which decisions need a comment: a correction request says what to correct, a refusal gives
# its reasons (行政手続法第8条).
NEEDS_COMMENT = {
    (Step.INTAKE, "return"): "補正",
    (Step.REVIEW, "return"): "補正",
    (Step.DECISION, "refuse"): "理由",
}
ALL_DECISIONS = [
    (step, decision) for step, decisions in STEP_DECISIONS.items() for decision in decisions
]


@pytest.mark.parametrize(("step", "decision"), ALL_DECISIONS)
def test_comment_required(step, decision):
    """The staff form, the API and the services ask one rule which decisions need a comment."""
    message = transitions.comment_required(step, decision)
    if (step, decision) in NEEDS_COMMENT:
        assert NEEDS_COMMENT[step, decision] in message
    else:
        assert message is None


BLANK = ["", "   ", "\n\t", "\u3000"]  # the last: a full-width space typed in Japanese input
WITH_COMMENT = {
    "intake_return": (Status.SUBMITTED, "intake", transitions.intake_return, "comment"),
    "review_return": (Status.UNDER_REVIEW, "reviewer", transitions.review_return, "comment"),
    "decision_refuse": (
        Status.AWAITING_DECISION,
        "approver",
        transitions.decision_refuse,
        "reasons",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("blank", BLANK)
@pytest.mark.parametrize("name", WITH_COMMENT)
def test_return_and_refusal_need_a_comment(
    name, blank, draft, applicant, staff, django_capture_on_commit_callbacks
):
    """A return without saying what to correct, or a refusal without reasons, is refused with
    the message of `comment_required`; nothing is written and the applicant is told nothing."""
    status, role, service, argument = WITH_COMMENT[name]
    application = reach(draft, status, staff, applicant)
    before = written(application)
    with django_capture_on_commit_callbacks() as queued, pytest.raises(CommentRequired) as info:
        service(application=application, actor=staff[role], **{argument: blank})
    step, decision = {
        "intake_return": (Step.INTAKE, "return"),
        "review_return": (Step.REVIEW, "return"),
        "decision_refuse": (Step.DECISION, "refuse"),
    }[name]
    assert info.value.message == transitions.comment_required(step, decision)
    assert written(application) == before
    assert queued == []


@pytest.mark.django_db
def test_review_recommend_refuses_an_unknown_recommendation(draft, applicant, staff):
    """Only 承認が適当 and 不承認が適当 are recommendations; anything else changes nothing."""
    application = reach(draft, Status.UNDER_REVIEW, staff, applicant)
    before = written(application)
    with pytest.raises(InvalidTransition):
        transitions.review_recommend(
            application=application, actor=staff["reviewer"], recommendation="return"
        )
    assert written(application) == before


# Where each step's decision starts from.
AT_STEP = {
    Step.INTAKE: (Status.SUBMITTED, "intake"),
    Step.CORRECTION: (Status.RETURNED, "applicant"),
    Step.REVIEW: (Status.UNDER_REVIEW, "reviewer"),
    Step.DECISION: (Status.AWAITING_DECISION, "approver"),
}


def actor_for(step, staff, applicant):
    role = AT_STEP[step][1]
    return applicant if role == "applicant" else staff[role]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("step", "decision"),
    [
        (Step.INTAKE, "approve"),
        (Step.INTAKE, "recommend_approval"),
        (Step.CORRECTION, "accept"),
        (Step.REVIEW, "accept"),
        (Step.REVIEW, "refuse"),
        (Step.DECISION, "return"),
        (Step.DECISION, "recommend_refusal"),
        (Step.DECISION, "resubmit"),
    ],
)
def test_decision_apply_refuses_a_decision_the_step_does_not_offer(
    step, decision, draft, applicant, staff
):
    """A decision from another step (an intake clerk's "approve", a decider's "return") is
    refused before any service runs, though the application is at the step."""
    application = reach(draft, AT_STEP[step][0], staff, applicant)
    before = written(application)
    with pytest.raises(InvalidTransition, match="選べない判断"):
        transitions.decision_apply(
            application=application,
            step=step,
            decision=decision,
            actor=actor_for(step, staff, applicant),
            comment="コメント",
        )
    assert written(application) == before


# Each offered decision: the status it leads to and the history row it writes.
OUTCOME = {
    (Step.INTAKE, "accept"): (Status.UNDER_REVIEW, "accept"),
    (Step.INTAKE, "return"): (Status.RETURNED, "return"),
    (Step.CORRECTION, "resubmit"): (Status.SUBMITTED, "resubmit"),
    (Step.REVIEW, "recommend_approval"): (Status.AWAITING_DECISION, "recommend_approval"),
    (Step.REVIEW, "recommend_refusal"): (Status.AWAITING_DECISION, "recommend_refusal"),
    (Step.REVIEW, "return"): (Status.RETURNED, "return"),
    (Step.DECISION, "approve"): (Status.APPROVED, "approve"),
    (Step.DECISION, "refuse"): (Status.REFUSED, "refuse"),
    (Step.DECISION, "send_back"): (Status.UNDER_REVIEW, "send_back"),
}


def test_every_offered_decision_has_an_outcome_here():
    """A decision added to a step cannot go untested: the table below must name its outcome."""
    assert set(OUTCOME) == set(ALL_DECISIONS)


@pytest.mark.django_db
@pytest.mark.parametrize(("step", "decision"), list(OUTCOME))
def test_decision_apply_runs_the_service_of_the_decision(step, decision, draft, applicant, staff):
    """Each decision a step offers moves the application where the procedure says, and the
    history names the step, the action and who took it."""
    application = reach(draft, AT_STEP[step][0], staff, applicant)
    actor = actor_for(step, staff, applicant)
    transitions.decision_apply(
        application=application, step=step, decision=decision, actor=actor, comment="意見"
    )
    status, action = OUTCOME[step, decision]
    application = Application.objects.get(pk=application.pk)
    assert application.status == status
    last = application.history.order_by("pk").last()
    assert (last.step, last.action, last.actor) == (step, action, actor)


@pytest.mark.django_db
def test_approval_takes_the_number_and_writes_the_history(
    draft, applicant, staff, django_capture_on_commit_callbacks
):
    """Approving gives the plan the next approval number of the year, dated today, records
    who decided, writes the number into the history and e-mails the applicant."""
    application = reach(draft, Status.AWAITING_DECISION, staff, applicant)
    with django_capture_on_commit_callbacks(execute=True):
        transitions.decision_approve(application=application, actor=staff["approver"])
    application = Application.objects.get(pk=application.pk)
    approval = application.approval
    assert (approval.number, approval.sequence) == ("経革第1号", 1)
    assert approval.approved_on == timezone.localdate()
    assert approval.approved_by == staff["approver"]
    assert application.decided_at is not None
    last = application.history.order_by("pk").last()
    assert (last.step, last.action, last.comment) == (Step.DECISION, "approve", "経革第1号")
    assert "経革第1号" in mail.outbox[-1].body
    assert not Refusal.objects.filter(application=application).exists()


@pytest.mark.django_db
def test_refusal_stores_the_reasons(draft, applicant, staff, django_capture_on_commit_callbacks):
    """Refusing records the reasons as written (trimmed), who refused and when, puts them in
    the history and e-mails the applicant; no approval number is taken."""
    application = reach(draft, Status.AWAITING_DECISION, staff, applicant)
    reasons = "同業他社で相当程度普及している。\n資金計画の裏付けがない。"
    with django_capture_on_commit_callbacks(execute=True):
        transitions.decision_refuse(
            application=application, actor=staff["approver"], reasons=f"  {reasons}\n"
        )
    application = Application.objects.get(pk=application.pk)
    refusal = application.refusal
    assert refusal.reasons == reasons
    assert (refusal.refused_by, refusal.refused_on) == (staff["approver"], timezone.localdate())
    assert application.decided_at is not None
    last = application.history.order_by("pk").last()
    assert (last.step, last.action, last.comment) == (Step.DECISION, "refuse", reasons)
    assert len(mail.outbox) == 1
    assert not Approval.objects.exists()
    assert not ApprovalCounter.objects.filter(last_number__gt=0).exists()
    assert (refusal.sequence, refusal.number) == (1, "経革不第1号")


@pytest.mark.django_db
def test_approvals_and_refusals_share_the_format_in_series_of_their_own(applicant, staff):
    """One document-number format for both notices: each series counts on its own within
    the fiscal year, and a format the administrator changes applies to both."""
    authority = Authority.current()
    authority.number_format = "{series}第{fy}-{seq}号"
    authority.approval_series, authority.refusal_series = "産振", "産振不"
    authority.save()
    decided = []
    for decision in ("refuse", "approve", "refuse"):
        owner = factories.make_user("applicant")
        application = factories.make_application(factories.make_company(owner), owner)
        application = reach(application, Status.AWAITING_DECISION, staff, owner)
        if decision == "approve":
            transitions.decision_approve(application=application, actor=staff["approver"])
            decided.append(Approval.objects.get(application=application).number)
        else:
            transitions.decision_refuse(
                application=application, actor=staff["approver"], reasons="理由"
            )
            decided.append(Refusal.objects.get(application=application).number)
    fy = fiscal_year_of(timezone.localdate())
    assert decided == [f"産振不第{fy}-1号", f"産振第{fy}-1号", f"産振不第{fy}-2号"]


@pytest.mark.django_db
def test_a_return_tells_the_applicant_what_to_correct(
    draft, applicant, staff, django_capture_on_commit_callbacks
):
    """The correction request is e-mailed to the company once the return has committed."""
    application = reach(draft, Status.UNDER_REVIEW, staff, applicant)
    with django_capture_on_commit_callbacks(execute=True):
        transitions.review_return(
            application=application,
            actor=staff["reviewer"],
            comment="資金計画の内訳を追記してください。",
        )
    assert "資金計画の内訳を追記してください。" in mail.outbox[-1].body
    review = Review.objects.get(application=application)
    assert (review.reviewer, review.recommendation) == (staff["reviewer"], "return")
