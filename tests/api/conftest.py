"""API clients signed in by token, and a look at an application's whole stored state."""

import pytest
from django.forms.models import model_to_dict
from knox.models import AuthToken
from rest_framework.test import APIClient

from approvals.models import Application
from tests import factories


def client_for(user) -> APIClient:
    """A client with an API token of the user (made directly: how a token is had, the second
    factor included, is tests/api/test_auth_and_me.py's)."""
    client = APIClient()
    if user is not None:
        _instance, token = AuthToken.objects.create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.fixture
def api():
    """`api(user)`: a client that sends the user's token (or none for `api(None)`)."""
    return client_for


@pytest.fixture
def client_a(applicant, company):
    return client_for(applicant)


@pytest.fixture
def client_b(other_applicant, other_company):
    return client_for(other_applicant)


@pytest.fixture
def submitted(draft, applicant):
    from workflow import services

    return services.application_submit(
        application=draft, actor=applicant, acknowledge_failures=False
    )


def stored_state(application) -> dict:
    """Everything stored for an application, to prove a refused request changed nothing."""
    a = Application.objects.get(pk=application.pk)
    return {
        "row": {**model_to_dict(a), "updated_at": a.updated_at, "version": a.version},
        "activities": sorted(a.activities.values_list("code", flat=True)),
        "figures": list(a.figures.order_by("year").values()),
        "schedule": list(a.schedule.values("position", "item", "start", "end")),
        "funding": list(a.funding.values("source", "amount")),
        "support_contacts": sorted(a.support_contacts.values_list("body", flat=True)),
        "history": list(a.history.values_list("pk", flat=True)),
        "versions": list(a.versions.values_list("number", flat=True)),
    }


def figures_payload(period_years=3) -> list[dict]:
    return [{"year": y, **row} for y, row in factories.passing_figures(period_years).items()]
