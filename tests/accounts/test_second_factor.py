"""Every member of staff signs in with a second factor (TOTP or a recovery code): on the site
after the password, and on the API token endpoint as `otp`; one who has none yet is sent to set
it up and reaches nothing else. Applicants may add one."""

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests import factories

PASSWORD = "pass-word-123"
PORTAL = "/portal/applications/"


def sign_in(client, username):
    return client.post(reverse("account_login"), {"login": username, "password": PASSWORD})


@pytest.mark.django_db
def test_a_clerk_signs_in_with_the_password_and_then_a_code(db):
    clerk = factories.make_user("intake", username="clerk")
    client = Client()
    response = sign_in(client, "clerk")
    assert response["Location"] == reverse("mfa_authenticate")
    # The password alone opened nothing.
    assert client.get(reverse("staff:index"))["Location"].startswith(reverse("account_login"))

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    response = client.post(reverse("mfa_authenticate"), {"code": factories.recovery_code(clerk)})
    assert response.status_code == 302
    assert client.get(reverse("staff:index")).status_code == 302  # on to the inbox
    assert client.get(reverse("staff:application:inbox")).status_code == 200


@pytest.mark.django_db
def test_a_member_of_staff_without_a_second_factor_is_sent_to_set_one_up(db):
    """The first sign-in of a new clerk: every page leads to the set-up; once a device is set
    up (a code from the app confirms it), the staff pages open."""
    clerk = factories.make_user("reviewer", username="newcomer")
    Authenticator.objects.filter(user=clerk).delete()
    client = Client()
    assert sign_in(client, "newcomer").status_code == 302
    for url in (reverse("staff:application:queue"), reverse("approvals:home"), "/admin/"):
        assert client.get(url)["Location"] == reverse("mfa_activate_totp"), url
    assert client.get("/api/v1/me/").json()["mfa_required"] is True

    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    code = format_hotp_value(hotp_value(secret, int(__import__("time").time()) // 30))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=clerk, type="totp").exists()
    assert client.get(reverse("staff:application:queue")).status_code == 200


@pytest.mark.django_db
def test_an_applicant_needs_no_second_factor(applicant):
    client = Client()
    assert sign_in(client, applicant.username)["Location"] == reverse("approvals:home")


def token(username, **extra):
    body = {"username": username, "password": PASSWORD, **extra}
    return APIClient().post("/api/v1/auth/token/", body, format="json")


@pytest.mark.django_db
def test_a_member_of_staff_gets_a_token_only_with_the_second_factor(db):
    approver = factories.make_user("approver", username="approver-x")
    without = token("approver-x")
    assert without.status_code == 401
    assert without.json()["mfa_required"] is True
    wrong = token("approver-x", otp="12345678")
    assert (wrong.status_code, wrong.json()["mfa_required"]) == (401, True)
    assert not AuthToken.objects.filter(user=approver).exists()

    response = token("approver-x", otp=factories.recovery_code(approver))
    assert response.status_code == 200
    body = response.json()
    assert body["expiry"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {body['token']}")
    assert client.get("/api/v1/me/").json()["roles"] == ["approver"]


@pytest.mark.django_db
def test_tokens_are_stored_hashed_expire_and_end_at_logout(applicant):
    response = token(applicant.username)
    assert response.status_code == 200
    key = response.json()["token"]
    stored = AuthToken.objects.get(user=applicant)
    assert key not in (stored.digest, stored.token_key) and stored.expiry is not None
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/me/").status_code == 200
    assert client.post("/api/v1/auth/logout/").status_code == 204
    assert client.get("/api/v1/me/").status_code == 401


@pytest.mark.django_db
def test_a_staff_member_without_a_device_is_told_to_set_one_up_first(db):
    clerk = factories.make_user("intake", username="bare-clerk")
    Authenticator.objects.filter(user=clerk).delete()
    response = token("bare-clerk", otp="123456")
    assert response.status_code == 401
    assert "設定してください" in response.json()["detail"]


@pytest.mark.django_db
def test_changing_a_second_factor_asks_for_the_password_again(db):
    """Only the first device, just after signing in, is set up without a second password
    prompt: removing the device or new recovery codes ask again, as does a first device set up
    long after the sign-in."""
    clerk = factories.make_user("intake", username="clerk-2")
    client = Client()
    sign_in(client, "clerk-2")
    client.post(reverse("mfa_authenticate"), {"code": factories.recovery_code(clerk)})
    for name in ("mfa_deactivate_totp", "mfa_generate_recovery_codes"):
        location = client.get(reverse(name))["Location"]
        assert location.startswith(reverse("account_reauthenticate")), name
    page = client.get(location)
    assert "パスワードの再確認" in page.content.decode()
    wrong = client.post(location, {"password": "not-the-password"})
    assert wrong.status_code == 200
    assert client.get(reverse("mfa_generate_recovery_codes")).status_code == 302
    again = client.post(location, {"password": PASSWORD})
    assert again["Location"] == reverse("mfa_generate_recovery_codes")
    assert client.get(reverse("mfa_generate_recovery_codes")).status_code == 200

    late = factories.make_user("reviewer", username="late-comer")
    Authenticator.objects.filter(user=late).delete()
    client = Client()
    sign_in(client, "late-comer")
    session = client.session
    for record in session[AUTHENTICATION_METHODS_SESSION_KEY]:
        record["at"] -= 10 * 60  # signed in ten minutes ago
    session.save()
    location = client.get(reverse("mfa_activate_totp"))["Location"]
    assert location.startswith(reverse("account_reauthenticate"))


@pytest.mark.django_db
def test_the_admin_signs_in_through_the_second_factor_too(db, settings):
    admin_user = factories.make_user("admin", username="root-admin")
    client = Client()
    login = f"/{settings.ADMIN_URL}login/"
    page = client.get(login + "?next=/" + settings.ADMIN_URL)
    assert page["Location"].startswith(reverse("account_login"))
    # Django's own admin form, posted to directly, signs nobody in.
    client.post(login, {"username": "root-admin", "password": PASSWORD})
    assert client.get("/" + settings.ADMIN_URL)["Location"].startswith(login)
    sign_in(client, "root-admin")
    assert client.get("/" + settings.ADMIN_URL)["Location"].startswith(login)
    client.post(reverse("mfa_authenticate"), {"code": factories.recovery_code(admin_user)})
    assert client.get("/" + settings.ADMIN_URL).status_code == 200


@pytest.mark.django_db
def test_a_support_bodys_user_needs_a_second_factor_too(db):
    """A support user acts for every firm that delegated to it: the password alone opens
    nothing, on the site or the API."""
    adviser = factories.make_user("support", username="adviser")
    client = Client()
    assert sign_in(client, "adviser")["Location"] == reverse("mfa_authenticate")
    assert client.get(PORTAL)["Location"].startswith(reverse("account_login"))
    response = client.post(reverse("mfa_authenticate"), {"code": factories.recovery_code(adviser)})
    assert response.status_code == 302
    assert client.get(PORTAL).status_code == 200

    without = token("adviser")
    assert (without.status_code, without.json()["mfa_required"]) == (401, True)
    assert token("adviser", otp=factories.recovery_code(adviser)).status_code == 200

    # One without a device yet is sent to set it up first.
    Authenticator.objects.filter(user=adviser).delete()
    fresh = Client()
    assert sign_in(fresh, "adviser").status_code == 302
    assert fresh.get(PORTAL)["Location"] == reverse("mfa_activate_totp")
