"""The approval notice (承認通知書) and the refusal notice (不承認通知書), and issuing them.

A notice is written from the record: the decision (approval number and date, or the refusal
with its reasons and date), the plan as last submitted (the frozen version, never the editable
rows), the company as it applied, and the authority's title and name as set in the admin. The
law and article are those in force on the date of application — the first submission; a
correction (補正) amends the same application and does not change its date.

The document number (文書番号) is the approval number for an approval notice and the refusal's
own number for a refusal notice, both in the authority's one format and each in its own series
(approvals.numbering: 経革第12号, 経革不第3号). A refusal recorded before refusals were numbered
keeps the number its notice was issued with, 第<受付番号>号 (migration 0031 stored it).

Under the issuer the notice says 「（公印省略）」: it is issued as a PDF (a digital original) and
carries no seal image and no electronic signature, and prefectures omit the seal on such
notices under their 公印規程 with exactly this mark, rather than leave an empty seal box
that reads as a missing seal. What stands in for the seal is the approval's verification
link (approvals.verification): an approval notice carries its URL as a QR code (segno, a
data: PNG, fetched from nowhere) with the short URL printed beside it. The contact block
(担当・問い合わせ先) is the authority's contact point as set in the admin when the notice is
rendered: whom to ask is the office now, not the one at the decision.

Notices are tagged PDFs (a structure tree for screen readers). Issued notices are stored
bytes (documents.issued.issuing checks their SHA-256 on every read), so a change here applies
to notices issued from now on; those issued before stay byte for byte as they were.

`notice_issue` runs in a background task (documents.tasks) enqueued with the deciding
transaction, after it has committed and outside the flow lock; see `documents.issued.issuing`
for idempotency and failures.
"""

from dataclasses import dataclass
from datetime import date

import segno
from django.utils import timezone

from approvals.constants import ActivityType, Status
from approvals.legal import appeal_notice
from approvals.models import Application, ApplicationVersion, Authority
from approvals.rules import legal_basis_for
from approvals.verification import verify_url
from documents import pdf
from documents.constants import DocumentKind
from documents.errors import NoIssuer, NoNotice
from documents.issued import issuing
from documents.models import IssuedDocument
from documents.wording import format_era_date, item_number, joined, plan_period

APPROVAL_TITLE = "経営革新計画に係る承認について（通知）"
REFUSAL_TITLE = "経営革新計画に係る不承認について（通知）"
REFUSAL_KEY = "refusal"
NO_ISSUER = (
    "決定の記録に発信者（決裁権者の職名・氏名）がないため、通知書を作成できません。"
    "（決裁権者の氏名が決定に必須となる前に記録された決定です。）システム管理者に連絡してください。"
)


@dataclass(frozen=True)
class NoticeHead:
    """What every notice starts with: number, date, addressee, issuer, the application date."""

    document_number: str
    date_label: str
    company: str
    representative: str
    issuer: str
    authority: str
    applied_label: str
    reference: str
    contact: "Contact | None" = None


@dataclass(frozen=True)
class Contact:
    """担当・問い合わせ先 at the foot of a notice."""

    department: str
    phone: str
    email: str

    @property
    def lines(self) -> list[tuple[str, str]]:
        rows = [("担当", self.department), ("電話", self.phone), ("電子メール", self.email)]
        return [(label, value) for label, value in rows if value]


def contact_now() -> Contact | None:
    """The authority's contact point as set now; None when none of it is set."""
    authority = Authority.current()
    contact = Contact(
        authority.contact_department, authority.contact_phone, authority.contact_email
    )
    return contact if contact.lines else None


APPROVAL_NOTES = (
    "計画の内容を変更しようとするときは、あらかじめ計画の変更の承認を申請してください。",
    "計画の実施状況の報告を求めることがあります。また、フォローアップ調査にご協力ください。",
    "この承認は、政府系金融機関の融資、信用保証の特例、補助金などの支援措置を受けられることを"
    "約束するものではありません。支援措置を受けるには、それぞれの実施機関の審査が必要です。",
)


@dataclass(frozen=True)
class ApprovalNotice:
    head: NoticeHead
    law: str
    article: str
    approval_number: str
    theme: str
    period: str
    activities: tuple[str, ...]
    notes: tuple[str, ...] = APPROVAL_NOTES
    title: str = APPROVAL_TITLE
    verify_url: str = ""
    template = "documents/approval_notice.html"

    @property
    def verify_short_url(self) -> str:
        """The URL as printed: without the scheme, which nobody types."""
        return self.verify_url.split("://", 1)[-1]

    @property
    def verify_qr(self) -> str:
        """The verification URL as a QR code, a data: PNG (the PDF fetches nothing)."""
        return segno.make(self.verify_url, error="m").png_data_uri(scale=4, border=2)

    @property
    def sentence(self) -> str:
        return (
            f"{self.head.applied_label}付けで申請のあった経営革新計画については、"
            f"{self.law}{self.article}の規定に基づき承認します。"
        )

    @property
    def items(self) -> list[tuple[str, str]]:
        rows = [
            ("承認番号", self.approval_number),
            ("テーマ", self.theme),
            ("計画期間", self.period),
            ("新事業活動の類型", "、".join(self.activities)),
            ("申請日", self.head.applied_label),
        ]
        if self.head.reference:
            rows.append(("受付番号", self.head.reference))
        return [(f"{item_number(i)}　{label}", value) for i, (label, value) in enumerate(rows, 1)]

    @property
    def note_items(self) -> list[tuple[str, str]]:
        return [(item_number(i), text) for i, text in enumerate(self.notes, 1)]

    @property
    def subject(self) -> str:
        return f"承認通知書（承認番号 {self.approval_number}）"


def reason_items(reasons) -> list[tuple[str, str]]:
    """The reasons of an adverse decision: several are numbered （１）（２）…, one is not."""
    if len(reasons) == 1:
        return [("", reasons[0])]
    return [(f"（{item_number(i)}）", r) for i, r in enumerate(reasons, 1)]


def appeal_items(appeal) -> list[tuple[str, str]]:
    """教示, numbered １, ２, …"""
    return [(item_number(i), text) for i, text in enumerate(appeal, 1)]


@dataclass(frozen=True)
class RefusalNotice:
    head: NoticeHead
    reasons: tuple[str, ...]
    appeal: tuple[str, ...]
    title: str = REFUSAL_TITLE
    template = "documents/refusal_notice.html"

    @property
    def sentence(self) -> str:
        return (
            f"{self.head.applied_label}付けで申請のあった経営革新計画については、"
            "次の理由により承認しません。"
        )

    @property
    def reason_items(self) -> list[tuple[str, str]]:
        return reason_items(self.reasons)

    @property
    def appeal_items(self) -> list[tuple[str, str]]:
        return appeal_items(self.appeal)

    @property
    def subject(self) -> str:
        return f"不承認通知書（受付番号 {self.head.reference}）"


CHANGE_TITLE = "承認経営革新計画の変更に係る承認について（通知）"


@dataclass(frozen=True)
class ChangeNotice:
    """The notice of a change approval (変更承認, DOMAIN.md §10): the original approval number
    stays; the document number is the original's with 第n回変更."""

    head: NoticeHead
    law: str
    article: str
    approval_number: str
    seq: int
    approved_label: str
    changed_items: tuple[str, ...]
    theme: str
    period: str
    title: str = CHANGE_TITLE
    verify_url: str = ""
    template = "documents/change_notice.html"

    verify_short_url = ApprovalNotice.verify_short_url
    verify_qr = ApprovalNotice.verify_qr

    @property
    def sentence(self) -> str:
        return (
            f"{self.head.applied_label}付けで申請のありました承認経営革新計画の変更については、"
            f"{self.law}{self.article}の規定により承認します。"
        )

    @property
    def items(self) -> list[tuple[str, str]]:
        rows = [
            ("承認番号", self.approval_number),
            ("変更承認日", self.approved_label),
            ("変更の回数", f"第{self.seq}回変更"),
            ("変更事項", "、".join(self.changed_items)),
            ("テーマ", self.theme),
            ("変更後の計画期間", self.period),
            ("申請日", self.head.applied_label),
        ]
        if self.head.reference:
            rows.append(("受付番号", self.head.reference))
        return [(f"{item_number(i)}　{label}", value) for i, (label, value) in enumerate(rows, 1)]

    @property
    def subject(self) -> str:
        return f"変更承認通知書（承認番号 {self.approval_number} 第{self.seq}回変更）"


def change_notice(application: Application) -> ChangeNotice:
    change_approval = application.change_approval
    approval = change_approval.approval
    first, last = _versions(application)
    data = last.data
    basis = legal_basis_for(applied_on(first))
    start = date.fromisoformat(f"{data['plan_start']}-01")
    request = getattr(application, "change_request", None)
    return ChangeNotice(
        head=_head(
            application, document_number=change_approval.document_number, decision=change_approval
        ),
        law=basis.law,
        article=basis.change_article,
        approval_number=approval.number,
        seq=change_approval.seq,
        approved_label=format_era_date(change_approval.approved_on),
        changed_items=tuple(request.item_labels()) if request else (),
        theme=data.get("theme") or "",
        period=plan_period(start, data["period_years"], data.get("rd_years") or 0),
        verify_url=verify_url(approval.verify_code),
    )


def notice_identity(application: Application) -> tuple[str, str]:
    """(kind, key) of the notice the application's decision calls for, or NoNotice."""
    if application.status == Status.APPROVED and hasattr(application, "change_approval"):
        return DocumentKind.CHANGE_NOTICE, application.change_approval.document_number
    # A plan the firm discontinued keeps its approval notice: it was issued and stays the
    # record of the approval (the verification page says the plan has ended).
    approved = application.status in (Status.APPROVED, Status.DISCONTINUED)
    if approved and hasattr(application, "approval"):
        return DocumentKind.APPROVAL_NOTICE, application.approval.number
    if application.status == Status.REFUSED and hasattr(application, "refusal"):
        return DocumentKind.REFUSAL_NOTICE, REFUSAL_KEY
    raise NoNotice(f"application {application.pk} has no approval or refusal")


def _head(application, *, document_number: str, decision) -> NoticeHead:
    """The head of the notice of `decision` (an Approval or a Refusal)."""
    if not (decision.issuer_title.strip() and decision.issuer_name.strip()):
        raise NoIssuer(NO_ISSUER)
    decided_on = getattr(decision, "approved_on", None) or decision.refused_on
    first, last = _versions(application)
    company = last.data.get("company") or {}
    return NoticeHead(
        document_number=document_number,
        date_label=format_era_date(decided_on),
        company=company.get("name") or application.company.name,
        representative=joined(
            company.get("representative_title"), company.get("representative_name")
        ),
        issuer=joined(decision.issuer_title, decision.issuer_name),
        authority=decision.issuer_title,
        applied_label=format_era_date(applied_on(first)),
        reference=application.reference or "",
        contact=contact_now(),
    )


def _versions(application) -> tuple[ApplicationVersion, ApplicationVersion]:
    versions = list(application.versions.order_by("number"))
    if not versions:
        raise NoNotice(f"application {application.pk} was never submitted")
    return versions[0], versions[-1]


def applied_on(version: ApplicationVersion) -> date:
    return timezone.localdate(version.submitted_at)


def approval_notice(application: Application) -> ApprovalNotice:
    approval = application.approval
    first, last = _versions(application)
    data = last.data
    basis = legal_basis_for(applied_on(first))
    codes = set(data.get("activity_types") or ())
    start = date.fromisoformat(f"{data['plan_start']}-01")
    return ApprovalNotice(
        head=_head(application, document_number=approval.number, decision=approval),
        law=basis.law,
        article=basis.approval_article,
        approval_number=approval.number,
        theme=data.get("theme") or "",
        period=plan_period(start, data["period_years"], data.get("rd_years") or 0),
        activities=tuple(str(t.label) for t in ActivityType if t.value in codes),
        verify_url=verify_url(approval.verify_code),
    )


def refusal_notice(application: Application) -> RefusalNotice:
    refusal = application.refusal
    reasons = tuple(line.strip() for line in refusal.reasons.splitlines() if line.strip())
    return RefusalNotice(
        head=_head(application, document_number=refusal.number, decision=refusal),
        reasons=reasons,
        appeal=tuple(appeal_notice(refusal)),
    )


def notice_for(application: Application) -> ApprovalNotice | RefusalNotice | ChangeNotice:
    kind, _key = notice_identity(application)
    if kind == DocumentKind.APPROVAL_NOTICE:
        return approval_notice(application)
    if kind == DocumentKind.CHANGE_NOTICE:
        return change_notice(application)
    return refusal_notice(application)


def render_notice(notice: ApprovalNotice | RefusalNotice | ChangeNotice) -> bytes:
    return pdf.render_pdf(notice.template, {"notice": notice}, tagged=True)


def notice_pdf(application: Application) -> bytes:
    """The notice of the application's decision as PDF bytes (Japanese whatever the language)."""
    with pdf.japanese():
        return render_notice(notice_for(application))


def notice_issue(*, application_id: int, reissue: bool = False) -> IssuedDocument:
    """Issue the notice of the application's decision once; NoNotice if there is no decision."""
    application = Application.objects.select_related("company", "approval", "refusal").get(
        pk=application_id
    )
    kind, key = notice_identity(application)
    return issuing.document_issue(
        application=application,
        kind=kind,
        key=key,
        render=lambda: notice_pdf(application),
        reissue=reissue,
    )
