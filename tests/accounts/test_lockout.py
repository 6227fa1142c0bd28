"""Guessing passwords (django-axes): ten wrong passwords for one account lock it for half an
hour, on the sign-in page and on the API token endpoint alike, whichever of the login name or
e-mail address was typed; the right password is refused meanwhile, with a message in Japanese.
The token endpoint is also throttled per address (429 with Retry-After)."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from tests import factories

PASSWORD = "pass-word-123"


def page_sign_in(client, login, password, address="192.0.2.1"):
    body = {"login": login, "password": password}
    return client.post(reverse("account_login"), body, REMOTE_ADDR=address)


def guesses(login, count, start=0):
    """Wrong passwords for `login`, each from another address, as a botnet would guess (the
    lockout counts per account, whatever the address)."""
    return [
        page_sign_in(Client(), login, f"wrong-{n}", address=f"198.51.100.{n}")
        for n in range(start, start + count)
    ]


def api_token(login, password):
    body = {"username": login, "password": password}
    return APIClient().post("/api/v1/auth/token/", body, format="json")


@pytest.fixture
def axes(settings, monkeypatch):
    settings.AXES_ENABLED = True
    # The token endpoint's own throttle would stop the guessing first; here the lockout is tested.
    monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "token", "1000/min")


@pytest.mark.django_db
def test_ten_wrong_passwords_lock_the_account_on_the_sign_in_page(axes, applicant):
    for response in guesses(applicant.username, 9):
        assert response.status_code == 200  # the form again, with its error
    # The tenth, typed with the e-mail address, counts for the same account and locks it.
    assert page_sign_in(Client(), applicant.email.upper(), "wrong-9").status_code == 429
    locked = page_sign_in(Client(), applicant.username, PASSWORD)
    assert locked.status_code == 429
    assert "30分間ロック" in locked.content.decode()
    assert locked["Retry-After"] == "1800"
    assert not Client().get(reverse("approvals:home")).wsgi_request.user.is_authenticated
    # Another account is not affected.
    other = factories.make_user("applicant", username="other-firm")
    assert page_sign_in(Client(), other.username, PASSWORD)["Location"] == reverse("approvals:home")


@pytest.mark.django_db
def test_nine_wrong_then_the_right_password_signs_in_and_starts_the_count_again(axes, applicant):
    guesses(applicant.username, 9)
    assert page_sign_in(Client(), applicant.username, PASSWORD).status_code == 302
    assert all(response.status_code == 200 for response in guesses(applicant.username, 9, 20))
    assert page_sign_in(Client(), applicant.username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_wrong_passwords_on_the_token_endpoint_lock_the_account_too(axes, applicant):
    for attempt in range(5):
        assert api_token(applicant.username, f"wrong-{attempt}").status_code == 400
    guesses(applicant.username, 5)
    response = api_token(applicant.username, PASSWORD)
    assert response.status_code == 429
    assert "ロック" in response.json()["detail"]
    assert response["Retry-After"] == "1800"
    assert page_sign_in(Client(), applicant.username, PASSWORD).status_code == 429


@pytest.mark.django_db
def test_the_token_endpoint_is_throttled(applicant, monkeypatch):
    monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "token", "3/min")
    for _ in range(3):
        assert api_token(applicant.username, PASSWORD).status_code == 200
    refused = api_token(applicant.username, PASSWORD)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused.json()["detail"]


@override_settings(AXES_ENABLED=True)
@pytest.mark.django_db
def test_a_locked_out_member_of_staff_cannot_use_the_second_factor_either(db):
    clerk = factories.make_user("intake", username="clerk-locked")
    guesses("clerk-locked", 10)
    assert page_sign_in(Client(), "clerk-locked", PASSWORD).status_code == 429
    body = {"username": "clerk-locked", "password": PASSWORD, "otp": factories.recovery_code(clerk)}
    assert APIClient().post("/api/v1/auth/token/", body, format="json").status_code == 429
