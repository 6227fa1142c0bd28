"""Send the follow-up survey reminders now due (run daily from cron; safe to run again).

Each open survey gets its 2-week and its 4-week reminder at most once each
(approvals.followups.services.follow_up_remind); past its due date a survey shows 未回答.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand

from approvals.constants import FollowUpStatus
from approvals.followups import selectors, services
from approvals.models import FollowUp
from approvals.models.followup import MAX_REMINDERS


class Command(BaseCommand):
    help = "フォローアップ調査の督促メール（依頼から2週間後・4週間後）を送ります。"

    def handle(self, *args, **options):
        on = selectors.today()
        first = services.REMINDER_DAYS[0]
        candidates = FollowUp.objects.filter(
            status=FollowUpStatus.REQUESTED,
            reminders_sent__lt=MAX_REMINDERS,
            requested_on__lte=on - timedelta(days=first),
        ).order_by("pk")
        sent = sum(services.follow_up_remind(follow_up=f, on=on) for f in candidates.iterator())
        self.stdout.write(f"reminders sent: {sent}")
