"""E-mails as background tasks: written with the change that causes them, sent once by a
worker, tried again while the mail server is down, never undoing the decision."""

import pytest
from django.core import mail as outbox
from django.core.mail.backends.base import BaseEmailBackend

from approvals.constants import MailState, Status
from approvals.models import Application, Mail
from approvals.tasks import mail_send_task
from tests.documents.conftest import attach_required
from tests.queue import make_due, ready, run_worker
from workflow import services
from workflow.services import open_task

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class MailServerDown(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def _returned(application, applicant, intake_clerk):
    attach_required(application, applicant)
    services.application_submit(
        application=application, actor=applicant, acknowledge_failures=False
    )
    # The submission's own confirmation is not what these tests are about: as if it had gone.
    Mail.objects.filter(application=application, template="submitted").update(state=MailState.SENT)
    task = open_task(application, "intake")
    services.task_complete(
        task=task, user=intake_clerk, decision="return", comment="登記事項証明書が古いです。"
    )


def test_a_mail_waits_out_the_mail_server_and_goes_out_once(
    queue, settings, draft, applicant, intake_clerk
):
    settings.EMAIL_BACKEND = "tests.approvals.test_mail_task.MailServerDown"
    _returned(draft, applicant, intake_clerk)
    run_worker()

    [mail] = Mail.objects.filter(application=draft, template="returned")
    assert mail.state == MailState.FAILED
    assert mail.attempts == 1 and "mail server down" in mail.error
    assert Application.objects.get(pk=draft.pk).status == Status.RETURNED  # it stands
    [retry] = ready(mail_send_task)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_due(retry)
    run_worker()
    mail.refresh_from_db()
    assert mail.state == MailState.SENT and mail.attempts == 2 and mail.error == ""
    [sent] = outbox.outbox
    assert "登記事項証明書が古いです。" in sent.body and applicant.email in sent.to

    mail_send_task.enqueue(mail.pk)  # the same job once more (a sweep, a lost worker)
    run_worker()
    assert len(outbox.outbox) == 1


def test_nobody_to_write_to_is_recorded_and_not_tried_again(queue, draft, applicant, intake_clerk):
    draft.company.email = ""
    draft.company.save()
    type(applicant).objects.filter(pk=applicant.pk).update(email="")
    _returned(draft, applicant, intake_clerk)
    run_worker()
    [mail] = Mail.objects.filter(application=draft, template="returned")
    assert mail.state == MailState.FAILED and "NoRecipient" in mail.error
    assert ready(mail_send_task) == []
    assert outbox.outbox == []
