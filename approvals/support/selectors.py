"""Reads for support bodies: a delegate's home, a firm's delegations."""

from approvals.models import Application, Company, Delegation
from approvals.support import access


def home(user) -> dict:
    """A support user's portal home: its organisation, and each firm whose active delegation
    lets it view, with the firm's applications (newest first)."""
    delegations = list(
        access.delegations_of(user)
        .select_related("company", "organisation")
        .order_by("company__name", "company_id", "-pk")
    )
    seen, firms = set(), []
    by_company = {}
    for application in Application.objects.filter(
        company_id__in=[d.company_id for d in delegations]
    ).order_by("-updated_at"):
        by_company.setdefault(application.company_id, []).append(application)
    for delegation in delegations:
        if delegation.company_id in seen:
            continue
        seen.add(delegation.company_id)
        firms.append(
            {"delegation": delegation, "applications": by_company.get(delegation.company_id, [])}
        )
    return {"firms": firms, "organisation": organisation_of(user)}


def organisation_of(user):
    """The support organisation a support user belongs to; None for everyone else."""
    if not user.is_authenticated or not user.is_support:
        return None
    membership = getattr(user, "support_membership", None)
    return membership.organisation if membership else None


def delegations_of_company(company: Company):
    """Every delegation the firm granted, newest first, revoked and expired ones included."""
    return Delegation.objects.filter(company=company).select_related(
        "delegate", "organisation", "created_by", "revoked_by"
    )
