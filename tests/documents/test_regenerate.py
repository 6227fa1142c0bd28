"""`manage.py regenerate_notices [--missing] [--application ID]` (API.md, operations)."""

import io

import pytest
from django.core.management import CommandError, call_command

from documents import pdf
from documents.issued import notices
from documents.models import IssuedDocument


def _run(*args) -> str:
    out = io.StringIO()
    call_command("regenerate_notices", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_missing_issues_each_missing_notice_once(approved):
    output = _run("--missing")
    assert f"{approved.reference} approval_notice 経革第1号: issued" in output
    document = IssuedDocument.objects.get(application=approved)
    assert _run("--missing") == ""
    assert IssuedDocument.objects.get(application=approved).file.name == document.file.name


@pytest.mark.django_db
def test_without_missing_notices_are_issued_again_from_the_record(
    approved, django_capture_on_commit_callbacks
):
    first = notices.notice_issue(application_id=approved.pk)
    with django_capture_on_commit_callbacks(execute=True):
        _run("--application", str(approved.pk))
    again = IssuedDocument.objects.get(application=approved)
    assert again.pk == first.pk and again.file.name != first.file.name
    assert again.attempts == 2 and again.state == "issued"
    storage = first.file.storage
    assert storage.exists(again.file.name) and not storage.exists(first.file.name)


@pytest.mark.django_db
def test_a_failure_is_reported_and_the_command_fails(approved, monkeypatch):
    monkeypatch.setattr(pdf, "html_to_pdf", lambda *a, **k: 1 / 0)
    with pytest.raises(CommandError, match="1 notice"):
        _run("--missing")
    assert IssuedDocument.objects.get(application=approved).state == "failed"


@pytest.mark.django_db
def test_a_failed_reissue_keeps_the_notice_already_issued(approved, monkeypatch):
    first = notices.notice_issue(application_id=approved.pk)
    monkeypatch.setattr(pdf, "html_to_pdf", lambda *a, **k: 1 / 0)
    with pytest.raises(CommandError):
        _run()
    document = IssuedDocument.objects.get(application=approved)
    assert (document.state, document.file.name, document.sha256) == (
        "issued",
        first.file.name,
        first.sha256,
    )
    assert "ZeroDivisionError" in document.error


@pytest.mark.django_db
def test_an_application_without_a_decision_is_an_error(draft):
    with pytest.raises(CommandError, match="no approval or refusal"):
        _run("--application", str(draft.pk))


@pytest.mark.django_db
def test_refusals_are_issued_too(refused):
    assert f"{refused.reference} refusal_notice refusal: issued" in _run("--missing")
