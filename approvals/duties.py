"""Separation of duties: who may not act on an application, whatever their role.

Nobody acts on an application of a company they belong to; the decider may not be a reviewer
of that application. The services check this on every path (web, API, code).
"""

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
