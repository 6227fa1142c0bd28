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


def test_staff_see_a_failed_mail_and_send_it_again_once_nothing_is_waiting(
    queue, settings, draft, applicant, intake_clerk
):
    from django.test import Client
    from django.urls import reverse

    from approvals.constants import Action
    from workflow.flows import ApplicationFlow

    settings.EMAIL_BACKEND = "tests.approvals.test_mail_task.MailServerDown"
    _returned(draft, applicant, intake_clerk)
    run_worker()
    [mail] = Mail.objects.filter(application=draft, template="returned")
    task = ApplicationFlow.task_class.objects.filter(
        process__applicationprocess__application=draft, flow_task=ApplicationFlow.intake
    ).first()
    staff = Client()
    staff.force_login(intake_clerk)
    staff.get("/")  # the flow's URLs are registered with the first request
    page_url = task.flow_task.reverse("detail", args=[task.process_id, task.pk])
    retry_url = reverse("approvals:mail-retry", args=[draft.pk, mail.pk])

    # While the automatic retry waits, staff see the failure and no button.
    page = staff.get(page_url).content.decode()
    assert "補正のお願い" in page and "送信失敗" in page and "mail server down" in page
    assert retry_url not in page
    assert staff.post(retry_url).status_code == 302
    assert len(ready(mail_send_task)) == 1  # nothing added beside the waiting retry

    # The retries are used up: the button appears; pressing it sends the mail once.
    for job in ready(mail_send_task):
        job.delete()
    assert retry_url in staff.get(page_url).content.decode()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert staff.post(retry_url, {"next": page_url})["Location"] == page_url
    run_worker()
    mail.refresh_from_db()
    assert mail.state == MailState.SENT and len(outbox.outbox) == 1
    assert draft.history.filter(action=Action.RETRY_MAIL, actor=intake_clerk).count() == 1
    assert staff.post(retry_url).status_code == 302
    run_worker()
    assert len(outbox.outbox) == 1 and "送信済み" in staff.get(page_url).content.decode()

    # The applicant never sees the mail list and may not press the button.
    firm = Client()
    firm.force_login(applicant)
    assert firm.post(retry_url).status_code == 403
