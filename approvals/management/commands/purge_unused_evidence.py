"""Evidence files a firm uploaded for a particulars report (変更報告) and never used, removed
after a grace period (from cron, daily):

    manage.py purge_unused_evidence [--older-than DAYS] [--dry-run]

An upload is kept while the firm may still be filling in its form (default 7 days); after that
nothing refers to it and nobody can see it, so its row and its file go. Prints what it removed.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from approvals.particulars import evidence_purge


class Command(BaseCommand):
    help = "Remove evidence uploads that no particulars report used, after a grace period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=7,
            metavar="DAYS",
            help="keep uploads younger than this many days (default 7, at least 1)",
        )
        parser.add_argument("--dry-run", action="store_true", help="list only, remove nothing")

    def handle(self, *args, older_than, dry_run, **options):
        if older_than < 1:
            raise CommandError("--older-than is a number of days, at least 1.")
        removed = evidence_purge(
            before=timezone.now() - timedelta(days=older_than), dry_run=dry_run
        )
        verb = "would remove" if dry_run else "removed"
        for evidence in removed:
            self.stdout.write(
                f"{verb} {evidence.file.name} ({evidence.original_name}, company "
                f"{evidence.company_id}, uploaded {evidence.uploaded_at:%Y-%m-%d})"
            )
        self.stdout.write(f"{len(removed)} unused evidence files {verb}.")
