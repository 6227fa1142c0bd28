"""Reads on attachments: which a user may reach, and which a submission still lacks.

A submission needs (DOMAIN.md §6): the articles of incorporation (定款), or for a sole
proprietor the residence certificate (住民票); the financial statements (決算書) of the last two
closed years, or of the one year a young company has closed; and, for a corporation, the
certificate of registered matters (履歴事項全部証明書).
"""

from collections import Counter

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from approvals import terms
from approvals.constants import LegalForm
from approvals.diff import Change
from approvals.selectors import applications_for_user
from documents.constants import AttachmentKind
from documents.models import Attachment

FINANCIAL_YEARS = 2


def attachments_for(user) -> QuerySet[Attachment]:
    """The attachments of the applications the user may see (their company's, or staff's)."""
    return Attachment.objects.filter(application__in=applications_for_user(user)).select_related(
        "application"
    )


def required_attachments(company) -> dict[str, int]:
    """kind → how many files of that kind a submission needs."""
    sole = company.legal_form == LegalForm.SOLE
    required = {AttachmentKind.RESIDENCE if sole else AttachmentKind.ARTICLES: 1}
    years = min(FINANCIAL_YEARS, company.closed_fiscal_years)
    if years:
        required[AttachmentKind.FINANCIALS] = years
    if not sole:
        required[AttachmentKind.REGISTRY] = 1
    return {str(kind): n for kind, n in required.items()}


def upload_kinds(company) -> list[str]:
    """The kinds the applicant is offered: the required ones first, then その他."""
    return [*required_attachments(company), AttachmentKind.OTHER.value]


def missing_attachments(application) -> list[str]:
    """A message for every required kind the application lacks (empty when complete), each
    prefixed with the section's name for lists that gather the blockers of every section."""
    return [
        _("添付書類: %(message)s") % {"message": message}
        for message in missing_attachment_messages(application)
    ]


def missing_attachment_messages(application) -> list[str]:
    """The same messages without the prefix, for the 添付書類 page itself."""
    counts = Counter(application.attachments.current().values_list("kind", flat=True))
    messages = []
    for kind, needed in required_attachments(application.company).items():
        have = counts[kind]
        if have >= needed:
            continue
        if kind == AttachmentKind.FINANCIALS:
            messages.append(
                ngettext(
                    "決算書を直近%(n)d期分添付してください（%(n)d件以上、現在%(have)d件）。",
                    "決算書を直近%(n)d期分添付してください（%(n)d件以上、現在%(have)d件）。",
                    needed,
                )
                % {"n": needed, "have": have}
            )
        else:
            messages.append(
                _("%(kind)sを添付してください。") % {"kind": AttachmentKind(kind).label}
            )
    return messages


def version_attachments(application, number: int | None) -> QuerySet[Attachment]:
    """The attachments of submitted version `number`, or of the working version (None)."""
    attachments = application.attachments
    return attachments.current() if number is None else attachments.in_version(number)


def attachment_changes(application, old: int, new: int | None) -> list[Change]:
    """The attachments added and removed between version `old` and version `new` (None: the
    working version), for the change list a reviewer reads after a resubmission."""
    before = {a.pk: a for a in version_attachments(application, old)}
    after = {a.pk: a for a in version_attachments(application, new)}
    order = {kind: i for i, kind in enumerate(AttachmentKind.values)}
    section, none, removed = _("添付書類"), terms.label(terms.NONE), terms.label(terms.REMOVED)
    rows = [(a, none, a.original_name) for pk, a in after.items() if pk not in before]
    rows += [(a, a.original_name, removed) for pk, a in before.items() if pk not in after]
    rows.sort(key=lambda row: (order.get(row[0].kind, len(order)), row[0].uploaded_at, row[0].pk))
    return [
        Change(section, str(a.get_kind_display()), old_value, new_value, field=a.kind)
        for a, old_value, new_value in rows
    ]
