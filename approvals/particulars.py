"""Particulars reports (変更報告, DOMAIN.md §10; API.md `PUT /api/v1/company/`).

Before the company's first approval its profile is edited freely. Once it has an approval, a
change of the reported particulars (name, representative, address, phone) is a report kept as
a CompanyReport with each changed field before and after. A change of the name, the
representative or the address needs evidence (履歴事項全部証明書 etc.): without it nothing is
saved. Issued notices are stored bytes and are never re-rendered, so they keep the
particulars of their day (documents.issued.issuing).

Evidence is checked like an attachment (not empty, size limit, PDF/PNG/JPEG by content): the
check belongs to documents, which plugs it in here (`contribute_evidence_check`) so approvals
never imports documents.
"""

import hashlib
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals.models import Application, Company, CompanyEvidence, CompanyReport
from approvals.services import company_save

# Changes of these need evidence; the phone is reported without.
EVIDENCE_FIELDS = (
    "name",
    "representative_title",
    "representative_name",
    "postal_code",
    "prefecture",
    "municipality",
    "address",
)
REPORTED_FIELDS = (*EVIDENCE_FIELDS, "phone")
EVIDENCE_FIELD = "evidence_attachment"
EVIDENCE_REQUIRED = gettext_lazy(
    "商号・代表者・所在地を変更するときは、変更を証明する書類（履歴事項全部証明書など）を"
    "添付してください。"
)
UNKNOWN_EVIDENCE = gettext_lazy("指定された証明書類が見つからないか、すでに使われています。")

_evidence_check: list[Callable] = []


def contribute_evidence_check(check: Callable) -> None:
    """`check(upload) -> content type`, raising ValidationError for an unacceptable file."""
    _evidence_check[:] = [check]


def reports_required(company: Company | None) -> bool:
    """Whether the company's changes are particulars reports: it has an approval."""
    return (
        company is not None
        and company.pk is not None
        and Application.objects.filter(company=company, approval__isnull=False).exists()
    )


def changed_fields(company: Company, new_values: dict) -> dict:
    """{field: {"before", "after"}} of the reported particulars that `new_values` change."""
    changes = {}
    for field in REPORTED_FIELDS:
        if field in new_values and new_values[field] != getattr(company, field):
            changes[field] = {"before": getattr(company, field), "after": new_values[field]}
    return changes


def needs_evidence(changes: dict) -> bool:
    return any(field in EVIDENCE_FIELDS for field in changes)


def evidence_add(*, company: Company, upload, actor) -> CompanyEvidence:
    """Check and store one uploaded evidence file for the company (not yet used by a report)."""
    if not _evidence_check:
        raise ValidationError({EVIDENCE_FIELD: _("証明書類を受け付けられません。")})
    content_type = _evidence_check[0](upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1][:255] or _("証明書類")
    evidence = CompanyEvidence(
        company=company,
        original_name=name,
        content_type=content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=actor,
    )
    evidence.file.save(name, upload, save=False)
    try:
        evidence.save()
    except BaseException:
        evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence


def unused_evidence(company: Company, evidence_id) -> CompanyEvidence | None:
    """The company's evidence not yet used by a report, locked for the report that takes it
    (so `evidence_purge` cannot remove it meanwhile)."""
    if evidence_id is None:
        return None
    return (
        CompanyEvidence.objects.select_for_update(of=("self",))
        .filter(pk=evidence_id, company=company, report__isnull=True)
        .first()
    )


def evidence_purge(*, before, dry_run: bool = False) -> list[CompanyEvidence]:
    """Remove evidence uploaded before `before` that no report used (the firm uploaded it,
    then left the form): the rows now, their files once that commits. A file a report is
    taking at this moment is locked by it and skipped. Returns what was (or would be)
    removed."""
    with transaction.atomic():
        unused = list(
            CompanyEvidence.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(uploaded_at__lt=before, report__isnull=True)
            .order_by("pk")
        )
        if dry_run or not unused:
            return unused
        names = [(e.file.storage, e.file.name) for e in unused]
        CompanyEvidence.objects.filter(pk__in=[e.pk for e in unused]).delete()
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])
    return unused


@transaction.atomic
def company_update(
    *, company: Company, user, values: dict, evidence: CompanyEvidence | None = None
) -> Company:
    """Apply `values` to the company; after an approval, as a particulars report.

    ValidationError on `evidence_attachment` (nothing saved) when the name, representative or
    address changes without evidence.
    """
    locked = Company.objects.select_for_update().get(pk=company.pk) if company.pk else company
    reporting = reports_required(locked)
    changes = changed_fields(locked, values) if reporting else {}
    if changes and needs_evidence(changes) and evidence is None:
        raise ValidationError({EVIDENCE_FIELD: [str(EVIDENCE_REQUIRED)]})
    for name, value in values.items():
        setattr(locked, name, value)
    locked = company_save(company=locked, user=user)
    if changes:
        CompanyReport.objects.create(
            company=locked,
            reported_by=user,
            changes=_jsonable(changes),
            evidence=evidence if needs_evidence(changes) else None,
        )
    return locked


def _jsonable(changes: dict) -> dict:
    return {
        field: {k: (v if v is None or isinstance(v, str) else str(v)) for k, v in pair.items()}
        for field, pair in changes.items()
    }
