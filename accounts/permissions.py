"""Who may use which surface, by role: the applicant portal and the API's applicant actions.

Applicants act on their own company's plans (and no staff role may hold that role beside its
own: the portal is for applicants only); staff only read them through the API; a support body's
user reaches the portal's application pages and the API's application actions for the firms
that delegated to it, each act within the delegation's scopes (approvals.support.access).
The scoping of what each may see is the selectors' (approvals.selectors.applications_for_user).
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission


def is_portal_user(user) -> bool:
    """An applicant with no staff role: the one who drafts, submits and withdraws plans."""
    return bool(user and user.is_authenticated and user.is_applicant and not user.is_staff_member)


def is_support_user(user) -> bool:
    """A support body's user with no staff role: acts for the firms that delegated to it,
    within the scopes delegated (approvals.support.access decides each act)."""
    return bool(user and user.is_authenticated and user.is_support and not user.is_staff_member)


class IsApplicant(BasePermission):
    """An applicant (and no staff role): only they draft, edit, submit and withdraw plans."""

    message = _("申請者のみが行える操作です。")

    def has_permission(self, request, view):
        return is_portal_user(request.user)


class IsApplicantForWrites(IsApplicant):
    """Reads for anyone signed in (scoped by the queryset), writes for applicants only."""

    def has_permission(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return bool(request.user and request.user.is_authenticated)
        return super().has_permission(request, view)


class IsApplicantOrDelegate(BasePermission):
    """An applicant, or a support body's user: the view checks the delegation's scope for the
    application it acts on (approvals.support.access), 403 beyond it."""

    message = _("申請者、または委任を受けた支援機関のみが行える操作です。")

    def has_permission(self, request, view):
        return is_portal_user(request.user) or is_support_user(request.user)


class IsApplicantOrDelegateForWrites(IsApplicantOrDelegate):
    """Reads for anyone signed in (scoped by the queryset), writes for applicants and
    delegates (whose scopes the view checks)."""

    def has_permission(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return bool(request.user and request.user.is_authenticated)
        return super().has_permission(request, view)
