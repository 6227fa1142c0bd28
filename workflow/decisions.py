"""Which decisions each step offers, and the approvals service that carries each out.

Shared by the staff task pages and the API so both run exactly the same code.
"""

from django.utils.translation import gettext as _

from approvals import services as approvals_services
from approvals import transitions
from approvals.constants import Step
from approvals.errors import InvalidTransition

STEP_OF_NODE = {
    "intake": Step.INTAKE,
    "correction": Step.CORRECTION,
    "review": Step.REVIEW,
    "decide": Step.DECISION,
}
DECISIONS = {
    Step.INTAKE: ("accept", "return"),
    Step.CORRECTION: ("resubmit",),
    Step.REVIEW: ("recommend_approval", "recommend_refusal", "return"),
    Step.DECISION: ("approve", "refuse", "send_back"),
}


def step_of(task) -> str:
    return STEP_OF_NODE[task.flow_task.name]


def apply_decision(*, application, step, decision, actor, comment="", checklist=None, **extra):
    """Run the approvals service for one decision of one step."""
    if decision not in DECISIONS.get(step, ()):
        raise InvalidTransition(_("この手続では選べない判断です。"))
    if step == Step.INTAKE:
        if decision == "accept":
            return transitions.intake_accept(application=application, actor=actor, comment=comment)
        return transitions.intake_return(application=application, actor=actor, comment=comment)
    if step == Step.REVIEW:
        if decision == "return":
            return transitions.review_return(
                application=application, actor=actor, comment=comment, checklist=checklist
            )
        return transitions.review_recommend(
            application=application,
            actor=actor,
            checklist=checklist,
            opinion=comment,
            recommendation=decision.removeprefix("recommend_"),
        )
    if step == Step.DECISION:
        if decision == "approve":
            return transitions.decision_approve(
                application=application, actor=actor, comment=comment
            )
        if decision == "refuse":
            return transitions.decision_refuse(
                application=application, actor=actor, reasons=comment
            )
        return transitions.decision_send_back(application=application, actor=actor, comment=comment)
    return approvals_services.application_submit(
        application=application,
        actor=actor,
        acknowledge_failures=extra.get("acknowledge_failures", False),
    )
