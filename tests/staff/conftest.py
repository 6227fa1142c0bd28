import pytest
from django.test import Client
from django.urls import reverse

from tests import factories


@pytest.fixture(autouse=True)
def _staff_site_mounted():
    """viewflow reverses a task's URLs through the site it is mounted in: load the URLconf
    before a test reverses one without having made a request yet."""
    reverse("staff:index")


@pytest.fixture
def staff(db):
    """One member of staff per role of the procedure."""
    return {
        role: factories.make_user(role, username=role, email=f"{role}@pref.example.jp")
        for role in ("intake", "reviewer", "approver")
    }


@pytest.fixture
def clients(staff, applicant):
    """A signed-in browser per person: the applicant and each member of staff."""
    signed_in = {}
    for name, user in {"applicant": applicant, **staff}.items():
        signed_in[name] = Client()
        signed_in[name].force_login(user)
    return signed_in


@pytest.fixture
def at(monkeypatch):
    """at(2027, 6, 1, 9): the clock reads that moment in Tokyo."""
    from datetime import datetime

    from django.utils import timezone

    from approvals.clock import TOKYO

    def set_time(*parts):
        moment = datetime(*parts, tzinfo=TOKYO)
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_time
