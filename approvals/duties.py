"""Separation of duties: who may not act on an application at a step, whatever their role.

Nobody acts on an application of a company they belong to, and nobody decides alone: the
decider may never be a reviewer of that application, and where the authority keeps the steps
apart (`Authority.separate_step_staff`, the default) intake, review and decision are three
different people — whoever took one staff step of an application takes no other. A review is
known by its record (Review); intake and decision by the history rows of their decisions.

One rule, two forms: ``duty_conflict`` says why one user may not act on one application (the
services, the task pages, the API), ``barred_applications`` is the same rule as a queryset
(the queues and task lists leave those applications out).
"""

from django.db.models import Exists, Q, QuerySet
from django.utils.translation import gettext as _

from approvals.constants import STAFF_STEPS, STEP_DECISION_ACTIONS, Step
from approvals.models import Application, Authority


def _took(user, step: str) -> Q:
    """Applications at whose `step` `user` decided."""
    if step == Step.REVIEW:
        return Q(reviews__reviewer=user)
    return Q(history__actor=user, history__step=step, history__action__in=STEP_DECISION_ACTIONS)


def _others(step: str) -> list[str]:
    return [s for s in STAFF_STEPS if s != step]


def duty_conflict(*, application: Application, user, step: str) -> str | None:
    """The reason `user` may not act at `step` on `application`, or None."""
    if application.company.members.filter(pk=user.pk).exists():
        return _("自社（所属する企業）の申請は担当できません。")
    one = Application.objects.filter(pk=application.pk)
    if step == Step.DECISION and one.filter(_took(user, Step.REVIEW)).exists():
        return _("この申請を審査した職員は決裁できません。")
    if not Authority.current().separate_step_staff:
        return None
    taken = [s for s in _others(step) if one.filter(_took(user, s)).exists()]
    if taken:
        return _(
            "この申請の%(taken)sを担当した職員は%(step)sを担当できません"
            "（一つの申請の受付・審査・決裁は、それぞれ別の職員が行います）。"
        ) % {"taken": "・".join(str(Step(s).label) for s in taken), "step": Step(step).label}
    return None


def barred_applications(user, *, step: str) -> QuerySet[Application]:
    """The applications `user` may not act on at `step` (a subquery for task lists; the
    authority's setting is read inside it, so a list costs no query more)."""
    kept_apart = ~Exists(Authority.objects.filter(separate_step_staff=False))
    took_another = Q()
    for other in _others(step):
        took_another |= Q(pk__in=Application.objects.filter(_took(user, other)).values("pk"))
    barred = Q(company__members=user) | (took_another & Q(kept_apart))
    if step == Step.DECISION:
        barred |= Q(pk__in=Application.objects.filter(_took(user, Step.REVIEW)).values("pk"))
    return Application.objects.filter(barred).values("pk")
