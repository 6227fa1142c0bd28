"""Who may use which surface, by role: the applicant portal and the API's applicant actions.

Applicants act on their own company's plans (and no staff role may hold that role beside its
own: the portal is for applicants only); staff only read them through the API. The scoping of
what each may see is the selectors' (approvals.selectors.applications_for_user).
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission


def is_portal_user(user) -> bool:
    """An applicant with no staff role: the one who drafts, submits and withdraws plans."""
    return bool(user and user.is_authenticated and user.is_applicant and not user.is_staff_member)


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
