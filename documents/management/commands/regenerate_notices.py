"""(Re)issue the approval and refusal notices as PDF.

    manage.py regenerate_notices --missing          # issue every notice not yet issued
    manage.py regenerate_notices --application 42   # re-issue one application's notice
    manage.py regenerate_notices                    # re-issue every notice

With --missing only notices that were never issued, are pending or failed are made, each
once (idempotent, safe to run from cron). Without it, notices already issued are rendered
again from the record and replace the stored file (a new SHA-256 is recorded): for a template
or font fix. Exits with an error when any notice could not be issued.
"""

from django.core.management.base import BaseCommand, CommandError

from documents.constants import DocumentState
from documents.issued import notices, selectors


class Command(BaseCommand):
    help = "Issue the notice PDFs of decided applications (--missing: only those not issued)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing", action="store_true", help="only notices not issued yet (or failed)"
        )
        parser.add_argument("--application", type=int, help="only this application (id)")

    def handle(self, *args, missing=False, application=None, **options):
        applications = (
            selectors.applications_missing_notice() if missing else selectors.decided_applications()
        )
        if application is not None:
            if not selectors.decided_applications().filter(pk=application).exists():
                raise CommandError(f"application {application} has no approval or refusal")
            applications = applications.filter(pk=application)
        failed = 0
        for app in applications.order_by("pk"):
            document = notices.notice_issue(application_id=app.pk, reissue=not missing)
            # A failed re-issue keeps the notice issued before, and records the error.
            if document.state == DocumentState.ISSUED and not document.error:
                self.stdout.write(
                    f"{app.reference} {document.kind} {document.key}: issued "
                    f"(sha256 {document.sha256[:12]}…, {document.size} bytes)"
                )
            else:
                failed += 1
                self.stderr.write(f"{app.reference} {document.kind}: FAILED {document.error}")
        if failed:
            raise CommandError(f"{failed} notice(s) could not be issued")
