"""The workflow app's background tasks (django-tasks; see config.background).

`reminder_send_task` sends one `ProcessingReminder` (workflow.reminders), as
approvals.tasks.mail_send_task sends a `Mail`: the row is locked while it is sent, so a second
run of the same job finds it sent; a failure is recorded on the row and tried again later, a
bounded number of times; a member of staff without an address is not tried again.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from approvals.constants import MailState
from config import background
from workflow.models import ProcessingReminder
from workflow.reminders import NoAddress, reminder_send

logger = logging.getLogger(__name__)


@task()
def reminder_send_task(reminder_id: int) -> str:
    with transaction.atomic():
        reminder = (
            ProcessingReminder.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=reminder_id)
            .first()
        )
        if reminder is None or reminder.state == MailState.SENT:
            return "nothing to do"
        reminder.attempts += 1
        retry = False
        try:
            reminder_send(reminder)
        except Exception as error:  # recorded on the row; the next run tries again
            logger.exception("processing reminder %s failed", reminder.pk)
            reminder.state = MailState.FAILED
            reminder.error = background.error_text(error)
            retry = not isinstance(error, NoAddress)
        else:
            reminder.state = MailState.SENT
            reminder.error = ""
            reminder.sent_at = timezone.now()
        reminder.save(update_fields=["state", "error", "attempts", "sent_at"])
    if retry:
        background.retry_later(reminder_send_task, reminder.attempts, reminder_id)
    return reminder.state
