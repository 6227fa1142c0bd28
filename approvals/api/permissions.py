"""Who may call what: applicants act on their own company's plans; staff only read them."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission


class IsApplicant(BasePermission):
    """An applicant (and no staff role): only they draft, edit, submit and withdraw plans."""

    message = _("申請者のみが行える操作です。")

    def has_permission(self, request, view):
        user = request.user
        return bool(
            user and user.is_authenticated and user.is_applicant and not user.is_staff_member
        )


class IsApplicantForWrites(IsApplicant):
    """Reads for anyone signed in (scoped by the queryset), writes for applicants only."""

    def has_permission(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return bool(request.user and request.user.is_authenticated)
        return super().has_permission(request, view)
