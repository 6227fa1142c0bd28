"""Reads on follow-up surveys: who sees which, the plan's closed years and its base year."""

from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from accounts.roles import Role
from approvals import rules
from approvals.constants import FollowUpStatus
from approvals.models import Application, FollowUp
from approvals.rules import followup as schedule

# Who asks a firm for a survey: the clerks who handle approved plans (intake and review) and
# the administrator; not the approver (who decides) nor policy staff (aggregates only).
REQUESTING_ROLES = frozenset({Role.INTAKE, Role.REVIEWER, Role.ADMIN})


def today() -> date:
    return timezone.localdate()


def may_request(user) -> bool:
    return bool(user.is_authenticated and any(r in REQUESTING_ROLES for r in user.roles))


def follow_ups_for_user(user) -> QuerySet[FollowUp]:
    """Applicants see their own firm's surveys; staff who handle applications see all."""
    qs = FollowUp.objects.select_related("application__company", "application__approval")
    if not user.is_authenticated:
        return qs.none()
    if user.is_staff_member:
        return qs
    return qs.filter(application__company__members=user).distinct()


def open_follow_ups(application: Application) -> QuerySet[FollowUp]:
    return application.follow_ups.filter(status=FollowUpStatus.REQUESTED).order_by("due_on")


def open_for_user(user) -> QuerySet[FollowUp]:
    """The applicant's open surveys, soonest due first (the portal's tasks)."""
    return (
        follow_ups_for_user(user).filter(status=FollowUpStatus.REQUESTED).order_by("due_on", "pk")
    )


def closed_years(application: Application, on: date) -> list[int]:
    """Plan years (1 … final) whose last day is before `on`: the ones a firm may report."""
    if application.plan_start is None or application.final_year is None:
        return []
    return schedule.closed_years(application.plan_start, application.final_year, on)


def _approved_version(application: Application):
    return application.versions.order_by("-number").first()


def base_figures(application: Application) -> rules.Figures | None:
    """The base year (0) of the approved version, as it was approved (not as edited since)."""
    version = _approved_version(application)
    if version is None:
        return None
    for row in version.data.get("figures", []):
        if row.get("year") == 0:
            return rules.Figures(
                0, **{f: row.get(f) for f in rules.Figures.__dataclass_fields__ if f != "year"}
            )
    return None


def rule_set(application: Application) -> rules.RuleSet:
    version = _approved_version(application)
    return rules.rule_set_by_code(version.rule_set if version else application.rule_set)


def proposed_schedule(application: Application) -> list[schedule.Proposal]:
    approval = getattr(application, "approval", None)
    if approval is None or application.plan_start is None or application.final_year is None:
        return []
    return schedule.follow_up_schedule(
        approved_on=approval.approved_on,
        plan_start=application.plan_start,
        final_year=application.final_year,
    )
