"""Support organisations, their users and delegations for the tests of DOMAIN.md §12."""

from datetime import timedelta

import pytest
from django.utils import timezone

from approvals.models import SupportMember, SupportOrganisation
from approvals.support import services as support_services
from tests import factories


def make_delegate(organisation, username):
    user = factories.make_user("support", username=username, display_name=f"{username}さん")
    SupportMember.objects.create(user=user, organisation=organisation, title="経営指導員")
    return user


@pytest.fixture
def shokokai(db):
    return SupportOrganisation.objects.create(
        kind="shokokai", name="横須賀商工会", region="横須賀三浦"
    )


@pytest.fixture
def bank(db):
    return SupportOrganisation.objects.create(kind="bank", name="湘南信用金庫")


@pytest.fixture
def shoshi(db):
    office = SupportOrganisation.objects.create(
        kind="gyoseishoshi", name="港行政書士事務所", registration_number="第12345678号"
    )
    return make_delegate(office, "shoshi@example.jp")


@pytest.fixture
def delegate(shokokai):
    return make_delegate(shokokai, "shidoin@example.jp")


def grant(company, actor, delegate, scopes, *, days=30, letter=True, **extra):
    """A delegation as the firm grants it (with a 委任状 when `submit` is among the scopes)."""
    upload = factories.pdf_upload("委任状.pdf") if letter and "submit" in scopes else None
    return support_services.delegation_grant(
        company=company,
        actor=actor,
        username=delegate.username,
        scopes=scopes,
        valid_to=timezone.localdate() + timedelta(days=days),
        letter=upload,
        **extra,
    )


@pytest.fixture
def delegated(company, applicant, delegate):
    """`delegated(*scopes)`: company A's delegation to the 商工会's user."""

    def make(*scopes, **extra):
        return grant(company, applicant, delegate, list(scopes) or ["view"], **extra)

    return make


@pytest.fixture
def client_a(applicant, company):
    from tests.api.conftest import client_for

    return client_for(applicant)


@pytest.fixture
def client_b(other_applicant, other_company):
    from tests.api.conftest import client_for

    return client_for(other_applicant)
