import pytest
from django.db import connection
from django.test import Client

from tests import factories


@pytest.fixture
def applicant(db):
    return factories.make_user("applicant", username="applicant-a@example.jp")


@pytest.fixture
def company(applicant):
    return factories.make_company(applicant)


@pytest.fixture
def other_applicant(db):
    return factories.make_user("applicant", username="applicant-b@example.jp")


@pytest.fixture
def other_company(other_applicant):
    return factories.make_company(
        other_applicant,
        name="有限会社小田原商店",
        municipality="小田原市",
        postal_code="2500011",
        legal_form="yugen",
        industry="retail",
    )


@pytest.fixture
def draft(company, applicant):
    return factories.make_application(company, applicant)


@pytest.fixture
def intake_clerk(db):
    return factories.make_user("intake", username="intake1")


@pytest.fixture
def requires_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks); run with DATABASE_URL=postgres://...")


@pytest.fixture
def browser_for(db):
    """`browser_for(user)`: a test client signed in as the user, as a browser on the site."""

    def signed_in(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return signed_in
