"""A submission through the API is confirmed by e-mail as one through the portal is."""

import pytest
from django.core import mail

from approvals.models import Mail
from tests import factories


@pytest.mark.django_db
def test_an_api_submission_is_confirmed_once(client_a, draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(f"/api/v1/applications/{draft.pk}/submit/", {}, format="json")
    assert response.status_code == 200, response.content
    [row] = Mail.objects.filter(application=draft)
    assert (row.template, row.context, row.state) == ("submitted", {"version": 1}, "sent")
    [message] = mail.outbox
    assert draft.reference in message.subject


@pytest.mark.django_db
def test_a_refused_api_submission_confirms_nothing(client_a, company, applicant):
    incomplete = factories.make_application(company, applicant, complete=False)
    response = client_a.post(f"/api/v1/applications/{incomplete.pk}/submit/", {}, format="json")
    assert response.status_code in (400, 409, 422)
    assert not Mail.objects.exists()
