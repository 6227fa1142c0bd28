"""Applicant self sign-up leads straight to the company profile."""

import pytest
from django.urls import reverse

from accounts.models import User


@pytest.mark.django_db
def test_sign_up_logs_in_as_applicant_and_goes_to_the_company_profile(client):
    response = client.post(
        reverse("accounts:signup"),
        {
            "email": "Owner@Example.jp",
            "password1": "tsubame-2026-kanagawa",
            "password2": "tsubame-2026-kanagawa",
            "accept_terms": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("approvals:company")
    user = User.objects.get(username="owner@example.jp")
    assert user.roles == ["applicant"]
    assert user.accepted_terms_at is not None
    assert client.get(reverse("approvals:home")).wsgi_request.user == user


@pytest.mark.django_db
def test_sign_up_requires_the_terms_and_matching_passwords(client):
    response = client.post(
        reverse("accounts:signup"),
        {
            "email": "a@example.jp",
            "password1": "tsubame-2026-kanagawa",
            "password2": "different-2026-kanagawa",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "利用規約への同意が必要です" in body
    assert "確認用のパスワードが一致しません" in body
    assert not User.objects.filter(username="a@example.jp").exists()


@pytest.mark.django_db
def test_sign_up_refuses_a_taken_address_and_a_weak_password(client):
    User.objects.create_user("taken@example.jp", "taken@example.jp", "whatever-123-pass")
    response = client.post(
        reverse("accounts:signup"),
        {
            "email": "TAKEN@example.jp",
            "password1": "12345678",
            "password2": "12345678",
            "accept_terms": "on",
        },
    )
    body = response.content.decode()
    assert "登録済み" in body
    assert User.objects.filter(username__iexact="taken@example.jp").count() == 1


@pytest.mark.django_db
def test_login_page_is_japanese(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert 'lang="ja"' in response.content.decode()
    assert "ログイン" in response.content.decode()
