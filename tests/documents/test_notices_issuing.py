"""Issuing after the decision commits: once per key, with its SHA-256, and never undoing the
decision when rendering or storage fails."""

import pytest
from django.core.management import call_command
from django.db import connection

from approvals.models import Application
from documents import pdf
from documents.constants import DocumentKind
from documents.errors import DocumentUnavailable, NoNotice
from documents.issued import issuing, notices, selectors
from documents.models import IssuedDocument
from tests.documents.conftest import decide


def _stored(document) -> bytes:
    with document.file.open("rb") as file:
        return file.read()


@pytest.mark.django_db
def test_the_notice_is_issued_only_once_the_decision_has_committed(
    draft, applicant, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        application = decide(draft, applicant, staff)
    assert not IssuedDocument.objects.filter(kind=DocumentKind.APPROVAL_NOTICE).exists()
    for callback in callbacks:
        callback()
    document = IssuedDocument.objects.get(
        application=application, kind=DocumentKind.APPROVAL_NOTICE
    )
    assert (document.kind, document.key, document.state) == (
        "approval_notice",
        "経革第1号",
        "issued",
    )
    data = _stored(document)
    assert document.sha256 == issuing.sha256_of(data) and document.size == len(data)
    assert document.attempts == 1 and document.issued_at is not None


@pytest.mark.django_db
def test_issuing_twice_keeps_the_one_pdf(approved):
    first = notices.notice_issue(application_id=approved.pk)
    second = notices.notice_issue(application_id=approved.pk)
    assert IssuedDocument.objects.filter(application=approved).count() == 1
    assert (second.pk, second.file.name, second.sha256) == (first.pk, first.file.name, first.sha256)
    assert second.attempts == 1


@pytest.mark.django_db
def test_a_rendering_failure_leaves_the_approval_and_is_retried_by_the_command(
    draft, applicant, staff, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise RuntimeError("pango exploded")

    monkeypatch.setattr(pdf, "html_to_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        application = decide(draft, applicant, staff)
    assert Application.objects.get(pk=application.pk).status == "approved"
    document = IssuedDocument.objects.get(
        application=application, kind=DocumentKind.APPROVAL_NOTICE
    )
    assert document.state == "failed" and document.attempts == 1
    assert "pango exploded" in document.error and not document.file
    assert list(selectors.applications_missing_notice()) == [application]

    monkeypatch.undo()
    call_command("regenerate_notices", "--missing", stdout=open("/dev/null", "w"))  # noqa: SIM115
    document.refresh_from_db()
    assert (document.state, document.attempts, document.error) == ("issued", 2, "")
    assert document.sha256 == issuing.sha256_of(_stored(document))
    assert list(selectors.applications_missing_notice()) == []


@pytest.mark.django_db
def test_a_storage_failure_is_recorded_too(approved, monkeypatch):
    from django.core.files.storage import FileSystemStorage

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", full)
    document = notices.notice_issue(application_id=approved.pk)
    assert document.state == "failed" and "No space left" in document.error


@pytest.mark.django_db
def test_a_stored_notice_that_changed_is_never_served_and_is_issued_again(approved):
    document = notices.notice_issue(application_id=approved.pk)
    with open(document.file.path, "ab") as file:
        file.write(b"% tampered")
    with pytest.raises(DocumentUnavailable):
        issuing.document_read(document)
    document.refresh_from_db()
    assert document.state == "failed" and "SHA-256" in document.error
    again = notices.notice_issue(application_id=approved.pk)
    assert again.state == "issued" and issuing.document_read(again)


@pytest.mark.django_db
def test_a_refusal_notice_is_keyed_refusal(refused):
    document = notices.notice_issue(application_id=refused.pk)
    assert (document.kind, document.key, document.state) == ("refusal_notice", "refusal", "issued")


@pytest.mark.django_db
def test_no_notice_without_a_decision(draft):
    with pytest.raises(NoNotice):
        notices.notice_issue(application_id=draft.pk)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_through_the_real_flow_the_notice_is_issued_after_commit_outside_the_transaction(
    draft, applicant, staff, monkeypatch
):
    seen = []
    real = notices.render_notice

    def spy(notice):
        # document_issue's own transaction and savepoint only: the deciding transaction,
        # with its flow lock, has committed.
        seen.append(len(connection.savepoint_ids))
        assert Application.objects.get(pk=draft.pk).status == "approved"
        return real(notice)

    monkeypatch.setattr(notices, "render_notice", spy)
    application = decide(draft, applicant, staff)
    assert seen == [1]
    assert (
        IssuedDocument.objects.get(application=application, kind=DocumentKind.APPROVAL_NOTICE).state
        == "issued"
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_postgresql_the_process_row_is_not_locked_while_rendering(
    requires_postgres, draft, applicant, staff, monkeypatch
):
    import threading

    from django.db import connections, transaction

    from workflow.models import ApplicationProcess

    locked_out = []
    real = notices.render_notice

    def probe():
        try:
            with transaction.atomic():
                list(
                    ApplicationProcess.objects.select_for_update(nowait=True).filter(
                        application_id=draft.pk
                    )
                )
        except Exception as error:  # the flow lock is still held
            locked_out.append(error)
        finally:
            connections.close_all()

    def spy(notice):
        thread = threading.Thread(target=probe)
        thread.start()
        thread.join()
        return real(notice)

    monkeypatch.setattr(notices, "render_notice", spy)
    decide(draft, applicant, staff)
    assert locked_out == []
    notice = IssuedDocument.objects.get(application=draft, kind=DocumentKind.APPROVAL_NOTICE)
    assert notice.state == "issued"
