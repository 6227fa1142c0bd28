"""The documents of a revocation (承認の取消し, DOMAIN.md §10): the hearing notice (聴聞通知書,
行政手続法第15条) and the revocation notice 「経営革新計画の承認の取消しについて（通知）」.

Both are rendered from the case record when downloaded (not stored like the approval notice):
every word on them is a recorded, unchanging field of the case, the approval and the plan as
last submitted, so the same bytes' content comes back each time, and a case needs no
background task or retry. The issuer is the authority as on the day the case was opened.

The law and article are those in force on the notice's own date (the hearing notice's date for
the hearing notice, the decision date for the revocation notice), not the application's: the
disposition is taken under the law as it stands then, so a plan applied for in 2017 (第9条)
and revoked today cites 中小企業等経営強化法第15条第2項.
"""

from dataclasses import dataclass

from django.utils import timezone

from approvals import revocation
from approvals.constants import RevocationDecision, SupportBody
from approvals.legal import appeal_notice
from approvals.models import Application, RevocationCase
from approvals.rules import legal_basis_for
from documents import pdf
from documents.errors import NoNotice
from documents.issued import notices
from documents.issued.notices import NoticeHead, applied_on, contact_now
from documents.wording import format_era_date, item_number, joined

HEARING_TITLE = "聴聞通知書"
REVOCATION_TITLE = "経営革新計画の承認の取消しについて（通知）"
DISPOSITION = "経営革新計画の承認の取消し"

# The rights of the party (行政手続法第15条第2項, 第16条, 第18条, 第21条, 第23条).
HEARING_RIGHTS = (
    "聴聞の期日に出頭して意見を述べ、及び証拠書類等を提出し、又は聴聞の期日への出頭に代えて"
    "陳述書及び証拠書類等を提出することができます（行政手続法第15条第2項第1号、第21条第1項）。",
    "代理人を選任することができます（同法第16条）。代理人が出頭するときは、その資格を証する書面を"
    "提出してください。",
    "聴聞の通知があった時から聴聞が終結する時までの間、不利益処分の原因となる事実を証する資料の"
    "閲覧を求めることができます（資料の閲覧、同法第18条）。",
    "正当な理由なく聴聞の期日に出頭せず、かつ、陳述書又は証拠書類等を提出しないときは、"
    "聴聞を終結することがあります（同法第23条）。",
)


def _time_label(moment) -> str:
    local = timezone.localtime(moment)
    half = "午前" if local.hour < 12 else "午後"
    hour = local.hour if local.hour <= 12 else local.hour - 12
    return f"{format_era_date(local.date())}　{half}{hour}時{local.minute:02d}分"


def _head(case: RevocationCase, *, on, number: str) -> NoticeHead:
    """`number` is the notice's own document number; blank on a case opened before the
    notices were numbered, which keeps printing the approval's number as it always did."""
    application = case.application
    versions = list(application.versions.order_by("number"))
    if not versions:
        raise NoNotice(f"application {application.pk} was never submitted")
    company = versions[-1].data.get("company") or {}
    return NoticeHead(
        document_number=number or application.approval.number,
        date_label=format_era_date(on),
        company=company.get("name") or application.company.name,
        representative=joined(
            company.get("representative_title"), company.get("representative_name")
        ),
        issuer=joined(case.issuer_title, case.issuer_name),
        authority=case.issuer_title,
        applied_label=format_era_date(applied_on(versions[0])),
        reference=application.reference or "",
        contact=contact_now(),
    )


def _numbered(rows) -> list[tuple[str, str]]:
    return [(f"{item_number(i)}　{label}", value) for i, (label, value) in enumerate(rows, 1)]


@dataclass(frozen=True)
class HearingNotice:
    head: NoticeHead
    law: str
    article: str
    approval_label: str
    facts: str
    hearing_at: str
    hearing_place: str
    approval_number: str
    rights: tuple[str, ...] = HEARING_RIGHTS
    title: str = HEARING_TITLE
    template = "documents/hearing_notice.html"

    @property
    def sentence(self) -> str:
        return (
            f"{self.law}{self.article}の規定による{DISPOSITION}について、行政手続法第15条第1項の"
            "規定により、下記のとおり聴聞を行いますので通知します。"
        )

    @property
    def items(self) -> list[tuple[str, str]]:
        return _numbered(
            [
                ("予定される不利益処分の内容", f"{DISPOSITION}（{self.approval_label}）"),
                ("根拠となる法令の条項", f"{self.law}{self.article}"),
                ("不利益処分の原因となる事実", self.facts),
                ("聴聞の期日", self.hearing_at),
                ("聴聞の場所", self.hearing_place),
                ("聴聞に関する事務を所掌する組織", self.office),
            ]
        )

    @property
    def office(self) -> str:
        """第15条第1項第4号: the office in charge (the contact point, else the authority)."""
        contact = self.head.contact
        return (contact.department if contact and contact.department else "") or self.head.authority

    @property
    def right_items(self) -> list[tuple[str, str]]:
        return [(f"（{item_number(i)}）", text) for i, text in enumerate(self.rights, 1)]

    @property
    def subject(self) -> str:
        return f"聴聞通知書（承認番号 {self.approval_number}）"


@dataclass(frozen=True)
class RevocationNotice:
    head: NoticeHead
    law: str
    article: str
    approved_label: str
    approval_number: str
    theme: str
    reasons: tuple[str, ...]
    revoked_on: str
    copies_to: tuple[str, ...]
    appeal: tuple[str, ...]
    title: str = REVOCATION_TITLE
    template = "documents/revocation_notice.html"

    @property
    def sentence(self) -> str:
        return (
            f"{self.approved_label}付けで承認した経営革新計画（承認番号 {self.approval_number}）"
            f"については、{self.law}{self.article}の規定により、その承認を取り消します。"
        )

    @property
    def items(self) -> list[tuple[str, str]]:
        return _numbered(
            [
                ("承認番号", self.approval_number),
                ("テーマ", self.theme),
                ("取消しの日", self.revoked_on),
            ]
        )

    @property
    def reason_items(self) -> list[tuple[str, str]]:
        return notices.reason_items(self.reasons)

    @property
    def appeal_items(self) -> list[tuple[str, str]]:
        return notices.appeal_items(self.appeal)

    @property
    def subject(self) -> str:
        return f"承認取消通知書（承認番号 {self.approval_number}）"


def _approval_label(application: Application) -> str:
    approval = application.approval
    return f"承認番号 {approval.number}、{format_era_date(approval.approved_on)}承認"


def hearing_notice(case: RevocationCase) -> HearingNotice:
    basis = legal_basis_for(case.notice_issued_on)
    return HearingNotice(
        head=_head(case, on=case.notice_issued_on, number=case.hearing_number),
        law=basis.law,
        article=basis.revocation_article,
        approval_label=_approval_label(case.application),
        facts=case.facts,
        hearing_at=_time_label(case.hearing_at),
        hearing_place=case.hearing_place,
        approval_number=case.application.approval.number,
    )


def support_bodies(application: Application) -> tuple[str, ...]:
    """The bodies chosen in 別表6, in the table's order: told of the revocation (写し送付先)."""
    chosen = set(application.support_contacts.values_list("body", flat=True))
    return tuple(str(body.label) for body in SupportBody if body.value in chosen)


def revocation_notice(case: RevocationCase) -> RevocationNotice:
    if case.decision != RevocationDecision.REVOKE:
        raise NoNotice(f"case {case.pk} did not revoke")
    application = case.application
    basis = legal_basis_for(case.decided_on)
    last = application.versions.order_by("-number").first()
    return RevocationNotice(
        head=_head(case, on=case.decided_on, number=case.revocation_number),
        law=basis.law,
        article=basis.revocation_article,
        approved_label=format_era_date(application.approval.approved_on),
        approval_number=application.approval.number,
        theme=(last.data.get("theme") if last else "") or application.theme,
        reasons=tuple(line.strip() for line in case.reasons.splitlines() if line.strip()),
        revoked_on=format_era_date(case.decided_on),
        copies_to=support_bodies(application),
        appeal=tuple(appeal_notice(case)),
    )


def hearing_case(application: Application) -> RevocationCase:
    case = revocation.case_latest(application)
    if case is None:
        raise NoNotice(f"application {application.pk} has no revocation case")
    return case


def revoking_case(application: Application) -> RevocationCase:
    case = application.revocation_cases.filter(decision=RevocationDecision.REVOKE).first()
    if case is None:
        raise NoNotice(f"application {application.pk} was not revoked")
    return case


def render(notice: HearingNotice | RevocationNotice) -> bytes:
    with pdf.japanese():
        return pdf.render_pdf(notice.template, {"notice": notice}, tagged=True)
