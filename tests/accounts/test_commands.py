"""The operations contract: `adduser` and `seed_demo`."""

import re
import time

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from accounts.models import User
from approvals.models import Application, Company


@pytest.mark.django_db
def test_adduser_creates_then_updates_the_role():
    call_command("adduser", "clerk", "--role", "intake", "--password", "s3cret-pass!")
    user = User.objects.get(username="clerk")
    assert user.roles == ["intake"]
    assert authenticate(username="clerk", password="s3cret-pass!") == user

    call_command("adduser", "clerk", "--role", "reviewer", "--email", "c@example.jp")
    user.refresh_from_db()
    assert user.roles == ["reviewer"]
    assert user.email == "c@example.jp"
    # Re-running without a password keeps the old one.
    assert authenticate(username="clerk", password="s3cret-pass!") == user


@pytest.mark.django_db
def test_adduser_admin_opens_the_django_admin_and_other_roles_do_not():
    call_command("adduser", "boss", "--role", "admin", "--password", "x-long-pass")
    call_command("adduser", "rev", "--role", "reviewer", "--password", "x-long-pass")
    assert User.objects.get(username="boss").is_staff
    assert not User.objects.get(username="rev").is_staff


@pytest.mark.django_db
def test_adduser_refuses_an_unknown_role():
    with pytest.raises(CommandError):
        call_command("adduser", "someone", "--role", "governor")
    assert not User.objects.filter(username="someone").exists()


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_prints_every_login(capsys):
    call_command("seed_demo")
    first = capsys.readouterr().out
    counts = (User.objects.count(), Company.objects.count(), Application.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Company.objects.count(), Application.objects.count()) == counts

    for role in ("applicant", "intake", "reviewer", "approver", "policy", "admin"):
        assert User.objects.filter(groups__name=role).exists(), role
        assert role in first
    assert "kakushin-demo-2026" in first
    assert set(Company.objects.values_list("municipality", flat=True)) == {"横須賀市", "小田原市"}
    assert set(Company.objects.values_list("region", flat=True)) == {"横須賀三浦", "県西"}


@pytest.mark.django_db
def test_seed_demo_has_one_passing_and_one_failing_draft():
    from approvals.selectors import application_check

    call_command("seed_demo")
    drafts = Application.objects.filter(status="draft")
    verdicts = {a.theme: application_check(a).passed for a in drafts}
    assert True in verdicts.values()
    assert False in verdicts.values()
    for application in drafts:
        assert application_check(application).eligible


@pytest.mark.django_db
def test_seed_demo_takes_one_plan_through_to_approval_once():
    """The target ② dashboard of a fresh `make run` shows a real approval."""
    call_command("seed_demo")
    call_command("seed_demo")
    approved = Application.objects.get(status="approved")
    assert approved.approval.number == "経革第1号"
    assert list(approved.history.values_list("action", flat=True))[-4:] == [
        "submit",
        "accept",
        "recommend_approval",
        "approve",
    ]
    assert Application.objects.filter(status="approved").count() == 1


@pytest.mark.django_db
def test_seed_demo_names_the_governor_who_issues_the_demo_notices():
    """Without a governor's title and name no decision is taken (Issued.issuer_now), so the
    demo sets made-up ones; an administrator's own values are kept."""
    from approvals.models import Authority

    Authority.objects.update_or_create(pk=1, defaults={"governor_title": "", "governor_name": ""})
    call_command("seed_demo")
    authority = Authority.current()
    assert (authority.governor_title, authority.governor_name) == ("神奈川県知事", "相模 太郎")
    approval = Application.objects.get(status="approved").approval
    assert (approval.issuer_title, approval.issuer_name) == ("神奈川県知事", "相模 太郎")
    Authority.objects.filter(pk=1).update(governor_name="丹沢 花子")
    call_command("seed_demo")
    assert Authority.current().governor_name == "丹沢 花子"


@pytest.mark.django_db
def test_every_demo_company_can_be_saved_as_seeded():
    """An applicant who opens the company page and presses 保存 is not told to fix demo data."""
    from approvals.forms.company import CompanyForm
    from approvals.models import Company

    call_command("seed_demo")
    for company in Company.objects.all():
        shown = CompanyForm(instance=company)
        data = {name: shown[name].value() for name in shown.fields}
        form = CompanyForm(data={k: v for k, v in data.items() if v is not None}, instance=company)
        assert form.is_valid(), (company.name, form.errors)


@pytest.mark.django_db
def test_adduser_with_a_totp_key_lets_an_automated_client_get_a_token(capsys):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from rest_framework.test import APIClient

    key = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    call_command(
        "adduser",
        "robot",
        "--role",
        "policy",
        "--password",
        "robot-pass-2026",
        "--totp-secret",
        key,
    )
    assert "Recovery codes" in capsys.readouterr().out
    code = format_hotp_value(hotp_value(key, int(time.time()) // 30))
    body = {"username": "robot", "password": "robot-pass-2026", "otp": code}
    assert APIClient().post("/api/v1/auth/token/", body, format="json").status_code == 200


@pytest.mark.django_db
def test_adduser_with_a_bad_totp_key_creates_nobody():
    with pytest.raises(CommandError, match="base32"):
        call_command("adduser", "robot", "--role", "policy", "--totp-secret", "not base32!")
    assert not User.objects.filter(username="robot").exists()


@pytest.mark.django_db
def test_the_printed_demo_recovery_codes_sign_the_staff_in(capsys):
    from django.test import Client
    from django.urls import reverse

    call_command("seed_demo")
    call_command("seed_demo")  # a second make run: the codes printed last are the ones that work
    out = capsys.readouterr().out.splitlines()
    line = [row for row in out if row.startswith("approver ")][-1]
    codes = re.search(r"recovery codes ((?:\d+ ?)+)", line).group(1).split()
    assert len(codes) == 3
    for code in codes:
        client = Client()
        client.post(
            reverse("account_login"), {"login": "approver", "password": "kakushin-demo-2026"}
        )
        assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
        assert client.get(reverse("staff:application:inbox")).status_code == 200
