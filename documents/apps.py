import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("書類")

    def ready(self):
        from documents import checks  # noqa: F401 - registers the PDF system checks

        # WeasyPrint reports every step of every render at INFO: not worth a log line each.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

        # Approvals never imports documents: the 添付書類 section of the plan editor and the
        # demo plans' attachments plug in here.
        from approvals import demo
        from approvals.presenters import tasklist
        from documents.attachments.views import TASK_LIST_SECTION
        from documents.demo import attach_demo_files

        tasklist.contribute_section(TASK_LIST_SECTION)
        # Evidence of a particulars report is checked as attachments are.
        from approvals import particulars
        from documents.attachments.evidence import evidence_check

        particulars.contribute_evidence_check(evidence_check)
        # So is a delegation's 委任状 (approvals.support).
        from approvals.support import services as support_services
        from documents.attachments.evidence import letter_check

        support_services.contribute_letter_check(letter_check)
        demo.contribute_plan_extra(attach_demo_files)
