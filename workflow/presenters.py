"""What a staff task page shows, so a clerk decides without opening anything else.

``task_panel`` gathers, for one application: the facts (reference, company, theme, status,
version), the criteria as computed when the version was submitted (failures first) with the
applicant's acknowledgement, the submitted plan, what changed since the previous version, the
reviews and the whole history with every comment. Presenters only read; verdicts come from the
frozen check (approvals.presenters.check) and the services; why a user may not work on a task
is workflow.access's.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from approvals import processing
from approvals.change import change_diff
from approvals.constants import Action, ApplicationKind, Decision
from approvals.diff import Change, version_diff
from approvals.history import HistoryRow, drafted_with_a_delegate, history_rows
from approvals.models import Review
from approvals.presenters.check import CheckPanel, frozen_check
from approvals.presenters.correction import section_labels
from approvals.presenters.summary import snapshot_summary
from approvals.support import letters
from approvals.support.advice_services import ConfirmationRow, confirmation_rows
from documents.attachments.selectors import attachment_changes
from workflow.access import person
from workflow.models import IntakeCheck


@dataclass(frozen=True)
class ReviewRow:
    at: datetime
    reviewer: str
    version: int
    recommendation: str
    checklist: list  # (label, ticked)
    opinion: str


@dataclass(frozen=True)
class ChangePanel:
    original: object
    original_process_id: int | None  # the approved plan's procedure, for the staff link
    reason: str
    items: list[str]
    rows: list[Change]


@dataclass(frozen=True)
class TaskPanel:
    application: object
    version: object
    check: CheckPanel | None
    summary: list
    changes: list[Change]
    compared: tuple | None  # (previous version number, this version number)
    request: HistoryRow | None  # the correction asked for before this version
    reviews: list
    history: list
    intake_checks: list = ()
    reply: str = ""  # the applicant's answer to that request, sent with this version
    clock: object = None  # approvals.processing.ProcessingClock: due date, pauses
    # A change of an approved plan (変更承認申請): the approved plan it changes, its reason and
    # items, and the 新旧対照表 from the approved plan to this change.
    change: "ChangePanel | None" = None
    # 事前確認 by support bodies (a flag, never a gate): each beside the latest version.
    confirmations: list[ConfirmationRow] = ()
    # The delegations under which a support body acted on the application, with the 委任状
    # of each that lets it submit (intake checks who was authorised to file).
    delegations: list = ()
    # Who wrote each section of this version (approvals.history.DraftRow), when a support
    # body's user wrote any of it.
    drafted: list = ()

    @property
    def request_section_labels(self) -> list[str]:
        return section_labels(self.request.sections if self.request else ())

    @property
    def latest_review(self):
        return self.reviews[0] if self.reviews else None


def review_rows(application) -> list[ReviewRow]:
    rows = []
    for review in application.reviews.select_related("reviewer").order_by("-at", "-id"):
        checklist = [
            (Review._meta.get_field(item).verbose_name, getattr(review, item))
            for item in Review.CHECKLIST
        ]
        rows.append(
            ReviewRow(
                review.at,
                person(review.reviewer),
                review.version,
                review.get_recommendation_display(),
                checklist,
                review.opinion,
            )
        )
    return rows


@dataclass(frozen=True)
class IntakeCheckRow:
    at: datetime
    clerk: str
    version: int
    decision: str
    checklist: list  # (label, ticked)


def intake_check_rows(application) -> list[IntakeCheckRow]:
    """The intake checklists recorded with each intake decision, latest first."""
    rows = []
    checks = IntakeCheck.objects.filter(application=application).select_related("clerk")
    for check in checks.order_by("-at", "-id"):
        checklist = [
            (IntakeCheck._meta.get_field(item).verbose_name, getattr(check, item))
            for item in IntakeCheck.CHECKLIST
        ]
        decision = Decision(check.decision).label if check.decision in Decision else check.decision
        rows.append(
            IntakeCheckRow(check.at, person(check.clerk), check.version, decision, checklist)
        )
    return rows


def task_panel(application) -> TaskPanel:
    versions = list(application.versions.order_by("-number")[:2])
    version = versions[0] if versions else None
    check = summary = None
    changes, compared = [], None
    if version is not None:
        acknowledged = bool(version.data.get("acknowledged_failures"))
        check = frozen_check(version.check_result, acknowledged=acknowledged)
        summary = snapshot_summary(version.data)
    history = history_rows(application, staff=True)
    request = None
    if len(versions) == 2:
        previous = versions[1]
        changes = version_diff(previous.data, version.data)
        changes += attachment_changes(application, previous.number, version.number)
        compared = (previous.number, version.number)
        returns = [row for row in history if row.action == Action.RETURN]
        request = returns[-1] if returns else None
    return TaskPanel(
        application=application,
        version=version,
        check=check,
        summary=summary or [],
        changes=changes,
        compared=compared,
        request=request,
        reply=version.reply if version is not None and request is not None else "",
        reviews=review_rows(application),
        history=history,
        intake_checks=intake_check_rows(application),
        clock=processing.clock_of(application, {}),
        change=change_panel(application),
        confirmations=confirmation_rows(application),
        delegations=list(letters.delegations_acted_under(application)),
        drafted=drafted_with_a_delegate(application, version, staff=True),
    )


def change_panel(application) -> ChangePanel | None:
    if application.kind != ApplicationKind.CHANGE:
        return None
    request = getattr(application, "change_request", None)
    original = application.changes
    process = original.processes.order_by("-pk").values_list("pk", flat=True).first()
    return ChangePanel(
        original=original,
        original_process_id=process,
        reason=request.reason if request else "",
        items=request.item_labels() if request else [],
        rows=change_diff(application),
    )


def elapsed_days(since, now=None) -> int | None:
    """経過日数: calendar days from `since` (a task's arrival) to today, in local time.

    The one place the staff lists count the days a case has waited; when working days and
    due dates (標準処理期間) come, they change here.
    """
    if since is None:
        return None
    today = timezone.localdate(now or timezone.now())
    return (today - timezone.localdate(since)).days
