"""Two members of a firm grant the same support user at once, on PostgreSQL: one delegation
is made, the other gets the message that one is in force (the company row lock queues them)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from approvals.models import Delegation
from approvals.support import services as support_services
from tests import factories
from tests.workflow.test_concurrency import run_together

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_two_grants_to_one_person_at_once_make_one(requires_postgres, company, applicant, delegate):
    colleague = factories.make_user("applicant", username="colleague@example.jp")
    company.members.add(colleague)

    def grant(actor):
        def call():
            try:
                support_services.delegation_grant(
                    company=company,
                    actor=actor,
                    username=delegate.username,
                    scopes=["view", "edit"],
                    valid_to=timezone.localdate() + timedelta(days=30),
                )
            except ValidationError as error:
                return error.message_dict["username"][0]
            return "granted"

        return call

    for _ in range(5):
        Delegation.objects.update(revoked_at=timezone.now())
        results = run_together(grant(applicant), grant(colleague))
        assert results.count("granted") == 1, results
        assert any("すでに有効な委任があります" in str(r) for r in results), results
        assert Delegation.objects.filter(revoked_at__isnull=True).count() == 1
