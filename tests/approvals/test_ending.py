"""approvals.ending: an approved plan ends (廃止 or 取消し) once, with its date, and says so."""

from datetime import date

import pytest
from django.db import transaction

from approvals.constants import Status
from approvals.ending import plan_end, plan_ended
from approvals.errors import InvalidTransition
from approvals.models import Application
from approvals.services import application_lock
from tests.documents.conftest import decide


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Status.DISCONTINUED, Status.REVOKED])
def test_an_approved_plan_ends_with_its_date_and_tells_the_receivers(
    draft, applicant, staff, status
):
    approved = decide(draft, applicant, staff)
    heard = []

    def receiver(sender, application, status, **kwargs):
        heard.append((application.pk, status))

    plan_ended.connect(receiver)
    try:
        with transaction.atomic():
            plan_end(locked=application_lock(approved), status=status, on=date(2027, 3, 31))
    finally:
        plan_ended.disconnect(receiver)
    stored = Application.objects.get(pk=approved.pk)
    assert (stored.status, stored.ended_on) == (status, date(2027, 3, 31))
    assert heard == [(approved.pk, status)]
    assert stored.approval.number  # the approval stays


@pytest.mark.django_db
def test_a_plan_ends_only_once_and_only_when_approved(draft, applicant, staff):
    with transaction.atomic(), pytest.raises(InvalidTransition):
        plan_end(locked=application_lock(draft), status=Status.DISCONTINUED, on=date(2027, 1, 1))
    approved = decide(draft, applicant, staff)
    with transaction.atomic():
        plan_end(locked=application_lock(approved), status=Status.REVOKED, on=date(2027, 1, 1))
    with transaction.atomic(), pytest.raises(InvalidTransition):
        plan_end(locked=application_lock(approved), status=Status.DISCONTINUED, on=date(2027, 2, 1))
    assert Application.objects.get(pk=approved.pk).status == Status.REVOKED
