"""Applicant self sign-up (django-allauth): the address is confirmed by mail before the account
is used, the terms are accepted, and neither sign-up nor password reset tells whether an
address is registered."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User

PASSWORD = "tsubame-2026-kanagawa"


def sign_up(client, email, **extra):
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD, "accept_terms": "on"}
    return client.post(reverse("account_signup"), data | extra)


def link_in(message) -> str:
    return re.search(r"https?://[^\s]+", message.body)[0]


@pytest.mark.django_db
def test_sign_up_confirms_the_address_then_goes_to_the_company_profile(client):
    response = sign_up(client, "Owner@Example.jp")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(username="owner@example.jp")
    assert (user.roles, user.email) == (["applicant"], "owner@example.jp")
    assert user.accepted_terms_at is not None
    # Not signed in before the address is confirmed.
    assert not client.get(reverse("approvals:home")).wsgi_request.user.is_authenticated

    (message,) = mail.outbox
    assert message.to == ["owner@example.jp"]
    confirm = link_in(message)
    page = client.get(confirm)
    assert page.status_code == 200
    response = client.post(confirm)
    assert response["Location"] == reverse("approvals:company")
    assert client.get(reverse("approvals:home")).wsgi_request.user == user


@pytest.mark.django_db
def test_sign_up_requires_the_terms_and_matching_passwords(client):
    response = sign_up(client, "a@example.jp", password2="different-2026-kanagawa", accept_terms="")
    assert response.status_code == 200
    form = response.context["form"]
    assert "登録するには利用規約への同意が必要です。" in form.errors["accept_terms"]
    assert "password2" in form.errors
    assert not User.objects.filter(username="a@example.jp").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["kakushin", "12345678901", "password123"])
def test_a_weak_password_is_refused(client, password):
    """Django's validators, at least 10 characters: `kakushin` no longer passes."""
    response = sign_up(client, "b@example.jp", password1=password, password2=password)
    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    assert not User.objects.filter(username="b@example.jp").exists()


@pytest.mark.django_db
def test_sign_up_with_a_registered_address_looks_the_same_and_mails_its_owner(client):
    """The page does not say the address is taken; its owner gets a mail saying so."""
    User.objects.create_user("taken@example.jp", "taken@example.jp", "whatever-123-pass")
    taken = sign_up(client, "TAKEN@example.jp")
    fresh = sign_up(client, "fresh@example.jp")
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    assert User.objects.filter(username__iexact="taken@example.jp").count() == 1
    assert {tuple(m.to) for m in mail.outbox} == {("taken@example.jp",), ("fresh@example.jp",)}


@pytest.mark.django_db
def test_password_reset_answers_alike_and_mails_only_a_registered_address(client, applicant):
    answers = [
        client.post(reverse("account_reset_password"), {"email": address})
        for address in (applicant.email, "nobody@example.jp")
    ]
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"]
    assert [m.to for m in mail.outbox if "nobody" not in str(m.to)] == [[applicant.email]]

    reset = client.get(link_in(mail.outbox[0]), follow=True)
    form_url = reset.redirect_chain[-1][0] if reset.redirect_chain else link_in(mail.outbox[0])
    new = "hibari-2027-kanagawa"
    done = client.post(form_url, {"password1": new, "password2": new})
    assert done.status_code == 302
    assert User.objects.get(pk=applicant.pk).check_password(new)


@pytest.mark.django_db
def test_login_page_is_japanese(client):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    assert 'lang="ja"' in response.content.decode()
    assert "ログイン" in response.content.decode()
