"""Separation of duties: who may not act on an application at a step, whatever their role.

Nobody acts on an application of a company they belong to; the decider may not be a reviewer
of that application. One rule, two forms: ``duty_conflict`` says why one user may not act on
one application (the services, the task pages, the API), ``barred_applications`` is the same
rule as a queryset (the queues and task lists leave those applications out).
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from approvals.constants import Step
from approvals.models import Application


def duty_conflict(*, application: Application, user, step: str) -> str | None:
    """The reason `user` may not act at `step` on `application`, or None."""
    if application.company.members.filter(pk=user.pk).exists():
        return _("自社（所属する企業）の申請は担当できません。")
    if step == Step.DECISION and application.reviews.filter(reviewer=user).exists():
        return _("この申請を審査した職員は決裁できません。")
    return None


def barred_applications(user, *, step: str) -> QuerySet[Application]:
    """The applications `user` may not act on at `step` (a subquery for task lists)."""
    barred = Q(company__members=user)
    if step == Step.DECISION:
        barred |= Q(reviews__reviewer=user)
    return Application.objects.filter(barred).values("pk")
