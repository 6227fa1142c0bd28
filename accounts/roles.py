"""The roles of the procedure, each a Django group.

A user's role decides which pages and tasks they reach; applicants only ever see their own
company's applications, staff roles see the applications their step needs. Policy staff see
aggregates only (the target dashboard, its drill-down and exports) and keep the target series
in the admin: never an application, a company's figures or an attachment.
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
    # A support body's staff (商工会, 商工会議所, 支援センター, 認定支援機関, 金融機関, 行政書士):
    # only the firms that delegated to them, within the scopes delegated (approvals.support).
    SUPPORT = "support", _("支援機関")


# Roles that handle applications: the staff pages, the applications and their documents.
STAFF_ROLES = frozenset({Role.INTAKE, Role.REVIEWER, Role.APPROVER, Role.ADMIN})
# Roles that must sign in with a second factor (TOTP): everyone of the prefecture, and support
# bodies' users, who act for every firm that delegated to them (editing, answering a 補正,
# submitting: one stolen password would reach them all); applicants may add one.
SECOND_FACTOR_ROLES = frozenset(
    {Role.INTAKE, Role.REVIEWER, Role.APPROVER, Role.POLICY, Role.ADMIN, Role.SUPPORT}
)
# Roles that sign in to Django's admin: the administrator for everything, policy staff for the
# target series (what they may do there is in workflow.permissions).
ADMIN_SITE_ROLES = frozenset({Role.POLICY, Role.ADMIN})
