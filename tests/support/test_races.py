"""Races of support bodies on PostgreSQL: two members of a firm grant the same support user at
once (one delegation is made, the other gets the message that one is in force: the company row
lock queues them); the firm revokes while its delegate submits, edits or uploads (the
delegation's row lock queues them: nothing is done under a delegation revoked before the act
committed)."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from approvals import selectors
from approvals import services as approval_services
from approvals.constants import Status
from approvals.errors import NotPermitted
from approvals.models import Application, Delegation, SectionDraft
from approvals.support import services as support_services
from documents.attachments import services as attachment_services
from tests import factories
from tests.support.conftest import grant
from tests.workflow.test_concurrency import run_together
from workflow import services

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


def submit_and_revoke(application, delegate, delegation, firm):
    """The delegate's submission and the firm's revocation, run together: what each saw."""

    def submit():
        try:
            services.application_submit(
                application=application, actor=delegate, acknowledge_failures=True
            )
        except NotPermitted:
            return "refused"
        return "submitted"

    def revoke():
        support_services.delegation_revoke(delegation=delegation, actor=firm)
        return "revoked"

    return run_together(submit, revoke)


def assert_never_submitted_after_the_revocation(application, delegation):
    application.refresh_from_db()
    delegation.refresh_from_db()
    assert delegation.revoked_at is not None
    if application.status == Status.SUBMITTED:
        # Submitted first: the revocation waited for it.
        assert application.submitted_at < delegation.revoked_at
        assert application.history.get(action="submit").delegation_id == delegation.pk
    else:
        assert application.status == Status.DRAFT
        assert (
            not application.versions.exists()
            and not application.history.filter(action="submit").exists()
        )


class HeldOpen:
    """An act held open right after its delegation check (the call `wrap` patches, made in
    the act's transaction) until the revocation has committed or 2 s have passed, and the
    firm's revocation, sent once the act was checked."""

    def __init__(self, delegation, firm):
        self.delegation, self.firm = delegation, firm
        self.checked, self.revoked = threading.Event(), threading.Event()
        self.checked_at = None

    def wrap(self, call):
        def held(*args, **kwargs):
            self.checked_at = timezone.now()
            self.checked.set()
            self.revoked.wait(timeout=2)
            return call(*args, **kwargs)

        return held

    def revoke(self):
        self.checked.wait(timeout=10)
        support_services.delegation_revoke(delegation=self.delegation, actor=self.firm)
        self.revoked.set()
        return "revoked"

    def assert_it_waited(self):
        """The revocation committed only once the act had (2 s after its check)."""
        self.delegation.refresh_from_db()
        assert self.delegation.revoked_at - self.checked_at >= timedelta(seconds=1.5)


def test_a_revocation_during_the_delegates_submission_waits_for_it(
    requires_postgres, company, applicant, shoshi, monkeypatch
):
    """The revocation arrives after the delegate's check and before its commit: it waits
    for the submission, which was made under a delegation still in force."""
    application = factories.make_application(company, applicant)
    delegation = grant(company, applicant, shoshi, ["view", "edit", "submit"])
    hold = HeldOpen(delegation, applicant)
    # The check of the plan comes right after the delegation's.
    monkeypatch.setattr(selectors, "application_check", hold.wrap(selectors.application_check))

    def submit():
        services.application_submit(
            application=application, actor=shoshi, acknowledge_failures=True
        )
        return "submitted"

    assert run_together(submit, hold.revoke) == ["submitted", "revoked"]
    hold.assert_it_waited()
    assert_never_submitted_after_the_revocation(application, delegation)


@pytest.mark.parametrize("act", ["edit", "upload"])
def test_a_revocation_during_the_delegates_edit_or_upload_waits_for_it(
    requires_postgres, company, applicant, shoshi, monkeypatch, act
):
    """The same for an edit of the plan and an upload: the revocation waits for the commit
    rather than slipping in between the check and it."""
    application = factories.make_application(company, applicant)
    delegation = grant(company, applicant, shoshi, ["view", "edit"])
    hold = HeldOpen(delegation, applicant)
    module = approval_services if act == "edit" else attachment_services
    # Recording who wrote the section comes right after the delegation's check.
    monkeypatch.setattr(module, "section_drafted", hold.wrap(module.section_drafted))

    def write():
        if act == "edit":
            approval_services.application_update(
                application=application, actor=shoshi, theme="行政書士が直したテーマ"
            )
        else:
            attachment_services.attachment_add(
                application=application,
                kind="other",
                upload=factories.pdf_upload("見積書.pdf"),
                actor=shoshi,
            )
        return "written"

    assert run_together(write, hold.revoke) == ["written", "revoked"]
    assert SectionDraft.objects.filter(actor=shoshi).exists()
    hold.assert_it_waited()


def test_revoking_while_the_delegate_submits_many_times(
    requires_postgres, company, applicant, shoshi
):
    for _ in range(8):
        application = factories.make_application(company, applicant)
        delegation = grant(company, applicant, shoshi, ["view", "edit", "submit"])
        results = submit_and_revoke(application, shoshi, delegation, applicant)
        assert results[1] == "revoked", results
        assert results[0] in ("submitted", "refused"), results
        assert_never_submitted_after_the_revocation(application, delegation)
        assert Application.objects.filter(pk=application.pk, status=Status.SUBMITTED).exists() == (
            results[0] == "submitted"
        )
