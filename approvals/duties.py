"""Separation of duties: who may not act on an application at a step, whatever their role.

Nobody acts on an application of a company they belong to, and nobody decides alone: the
decider may never be a reviewer of that application, and where the authority keeps the steps
apart (`Authority.separate_step_staff`, the default) intake, review and decision are three
different people — whoever took one staff step of an application takes no other. A review is
known by its record (Review); intake and decision by the history rows of their decisions.

One rule, two forms: ``duty_conflict`` says why one user may not act on one application (the
services, the task pages, the API), ``barred_applications`` is the same rule as a queryset
(the queues and task lists leave those applications out), ``barred_sets`` the same again as
subqueries cheap enough for a task list to test every task against.

A revocation (approvals.revocation) has its own three people: who opens the case, the hearing
officer, the approver who decides — ``revocation_duty_conflict``.
"""

from django.db.models import Exists, Q, QuerySet
from django.utils.translation import gettext as _

from accounts.roles import Role
from approvals.constants import STAFF_STEPS, STEP_DECISION_ACTIONS, Step
from approvals.models import Application, Authority, Company, HistoryEntry, Review


def _took(user, step: str) -> Q:
    """Applications at whose `step` `user` decided."""
    if step == Step.REVIEW:
        return Q(reviews__reviewer=user)
    return Q(history__actor=user, history__step=step, history__action__in=STEP_DECISION_ACTIONS)


def _others(step: str) -> list[str]:
    return [s for s in STAFF_STEPS if s != step]


def duty_conflict(*, application: Application, user, step: str) -> str | None:
    """The reason `user` may not act at `step` on `application`, or None."""
    # The membership row itself, by the company's id: the company is not loaded for it.
    members = Company.members.through.objects
    if members.filter(company_id=application.company_id, user_id=user.pk).exists():
        return _("自社（所属する企業）の申請は担当できません。")
    one = Application.objects.filter(pk=application.pk)
    asked = set()
    if step == Step.DECISION:
        if one.filter(_took(user, Step.REVIEW)).exists():
            return _("この申請を審査した職員は決裁できません。")
        asked.add(Step.REVIEW)  # not a reviewer of it: no need to ask again below
    if not Authority.current().separate_step_staff:
        return None
    taken = [s for s in _others(step) if s not in asked and one.filter(_took(user, s)).exists()]
    if taken:
        return _(
            "この申請の%(taken)sを担当した職員は%(step)sを担当できません"
            "（一つの申請の受付・審査・決裁は、それぞれ別の職員が行います）。"
        ) % {"taken": "・".join(str(Step(s).label) for s in taken), "step": Step(step).label}
    return None


def _took_ids(user, step: str) -> QuerySet:
    """Ids of the applications at whose `step` `user` decided, from the user's own rows."""
    if step == Step.REVIEW:
        return Review.objects.filter(reviewer=user).values("application_id")
    return HistoryEntry.objects.filter(
        actor=user, step=step, action__in=STEP_DECISION_ACTIONS
    ).values("application_id")


def barred_sets(user, *, step: str) -> list[QuerySet]:
    """The applications `user` may not act on at `step`, as a few subqueries of application
    ids (a task is barred when its application is in any of them). Each reads only the user's
    own rows by an index — their companies' applications, their reviews, their decisions —
    never every application, so a task list that tests its tasks against them does not grow
    with the register. The authority's setting is read inside them: no query more."""
    kept_apart = ~Exists(Authority.objects.filter(separate_step_staff=False))
    sets = [Application.objects.filter(company__members=user).values("pk")]
    sets += [_took_ids(user, other).filter(kept_apart) for other in _others(step)]
    if step == Step.DECISION:
        sets.append(_took_ids(user, Step.REVIEW))
    return sets


def barred_applications(user, *, step: str) -> QuerySet[Application]:
    """The same rule as one queryset of applications (ids)."""
    barred = Q(pk__in=[])
    for ids in barred_sets(user, step=step):
        barred |= Q(pk__in=ids)
    return Application.objects.filter(barred).values("pk")


def revocation_duty_conflict(*, case, user, step: str) -> str | None:
    """The reason `user` may not act at `step` ("hearing" or "decide") of a revocation case,
    or None. The hearing officer (主宰者) is neither who opened the case nor a reviewer of the
    plan (行政手続法第19条: the officer must stand apart from the case), and the decision is an
    approver's, taken by neither of them: nobody opens, hears and decides alone."""
    members = Company.members.through.objects
    if members.filter(company_id=case.application.company_id, user_id=user.pk).exists():
        return _("自社（所属する企業）の申請は担当できません。")
    if step == "hearing":
        if user.pk == case.opened_by_id:
            return _("取消し手続を開始した職員は聴聞を主宰できません。")
        if Review.objects.filter(application_id=case.application_id, reviewer=user).exists():
            return _("この計画を審査した職員は聴聞を主宰できません。")
        return None
    if step == "decide":
        if not user.has_role(Role.APPROVER):
            return _("取消しの決定は決裁権者が行います。")
        if user.pk == case.opened_by_id:
            return _("取消し手続を開始した職員は決定できません。")
        if user.pk == case.officer_id:
            return _("聴聞を主宰した職員は決定できません。")
        return None
    raise ValueError(f"unknown revocation step: {step}")
