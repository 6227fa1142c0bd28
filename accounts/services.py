"""Writes on users: creating and updating users with a role."""

from django.contrib.auth.models import Group
from django.db import transaction

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
    if user.email:
        email_verified(user=user, email=user.email)
    return user, created


def email_verified(*, user, email: str) -> None:
    """Record `email` as the user's verified primary address: a user created by the
    administrator (or the demo data) signs in without the verification mail an applicant's
    own sign-up needs."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).exclude(email__iexact=email).update(primary=False)
    EmailAddress.objects.update_or_create(
        user=user, email=email.lower(), defaults={"verified": True, "primary": True}
    )
