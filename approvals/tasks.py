"""The approvals app's background tasks (django-tasks; see config.background).

`mail_send_task` sends one `Mail`. The row is locked while it is sent, so two runs of the same
job (a retry, the sweep) queue and the second finds it sent: each mail goes out once (a worker
killed between the mail server's answer and the commit is the one case in which it may go out
twice — better than never). A failure is recorded on the row and tried again later, a bounded
number of times; a mail with nobody to write to is not tried again.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from approvals.constants import MailState
from approvals.models import Mail
from approvals.notifications import NoRecipient, mail_send
from config import background

logger = logging.getLogger(__name__)


@task()
def mail_send_task(mail_id: int) -> str:
    with transaction.atomic():
        mail = (
            Mail.objects.select_for_update()
            .select_related("application__company")
            .filter(pk=mail_id)
            .first()
        )
        if mail is None or mail.state == MailState.SENT:
            return "nothing to do"
        mail.attempts += 1
        retry = False
        try:
            mail_send(mail)
        except Exception as error:  # recorded for staff; the decision stands
            logger.exception("mail %s of application %s failed", mail.template, mail.application_id)
            mail.state = MailState.FAILED
            mail.error = background.error_text(error)
            retry = not isinstance(error, NoRecipient)
        else:
            mail.state = MailState.SENT
            mail.error = ""
            mail.sent_at = timezone.now()
        mail.save(update_fields=["state", "error", "attempts", "sent_at"])
    if retry:
        background.retry_later(mail_send_task, mail.attempts, mail_id)
    return mail.state
