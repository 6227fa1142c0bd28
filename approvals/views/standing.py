"""Where an application stands, in plain words for the applicant.

A presenter for the portal's application page: the status with what it means and what to do
next, the steps of the procedure, the comments the prefecture addressed to the applicant
(補正の依頼), and the outcome — the approval number and date, or the refusal with its reasons
and the notice of the applicant's rights to appeal (approvals.legal).
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals.constants import COPYABLE_STATUSES, Action, Status
from approvals.era import format_era_date
from approvals.legal import appeal_notice
from approvals.models import Authority
from approvals.presenters import next_steps
from approvals.presenters.correction import Request, correction_request

# What each status means and what to do next; the status's own label is Status's (one list,
# approvals.constants), shown once, in the status box.
EXPLANATIONS = {
    Status.DRAFT: gettext_lazy("すべての項目を入力し、「確認と提出」から提出してください。"),
    Status.SUBMITTED: gettext_lazy(
        "県の担当者が書類を確認しています。修正が必要な場合は、補正の依頼をお送りします。"
    ),
    Status.RETURNED: gettext_lazy(
        "修正して再提出してください。県からの依頼内容を確認し、該当する項目を修正してから"
        "「確認と再提出」でもう一度提出してください。"
    ),
    Status.UNDER_REVIEW: gettext_lazy(
        "承認基準、新規性、実現可能性、資金計画などを県が審査しています。"
    ),
    Status.AWAITING_DECISION: gettext_lazy(
        "審査が終わり、承認するかどうかの決定（決裁）を待っています。"
    ),
    Status.APPROVED: gettext_lazy(
        "経営革新計画が承認されました。承認通知書をダウンロードし、計画を実行してください。"
    ),
    Status.REFUSED: gettext_lazy(
        "審査の結果、計画を承認しないことと決定しました。理由は下のとおりです。"
    ),
    Status.WITHDRAWN: gettext_lazy("この申請は取り下げられ、手続は終了しました。"),
    Status.REVOKED: gettext_lazy(
        "聴聞を経て、経営革新計画の承認を取り消しました。理由と教示は承認取消通知書のとおりです。"
    ),
    Status.DISCONTINUED: gettext_lazy("この計画は、企業の届出により廃止されました。"),
}
# Statuses in which the prefecture is working on the application: the status box says how
# long it takes and whom to ask.
IN_PROCEDURE = frozenset(
    {Status.SUBMITTED, Status.RETURNED, Status.UNDER_REVIEW, Status.AWAITING_DECISION}
)
STAGES = (
    gettext_lazy("提出"),
    gettext_lazy("受付"),
    gettext_lazy("審査"),
    gettext_lazy("決裁"),
    gettext_lazy("結果"),
)
CURRENT_STAGE = {
    Status.DRAFT: 0,
    Status.RETURNED: 0,
    Status.SUBMITTED: 1,
    Status.UNDER_REVIEW: 2,
    Status.AWAITING_DECISION: 3,
    Status.APPROVED: 5,
    Status.REFUSED: 5,
}
DONE, CURRENT, TODO, REFUSED = "done", "current", "todo", "refused"


@dataclass(frozen=True)
class Stage:
    label: str
    state: str


@dataclass(frozen=True)
class Outcome:
    title: str
    on: date
    on_label: str
    number: str = ""
    reasons: str = ""
    appeal: list = field(default_factory=list)


@dataclass(frozen=True)
class Standing:
    status: str
    label: str
    explanation: str
    stages: list
    requests: list
    outcome: Outcome | None
    # Whom to ask, and how long the prefecture takes (empty outside the procedure).
    contact: next_steps.Contact | None = None
    processing_period: str = ""
    processing_note: str = ""
    # A refused or withdrawn plan may be copied into a new draft (approvals.services).
    copyable: bool = False
    glossary: dict = field(default_factory=dict)

    @property
    def ended(self) -> str:
        """How the procedure ended, for the stepper's class: "approved", "refused" or ""."""
        return self.status if self.status in (Status.APPROVED, Status.REFUSED) else ""

    @property
    def support_measures(self) -> list[str]:
        return (
            [str(m) for m in next_steps.SUPPORT_MEASURES] if self.status == Status.APPROVED else []
        )

    @property
    def support_measures_note(self) -> str:
        return str(next_steps.SUPPORT_MEASURES_NOTE)

    @property
    def duties(self) -> list[str]:
        return [str(d) for d in next_steps.DUTIES] if self.status == Status.APPROVED else []

    @property
    def current_request(self) -> Request | None:
        """The correction asked for now (only while the application is returned)."""
        return self.requests[0] if self.status == Status.RETURNED and self.requests else None


def _stages(status) -> list[Stage]:
    current = CURRENT_STAGE.get(status)
    if current is None:
        return []
    labels = list(STAGES)
    if status == Status.RETURNED:
        labels[0] = gettext_lazy("補正・再提出")
    if status in (Status.APPROVED, Status.REFUSED):
        labels[-1] = Status(status).label
    stages = [
        Stage(str(label), DONE if i < current else CURRENT if i == current else TODO)
        for i, label in enumerate(labels)
    ]
    if status == Status.REFUSED:
        # The procedure is over, but not as the applicant hoped: never a full green bar.
        stages[-1] = Stage(stages[-1].label, REFUSED)
    return stages


def _outcome(application) -> Outcome | None:
    if application.status == Status.APPROVED and hasattr(application, "approval"):
        approval = application.approval
        return Outcome(
            _("承認"), approval.approved_on, format_era_date(approval.approved_on), approval.number
        )
    if application.status == Status.REFUSED and hasattr(application, "refusal"):
        refusal = application.refusal
        return Outcome(
            _("不承認"),
            refusal.refused_on,
            format_era_date(refusal.refused_on),
            reasons=refusal.reasons,
            appeal=appeal_notice(refusal),
        )
    return None


def standing(application) -> Standing:
    status = application.status
    returns = application.history.filter(action=Action.RETURN).order_by("-at", "-id")
    requests = [correction_request(application, e) for e in returns]
    authority = Authority.current()
    in_procedure = status in IN_PROCEDURE
    return Standing(
        status=status,
        label=application.get_status_display(),
        explanation=str(EXPLANATIONS[status]),
        stages=_stages(status),
        requests=requests,
        outcome=_outcome(application),
        # Whom to ask: while the prefecture works on it, and after a refusal (相談窓口).
        contact=next_steps.contact(authority) if in_procedure or status == Status.REFUSED else None,
        processing_period=next_steps.processing_period(authority, application.kind)
        if in_procedure
        else "",
        processing_note=next_steps.processing_note() if in_procedure else "",
        copyable=status in COPYABLE_STATUSES,
        glossary={key: str(text) for key, text in next_steps.GLOSSARY.items()},
    )
