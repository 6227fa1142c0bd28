"""The six roles of the procedure, each a Django group.

A user's role decides which pages and tasks they reach; applicants only ever see their own
company's applications, staff roles see the applications their step needs.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    APPLICANT = "applicant", _("申請者")
    INTAKE = "intake", _("受付担当")
    REVIEWER = "reviewer", _("審査担当")
    APPROVER = "approver", _("決裁権者")
    POLICY = "policy", _("政策担当")
    ADMIN = "admin", _("管理者")


STAFF_ROLES = frozenset({Role.INTAKE, Role.REVIEWER, Role.APPROVER, Role.POLICY, Role.ADMIN})
