"""Who changed the data people edit by hand, and when (django-simple-history): the authority,
the target series, companies and users' roles; a sign-in adds nothing to it."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.services import user_set_role
from approvals.models import Authority
from tests import factories
from tests.staff.test_admin import AUTHORITY_FORM


@pytest.fixture
def admin_client(db):
    admin = factories.make_user("admin", username="root-admin", password="pass-word-123")
    client = Client()
    client.force_login(admin)
    return admin, client


@pytest.mark.django_db
def test_an_edit_of_the_authority_in_the_admin_is_kept_with_who_made_it(admin_client):
    admin, client = admin_client
    authority = Authority.current()
    data = {**AUTHORITY_FORM, "governor_name": "新任 知事", "separate_step_staff": "on"}
    url = reverse("admin:approvals_authority_change", args=[authority.pk])
    assert client.post(url, data).status_code == 302
    latest = authority.history.latest()
    assert (latest.governor_name, latest.history_user) == ("新任 知事", admin)
    page = client.get(reverse("admin:approvals_authority_history", args=[authority.pk]))
    assert "新任 知事" in page.content.decode()


@pytest.mark.django_db
def test_a_role_change_is_kept_and_a_sign_in_adds_nothing(db):
    user = factories.make_user("intake", username="clerk-1", password="pass-word-123")
    user_set_role(user=user, role="reviewer")
    rows = User.objects.get(pk=user.pk).history.count()
    assert {g.group.name for g in user.history.latest().groups.all()} == {"reviewer"}

    Client().login(username="clerk-1", password="pass-word-123")  # saves last_login
    assert User.objects.get(pk=user.pk).last_login is not None
    assert User.objects.get(pk=user.pk).history.count() == rows
