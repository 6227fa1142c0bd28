"""Send each member of staff their tasks overdue or due soon (run daily from cron; safe to
run again the same day):

    manage.py processing_reminders [--within WORKING_DAYS] [--dry-run]

One e-mail per person listing exactly their tasks past the due date of the standard
processing period or due within --within working days (default 3): those they hold, and those
nobody holds yet that they may claim (workflow.reminders). At most one per person and day: a
second run that day sends nothing new (it only queues again what failed to go out earlier
that day). On a day the offices are closed (weekend, holiday, 12/29–1/3, closure day) it
sends nothing. The mails go out through the background tasks; --dry-run
prints who would get what and writes nothing.
"""

from django.core.management.base import BaseCommand, CommandError

from workflow import reminders


class Command(BaseCommand):
    help = "職員ごとに、処理期限を過ぎたタスクと期限が近いタスクをメールで知らせます。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--within",
            type=int,
            default=reminders.DEFAULT_WITHIN,
            metavar="WORKING_DAYS",
            help="list tasks due within this many working days, and the overdue (default 3)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="print who would get what; send nothing"
        )

    def handle(self, *args, within, dry_run, **options):
        if within < 0:
            raise CommandError("--within is a number of working days, 0 or more.")
        if not reminders.working_day():
            self.stdout.write("Not a working day (開庁日): no reminders today.")
            return
        due = reminders.reminders_due(within=within)
        for entry in due:
            rows = entry.rows()
            address = entry.user.email or "(no e-mail address: skipped)"
            self.stdout.write(f"{entry.user.username} <{address}>: {len(rows)} tasks")
            for row in rows:
                when = "overdue" if row["overdue"] else f"{row['days_left']} working days left"
                self.stdout.write(
                    f"  {row['reference']} {row['step']} due {row['due_on']} ({when})"
                )
        if dry_run:
            self.stdout.write(f"dry run: {len(due)} reminders would be sent, none queued.")
            return
        requeued = reminders.requeue_unsent()
        queued = reminders.queue(due)
        self.stdout.write(
            f"reminders queued: {len(queued)} ({len(due) - len(queued)} already queued today"
            f" or without an address); {requeued} unsent from earlier today queued again."
        )
