"""Writes on users: creating and updating users with a role."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import ADMIN_SITE_ROLES, Role


@transaction.atomic
def user_set_role(*, user: User, role: str) -> None:
    """Give the user exactly this role; admins (and policy staff, for the target series) sign
    in to Django's admin, only admins as superusers."""
    role = Role(role)
    user.groups.set([Group.objects.get_or_create(name=role.value)[0]])
    user.is_staff = role in ADMIN_SITE_ROLES
    user.is_superuser = role == Role.ADMIN
    user.save(update_fields=["is_staff", "is_superuser"])
    user.__dict__.pop("_roles_cache", None)


@transaction.atomic
def user_upsert(
    *,
    username: str,
    role: str,
    password: str | None = None,
    email: str | None = None,
    display_name: str | None = None,
) -> tuple[User, bool]:
    """Create the user or update the existing one; returns (user, created)."""
    user, created = User.objects.get_or_create(username=username)
    if email is not None:
        user.email = email
    if display_name is not None:
        user.display_name = display_name
    if password:
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.save()
    user_set_role(user=user, role=role)
    return user, created


@transaction.atomic
def applicant_sign_up(*, email: str, password: str) -> User:
    """Self sign-up of an SME's person: the e-mail is the login name."""
    user = User(username=email, email=email, accepted_terms_at=timezone.now())
    user.set_password(password)
    user.save()
    user_set_role(user=user, role=Role.APPLICANT)
    return user
