"""The second factor (django-allauth's TOTP with recovery codes): who needs one, who has one,
a code checked outside a sign-in page (the API token endpoint), and a device provisioned from
code (`adduser --totp-secret`, the demo data)."""

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

from accounts.roles import SECOND_FACTOR_ROLES


def needs_second_factor(user) -> bool:
    """Staff of every role and the administrator; applicants may add one but need not."""
    return bool(user.is_superuser or SECOND_FACTOR_ROLES & set(user.roles))


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def code_is_valid(user, code: str) -> bool:
    """A current TOTP code or an unused recovery code of the user (a code is good once)."""
    code = (code or "").strip().replace(" ", "")
    if not code:
        return False
    for authenticator in Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES]
    ):
        if authenticator.wrap().validate_code(code):
            authenticator.record_usage()
            return True
    return False


def provision(user, secret: str) -> list[str]:
    """Give the user a TOTP device with `secret` (base32) and fresh recovery codes; returns the
    recovery codes. A device the user already had is replaced."""
    Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES]
    ).delete()
    TOTP.activate(user, secret)
    return RecoveryCodes.activate(user).get_unused_codes()
