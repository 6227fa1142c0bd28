"""Roles grant the flow's permissions; separation of duties narrows them per application.

Permissions come from the role (group) in code rather than from permission rows, so a new
installation needs no permission set-up and a role means the same everywhere.
"""

from django.contrib.auth.backends import BaseBackend

from accounts.roles import STAFF_ROLES, Role

CAN_INTAKE = "workflow.can_intake"
CAN_REVIEW = "workflow.can_review"
CAN_DECIDE = "workflow.can_decide"
VIEW_PROCESS = "workflow.view_applicationprocess"

# Policy staff keep the target series and their yearly targets in the admin, and look up
# imported legacy approvals there; they delete no series (its history would go with it).
TARGET_KEEPING = {
    *(f"approvals.{action}_targetseries" for action in ("view", "add", "change")),
    *(f"approvals.{action}_targetyear" for action in ("view", "add", "change", "delete")),
    "approvals.view_legacyapproval",
}

ROLE_PERMISSIONS = {
    Role.INTAKE: {CAN_INTAKE},
    Role.REVIEWER: {CAN_REVIEW},
    Role.APPROVER: {CAN_DECIDE},
    Role.POLICY: TARGET_KEEPING,
}
# Staff roles open the task lists and the process pages; applicants never do.
for _role in STAFF_ROLES:
    ROLE_PERMISSIONS.setdefault(_role, set()).add(VIEW_PROCESS)


def may_take(user, permission: str) -> bool:
    """Whether the user's roles grant a step's permission (CAN_INTAKE …) of the flow.

    Asked instead of `user.has_perm`, which grants a superuser everything: the administrator
    administers (users, settings, the admin) and takes no step of the procedure.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    return any(permission in ROLE_PERMISSIONS.get(role, ()) for role in user.roles)


class RolePermissionBackend(BaseBackend):
    """Grants each active user the flow permissions of their roles."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        perms = set()
        for role in user_obj.roles:
            perms |= ROLE_PERMISSIONS.get(role, set())
        return perms

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label):
        """The admin lists an app when the user holds any of its permissions."""
        return any(p.startswith(f"{app_label}.") for p in self.get_all_permissions(user_obj))
