"""`manage.py check_consistency`: applications whose flow does not match their status.

For operations (cron, after an incident): lists each application whose open processes and
tasks disagree with its status (an open task on a withdrawn application, a submitted one with
no intake task …) and exits with an error when there is any. It reads only; it fixes nothing.
"""

from django.core.management.base import BaseCommand, CommandError

from workflow.consistency import problems_of, suspects


class Command(BaseCommand):
    help = "List applications whose approval flow does not match their status (reads only)."

    def handle(self, *args, **options):
        found = 0
        checked = 0
        for application in suspects().iterator():
            checked += 1
            for problem in problems_of(application):
                found += 1
                self.stderr.write(f"{application.reference} (id {application.pk}): {problem}")
        if found:
            raise CommandError(f"{found} problem(s) in {checked} application(s) checked")
        self.stdout.write(f"{checked} application(s) checked: flow and status agree.")
