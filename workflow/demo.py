"""Takes the demo plans marked `approve` through the whole procedure, as the staff would.

Lives in workflow because it drives the flow; approvals.demo only drafts. Idempotent: a plan
already past its draft is left as it is.
"""

from accounts.models import User
from approvals.constants import Decision, Status, Step
from approvals.demo import PLANS
from approvals.models import Application
from workflow import services

STEPS = (
    (Step.INTAKE, "intake", Decision.ACCEPT, "書類に不備はありません。"),
    (
        Step.REVIEW,
        "reviewer",
        Decision.RECOMMEND_APPROVAL,
        "基準を満たし、新規性・実現可能性ともに妥当。",
    ),
    (Step.DECISION, "approver", Decision.APPROVE, ""),
)


def approve_demo_plans() -> list[Application]:
    approved = []
    for plan in PLANS:
        if not plan.get("approve"):
            continue
        application = Application.objects.get(theme=plan["theme"])
        if application.status != Status.DRAFT:
            continue
        owner = User.objects.get(username=plan["owner"])
        services.application_submit(
            application=application, actor=owner, acknowledge_failures=False
        )
        for step, username, decision, memo in STEPS:  # internal notes: memos
            services.task_complete(
                task=services.open_task(application, step),
                user=User.objects.get(username=username),
                decision=decision,
                memo=memo,
                checklist={"novelty": True, "feasibility": True, "funding": True, "policy": True},
            )
        approved.append(Application.objects.get(pk=application.pk))
    return approved
