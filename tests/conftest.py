import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, settings

from tests import factories

# The machines CI runs on are shared: a property test judged by how much it covers, never by
# how fast the machine was that minute (Hypothesis' deadline and its too-slow health check).
settings.register_profile("kakushin", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("kakushin")

TEST_GOVERNOR = "試験 知事"


@pytest.fixture(autouse=True)
def _configured_authority(monkeypatch):
    """The tests run an installation whose administrator has named the governor: without a
    name no decision is taken (Issued.issuer_now). The authority row a test creates (through
    Authority.current()) gets this name; a test about the missing name blanks it."""
    from approvals.models import Authority

    field = Authority._meta.get_field("governor_name")
    monkeypatch.setattr(field, "default", TEST_GOVERNOR)
    monkeypatch.delitem(field.__dict__, "_get_default", raising=False)  # cached default


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttles, rate limits and used TOTP codes live in the cache: each test starts anew."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff(db):
    """One member of staff per step (tests.documents.conftest.decide drives a plan with them)."""
    return {
        role: factories.make_user(role, username=role, email=f"{role}@pref.example.jp")
        for role in ("intake", "reviewer", "approver")
    }


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


@pytest.fixture
def admin_client(db):
    """The administrator signed in, with their second factor set up (pytest-django's own
    fixture makes a bare superuser, whom the site sends to set one up first)."""
    client = Client()
    client.force_login(factories.make_user("admin", username="site-admin"))
    return client


@pytest.fixture
def queue(settings):
    """Tasks go to the database queue, as in production (the test settings run them inline
    after the commit); tests/queue.py has the worker and the look at the jobs."""
    from tests.queue import DATABASE_QUEUE

    settings.TASKS = DATABASE_QUEUE
