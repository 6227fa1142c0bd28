"""What background work was left undone, enqueued again (from cron, every few minutes):

    manage.py sweep_tasks [--stale-after MINUTES]

- jobs a dead worker left running for longer than --stale-after (default 10 minutes) are
  marked failed and enqueued again;
- a decided application whose notice is not issued and has no job waiting gets one (unless it
  failed every attempt: then staff's retry button is the way);
- a mail not sent, with attempts left and no job waiting, gets one;
- so does today's processing reminder to a member of staff (an older one is not sent late:
  that morning's list is out of date, and today's run makes a new one).
Every task is idempotent, so a sweep that overlaps a slow worker costs a look, not a second
notice or mail. Prints what it enqueued. It lives in workflow, the top layer, because it knows
every app's tasks.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction

from approvals.constants import MailState
from approvals.models import Mail
from approvals.tasks import mail_send_task
from config import background
from documents.constants import DocumentState
from documents.issued import selectors
from documents.tasks import notice_issue_task
from workflow import reminders


class Command(BaseCommand):
    help = "Enqueue again the background work a lost worker or a lost job left undone."

    def add_arguments(self, parser):
        parser.add_argument(
            "--stale-after",
            type=int,
            default=10,
            metavar="MINUTES",
            help="a job running longer than this was lost with its worker (default 10)",
        )

    def handle(self, *args, stale_after, **options):
        if stale_after < 1:
            self.stderr.write("--stale-after is a number of minutes, at least 1.")
            raise SystemExit(2)
        if not background.stores_jobs(notice_issue_task):
            self.stdout.write("The task backend keeps no jobs here: nothing to sweep.")
            return
        stale = background.requeue_stale(older_than=timedelta(minutes=stale_after))
        notices = mails = 0
        with transaction.atomic():
            waiting = background.pending_arguments(notice_issue_task)
            # A notice that failed every attempt waits for staff's retry button.
            missing = selectors.applications_missing_notice().exclude(
                documents__state=DocumentState.FAILED,
                documents__attempts__gte=background.MAX_ATTEMPTS,
            )
            for pk in missing.values_list("pk", flat=True):
                if (pk,) not in waiting:
                    background.enqueue(notice_issue_task, pk)
                    notices += 1
            waiting = background.pending_arguments(mail_send_task)
            unsent = Mail.objects.filter(
                state__in=[MailState.QUEUED, MailState.FAILED],
                attempts__lt=background.MAX_ATTEMPTS,
            ).exclude(error__startswith="NoRecipient")
            for pk in unsent.values_list("pk", flat=True):
                if (pk,) not in waiting:
                    background.enqueue(mail_send_task, pk)
                    mails += 1
            mails += reminders.requeue_unsent()
        self.stdout.write(
            f"{stale} lost jobs enqueued again, {notices} notices and {mails} mails enqueued."
        )
