"""An application's history as each reader may see it: one rule for the portal, the staff pages
and the API.

Staff read every row with every comment and memo and see who acted by name. The applicant
reads the comments addressed to them (補正の依頼, 不承認の理由, the message staff wrote with
any other decision: 「申請者への連絡」) and their own (提出, 取下げ, their reply to a
correction), never a memo (「内部メモ」: the reviewer's opinion and every other internal
note); they see their colleagues by name and staff by office (they deal with the prefecture,
not with a clerk), and the review only as done: its recommendation stays inside the
prefecture until the decision. A support body's user who acted for the firm is named with its
organisation to every reader, and the row says on whose behalf (`on_behalf_of`).
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals.constants import Action, PlanSection

# Comments the applicant may read.
APPLICANT_VISIBLE_COMMENTS = frozenset(
    {
        Action.CREATE,
        Action.SUBMIT,
        Action.RESUBMIT,
        Action.WITHDRAW,
        Action.RETURN,
        Action.REFUSE,
        # Staff decisions: the comment is the message to the applicant, the memo stays inside.
        Action.ACCEPT,
        Action.RECOMMEND_APPROVAL,
        Action.RECOMMEND_REFUSAL,
        Action.APPROVE,
        Action.SEND_BACK,
        # A revocation: the facts and the reasons are the ones its notices tell the applicant.
        Action.REVOCATION_OPEN,
        Action.REVOKE,
        Action.REVOCATION_KEEP,
        # The firm's own reason for ending the plan (廃止).
        Action.DISCONTINUE,
        # The firm's delegate's words with its 事前確認: written for the firm.
        Action.SUPPORT_CONFIRM,
    }
)
# What the applicant reads instead of the precise action: the recommendation is internal.
REVIEW_DONE = "recommend"
_APPLICANT_ACTIONS = {
    Action.RECOMMEND_APPROVAL: (REVIEW_DONE, gettext_lazy("審査完了")),
    Action.RECOMMEND_REFUSAL: (REVIEW_DONE, gettext_lazy("審査完了")),
    Action.SEND_BACK: (Action.SEND_BACK.value, gettext_lazy("再審査")),
}


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    actor: str
    step: str  # code (approvals.constants.Step)
    step_label: str
    action: str  # code; for the applicant, a review is only "recommend"
    action_label: str
    comment: str
    to_applicant: bool  # a comment the applicant reads, written by the prefecture
    memo: str = ""  # internal: always empty for the applicant
    sections: tuple = ()  # a correction request's sections (approvals.constants.PlanSection)
    due_on: date | None = None  # a correction request's deadline
    # A support body's user acted for the firm (DOMAIN.md §12): the firm's name; None otherwise.
    on_behalf_of: str | None = None
    on_behalf_of_id: int | None = None


def _actor(entry, *, staff: bool, members: set) -> str:
    if entry.actor_id is None:
        return _("システム")
    if entry.delegation_id is not None:
        # A delegate is named with its organisation to everyone: the firm chose it.
        return _("%(person)s（%(organisation)s）") % {
            "person": entry.actor,
            "organisation": entry.delegation.organisation.name,
        }
    if staff or entry.actor_id in members:
        return str(entry.actor)
    return _("県・支援機関の担当者")


def _action(code: str, *, staff: bool) -> tuple[str, str]:
    if not staff and code in _APPLICANT_ACTIONS:
        shown, label = _APPLICANT_ACTIONS[code]
        return shown, str(label)
    label = Action(code).label if code in Action.values else code
    return code, str(label)


# Rows whose comment the system wrote (in Japanese, when the row was made): read in the
# reader's language. 「第2版を提出」 is rebuilt from its number; a fixed text is looked up in the
# catalogue, whose message ids are the Japanese texts themselves.
_SYSTEM_COMMENTS = frozenset({Action.SUBMIT, Action.RESUBMIT, Action.RETRY_NOTICE})
_VERSION_SUBMITTED = re.compile(r"第(\d+)版を提出")


def _comment(entry) -> str:
    if entry.action not in _SYSTEM_COMMENTS or not entry.comment:
        return entry.comment
    if match := _VERSION_SUBMITTED.fullmatch(entry.comment):
        return _("第%(n)d版を提出") % {"n": int(match[1])}
    return _(entry.comment)


def history_row(entry, *, staff: bool, members: set) -> HistoryRow:
    """One history entry as a staff member (`staff`) or an applicant may read it."""
    visible = entry.action in APPLICANT_VISIBLE_COMMENTS
    action, action_label = _action(entry.action, staff=staff)
    return HistoryRow(
        at=entry.at,
        actor=_actor(entry, staff=staff, members=members),
        step=entry.step,
        step_label=entry.get_step_display(),
        action=action,
        action_label=action_label,
        comment=_comment(entry) if staff or visible else "",
        to_applicant=visible and entry.actor_id not in members and entry.delegation_id is None,
        memo=entry.memo if staff else "",
        sections=tuple(entry.sections or ()),
        due_on=entry.due_on,
        on_behalf_of=entry.on_behalf_of.name if entry.on_behalf_of_id else None,
        on_behalf_of_id=entry.on_behalf_of_id,
    )


def company_members(application) -> set:
    return set(application.company.members.values_list("pk", flat=True))


def history_rows(application, *, staff: bool) -> list[HistoryRow]:
    """The whole history of the application, oldest first, as staff or the applicant read it."""
    members = company_members(application)
    return [
        history_row(entry, staff=staff, members=members) for entry in history_entries(application)
    ]


def history_entries(application):
    """The application's history rows with what `history_row` reads of each."""
    return application.history.select_related("actor", "on_behalf_of", "delegation__organisation")


@dataclass(frozen=True)
class DraftRow:
    """Who wrote a section of a submitted version (DOMAIN.md §12), named as in the history."""

    section: str  # code (approvals.constants.PlanSection)
    section_label: str
    actor: str
    first_at: datetime
    last_at: datetime
    on_behalf_of: str | None = None
    on_behalf_of_id: int | None = None


_SECTION_ORDER = {code: i for i, code in enumerate(PlanSection.values)}


def drafted_by(application, version: int, *, staff: bool, members: set | None = None):
    """Who drafted each section of `version`, in the order of the plan's sections, then of
    their first save."""
    members = company_members(application) if members is None else members
    drafts = application.section_drafts.filter(version=version).select_related(
        "actor", "on_behalf_of", "delegation__organisation"
    )
    rows = [
        DraftRow(
            section=draft.section,
            section_label=draft.get_section_display(),
            actor=_actor(draft, staff=staff, members=members),
            first_at=draft.first_at,
            last_at=draft.last_at,
            on_behalf_of=draft.on_behalf_of.name if draft.on_behalf_of_id else None,
            on_behalf_of_id=draft.on_behalf_of_id,
        )
        for draft in drafts
    ]
    return sorted(rows, key=lambda row: (_SECTION_ORDER.get(row.section, 99), row.first_at))


def drafted_with_a_delegate(application, version, *, staff: bool) -> list[DraftRow]:
    """`drafted_by` for the version (an ApplicationVersion or None) when a support body's user
    wrote any of it; empty otherwise (a firm that wrote its plan alone needs no table)."""
    rows = drafted_by(application, version.number, staff=staff) if version else []
    return rows if any(row.on_behalf_of_id for row in rows) else []
