"""The public verification (照合) of an approval notice: `/verify/<code>/` and
`GET /api/v1/verify/{code}/` (DOMAIN.md §10, API.md "Verification").

Anyone holding a notice (a bank, a support body) can check that it is genuine and still
stands: the page shows what the notice says (number, approval date, company as on the notice,
theme), the plan's present standing (approvals.verification.verify_status) and the SHA-256 of
the notice as issued, so a PDF handed over can be compared byte for byte. Nothing else of the
plan is shown. The code is random (approvals.verification); an unknown code is a 404.
"""

from dataclasses import dataclass
from datetime import date

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from approvals.era import format_era_date
from approvals.models import Approval
from approvals.verification import VerifyStatus, verify_status
from documents.constants import DocumentKind, DocumentState
from documents.models import IssuedDocument

STATUS_LABELS = {
    VerifyStatus.VALID: _("有効（承認されています）"),
    VerifyStatus.CHANGED: _("有効（計画の変更が承認されています）"),
    VerifyStatus.DISCONTINUED: _("廃止（企業の届出により計画は終了しました）"),
    VerifyStatus.REVOKED: _("取消し（承認は取り消されました）"),
}


@dataclass(frozen=True)
class Verification:
    number: str
    approved_on: date
    company: str
    theme: str
    status: str
    sha256: str | None

    @property
    def approved_label(self) -> str:
        return format_era_date(self.approved_on)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def _as_on_notice(application) -> tuple[str, str]:
    """(company name, theme) as the notice prints them: from the last submitted version."""
    last = application.versions.order_by("-number").first()
    data = last.data if last else {}
    company = (data.get("company") or {}).get("name") or application.company.name
    return company, data.get("theme") or application.theme


def verification_for(code: str) -> Verification:
    """What the public may know of the approval with `code`; Http404 when there is none."""
    approval = (
        Approval.objects.select_related("application__company").filter(verify_code=code).first()
        if code
        else None
    )
    if approval is None:
        raise Http404("unknown verification code")
    application = approval.application
    company, theme = _as_on_notice(application)
    notice = IssuedDocument.objects.filter(
        application=application,
        kind=DocumentKind.APPROVAL_NOTICE,
        key=approval.number,
        state=DocumentState.ISSUED,
    ).first()
    return Verification(
        number=approval.number,
        approved_on=approval.approved_on,
        company=company,
        theme=theme,
        status=verify_status(application),
        sha256=notice.sha256 if notice else None,
    )
