"""A 事前確認 racing the firm on PostgreSQL: the delegate confirms while the firm edits or
submits. The confirmation takes the application's lock, so it names exactly the content of one
moment: recorded before the submission (and then equal to version 1), or refused (409) once the
plan is submitted or changed — never a confirmation of content it did not see, never a crash."""

import time
from collections import Counter

import pytest

from accounts.models import User
from approvals import services as approval_services
from approvals.errors import ApplicationError
from approvals.models import Application, SupportConfirmation
from approvals.support import advice_services
from approvals.support.advice import fingerprint
from tests import factories
from tests.support.conftest import grant, make_delegate
from tests.workflow.test_concurrency import run_together
from workflow import services

REPETITIONS = 8
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def later(seconds, call):
    def delayed():
        time.sleep(seconds)
        return call()

    return delayed


@pytest.fixture
def people(requires_postgres):
    from approvals.models import SupportOrganisation

    applicant = factories.make_user("applicant", username="race-firm@example.jp")
    company = factories.make_company(applicant)
    organisation = SupportOrganisation.objects.create(kind="chamber", name="平塚商工会議所")
    delegate = make_delegate(organisation, "race-adviser@example.jp")
    grant(company, applicant, delegate, ["view", "confirm"])
    return company, applicant, delegate


def test_a_confirmation_racing_the_submission(people):
    company, applicant, delegate = people
    outcomes = Counter()
    for n in range(REPETITIONS):
        application = factories.make_application(company, applicant)
        seen = advice_services.current_fingerprint(application)

        def confirm(pk=application.pk, shown=seen):
            return advice_services.confirmation_record(
                application=Application.objects.get(pk=pk),
                actor=User.objects.get(pk=delegate.pk),
                seen=shown,
            )

        def submit(pk=application.pk):
            return services.application_submit(
                application=Application.objects.get(pk=pk),
                actor=User.objects.get(pk=applicant.pk),
                acknowledge_failures=False,
            )

        delay = n * 0.003
        results = run_together(confirm, later(delay, submit))
        crashes = [
            r for r in results if isinstance(r, Exception) and not isinstance(r, ApplicationError)
        ]
        assert not crashes, crashes
        assert not isinstance(results[1], Exception), results[1]
        version = Application.objects.get(pk=application.pk).versions.get()
        confirmations = SupportConfirmation.objects.filter(application_id=application.pk)
        if isinstance(results[0], Exception):
            assert not confirmations.exists()
            outcomes["refused"] += 1
        else:
            [confirmation] = confirmations
            assert confirmation.at <= version.submitted_at
            assert confirmation.fingerprint == fingerprint(version.data)
            outcomes["recorded"] += 1
    assert sum(outcomes.values()) == REPETITIONS


def test_a_confirmation_racing_an_edit(people):
    company, applicant, delegate = people
    for n in range(REPETITIONS):
        application = factories.make_application(company, applicant)
        seen = advice_services.current_fingerprint(application)

        def confirm(pk=application.pk, shown=seen):
            return advice_services.confirmation_record(
                application=Application.objects.get(pk=pk),
                actor=User.objects.get(pk=delegate.pk),
                seen=shown,
            )

        def edit(pk=application.pk, n=n):
            return approval_services.application_update(
                application=Application.objects.get(pk=pk),
                actor=User.objects.get(pk=applicant.pk),
                theme=f"書き換えたテーマ{n}",
            )

        results = run_together(confirm, later(n * 0.003, edit))
        assert not isinstance(results[1], Exception), results[1]
        stored = SupportConfirmation.objects.filter(application_id=application.pk).first()
        if isinstance(results[0], Exception):
            assert isinstance(results[0], advice_services.DraftChanged), results[0]
            assert stored is None
        else:
            # Recorded before the edit: it names the content the delegate saw.
            assert stored.fingerprint == seen
            assert stored.snapshot["theme"] != f"書き換えたテーマ{n}"
