"""Applications driven to a decision through the real flow, and a look inside PDFs."""

import hashlib

import pytest
from django.core.files.base import ContentFile

from approvals.models import Application
from documents.attachments.selectors import required_attachments
from documents.models import Attachment
from workflow import services
from workflow.services import open_task


def staff_step(application, step, user, decision, comment=""):
    task = open_task(application, step)
    assert task is not None, f"no open {step} task"
    services.task_complete(task=task, user=user, decision=decision, comment=comment)


MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def attach_required(application, user) -> None:
    """The attachments a submission needs, where the application lacks them."""
    for kind, needed in required_attachments(application.company).items():
        for n in range(application.attachments.filter(kind=kind).count(), needed):
            attachment = Attachment(
                application=application,
                kind=kind,
                original_name=f"{kind}-{n}.pdf",
                content_type="application/pdf",
                size=len(MINIMAL_PDF),
                sha256=hashlib.sha256(MINIMAL_PDF).hexdigest(),
                uploaded_by=user,
            )
            attachment.file.save("upload", ContentFile(MINIMAL_PDF), save=False)
            attachment.save()


def decide(application, applicant, staff, *, approve=True, reasons="") -> Application:
    """Submit, accept, review and decide: approve, or refuse with `reasons`."""
    attach_required(application, applicant)
    services.application_submit(
        application=application, actor=applicant, acknowledge_failures=False
    )
    staff_step(application, "intake", staff["intake"], "accept")
    recommendation = "recommend_approval" if approve else "recommend_refusal"
    staff_step(application, "review", staff["reviewer"], recommendation, "審査意見")
    if approve:
        staff_step(application, "decision", staff["approver"], "approve")
    else:
        staff_step(application, "decision", staff["approver"], "refuse", reasons)
    return Application.objects.get(pk=application.pk)


@pytest.fixture
def approved(draft, applicant, staff):
    """An approved application whose notice has not been issued (on_commit does not run)."""
    return decide(draft, applicant, staff)


@pytest.fixture
def refused(draft, applicant, staff):
    return decide(
        draft,
        applicant,
        staff,
        approve=False,
        reasons="付加価値額の伸び率の根拠が示されていません。\n資金計画の裏付けがありません。",
    )
