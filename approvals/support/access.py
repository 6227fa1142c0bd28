"""What a support body's user may do for a firm: the one rule, for the portal, the API, the
flow and the services (DOMAIN.md §12).

A delegation is *active* while it is not revoked, its `valid_to` (Asia/Tokyo) has not passed,
the delegate still belongs to the organisation it was granted to and is active, and that
organisation's 認定・登録 is in force. Everything is read from the database on each call (no
cache): a revocation takes effect on the next request.

A delegate sees the applications of the firms whose active delegation includes `view`
(`delegated_companies`), and acts by scope (`scope_for`): editing the draft needs `edit`,
answering a 補正 (editing and resubmitting a returned plan) needs `correct`, submitting a
draft needs `submit`. Withdrawing, deleting, copying, discontinuing, opening a change and
managing delegations are the firm's own: no scope grants them.
"""

from datetime import date

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from approvals.constants import DelegationScope, Status
from approvals.models import Application, Company, Delegation
from approvals.support.models import SCOPE_FIELDS

# What a person does to an application, for `scope_for` and `may_act`.
VIEW = "view"
EDIT = "edit"  # the plan's sections and its attachments
SUBMIT = "submit"  # submit a draft, or resubmit a returned plan
FIRM_ONLY = "firm"  # withdraw, delete, copy, discontinue, change, delegations


def is_support_user(user) -> bool:
    return bool(user and user.is_authenticated and user.is_support)


def is_member(user, company_or_id) -> bool:
    company_id = getattr(company_or_id, "pk", company_or_id)
    return Company.members.through.objects.filter(
        company_id=company_id, user_id=getattr(user, "pk", None)
    ).exists()


def active_delegations(day: date | None = None) -> QuerySet[Delegation]:
    """Every delegation in force on `day` (today in Asia/Tokyo)."""
    day = day or timezone.localdate()
    return Delegation.objects.filter(
        Q(organisation__registration_valid_from__isnull=True)
        | Q(organisation__registration_valid_from__lte=day),
        Q(organisation__registration_valid_to__isnull=True)
        | Q(organisation__registration_valid_to__gte=day),
        revoked_at__isnull=True,
        valid_to__gte=day,
        delegate__is_active=True,
        delegate__support_membership__organisation=F("organisation"),
    )


def delegations_of(user, scope: str = DelegationScope.VIEW) -> QuerySet[Delegation]:
    """The user's active delegations that include `scope` (none unless a support user)."""
    if not is_support_user(user):
        return Delegation.objects.none()
    return active_delegations().filter(delegate=user, **{SCOPE_FIELDS[scope]: True})


def delegated_companies(user, scope: str = DelegationScope.VIEW) -> QuerySet[Company]:
    """The firms that let `user` do `scope` now."""
    return Company.objects.filter(pk__in=delegations_of(user, scope).values("company_id")).order_by(
        "name", "pk"
    )


def _company_id(target) -> int | None:
    if isinstance(target, Application):
        return target.company_id
    if isinstance(target, Company):
        return target.pk
    return target  # an id


def delegation_for(
    user, target, scope: str = DelegationScope.VIEW, *, lock: bool = False
) -> Delegation | None:
    """The active delegation by which `user` may do `scope` for the firm of `target` (an
    Application, a Company or a company id), or None.

    `lock` (inside a transaction) holds the delegation's row until the caller commits, as
    `delegation_revoke` does: a revocation committing meanwhile waits, and one that committed
    first is seen (PostgreSQL re-reads a row it waited for), so nothing is done under a
    delegation revoked before the act committed."""
    company_id = _company_id(target)
    if company_id is None:
        return None
    delegations = delegations_of(user, scope).filter(company_id=company_id).order_by("-pk")
    if lock:
        delegations = delegations.select_for_update(of=("self",))
    return delegations.first()


def scope_for(application: Application, act: str) -> str | None:
    """The scope a delegate needs to do `act` to `application` now; None: the firm's only."""
    if act == VIEW:
        return DelegationScope.VIEW
    returned = application.status == Status.RETURNED
    if act == EDIT:
        return DelegationScope.CORRECT if returned else DelegationScope.EDIT
    if act == SUBMIT:
        return DelegationScope.CORRECT if returned else DelegationScope.SUBMIT
    return None


def delegate_may(user, application: Application, act: str, *, lock: bool = False) -> bool:
    """Whether the support user `user` may do `act` to `application` under a delegation
    (`lock`: see `delegation_for`)."""
    scope = scope_for(application, act)
    return scope is not None and delegation_for(user, application, scope, lock=lock) is not None


def may_act(user, application: Application, act: str, *, lock: bool = False) -> bool:
    """Whether `user` may do `act` to the application as the firm or for it: a member of the
    firm may (the state rules are the services'), a delegate within its scopes."""
    if is_member(user, application.company_id):
        return True
    return is_support_user(user) and delegate_may(user, application, act, lock=lock)


def acting_for(user, application: Application) -> Delegation | None:
    """The delegation under which `user` acts on the application for its firm, or None when
    they act as themselves (a member of the firm, staff, the system)."""
    if user is None or not is_support_user(user) or is_member(user, application.company_id):
        return None
    return delegation_for(user, application, DelegationScope.VIEW)
