"""Writes on companies and applications. Each service is atomic, validates, writes the history.

Submission and withdrawal here change only the domain; `workflow.services` wraps them with
the start and cancellation of the approval flow in the same transaction.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals import notifications, processing, selectors
from approvals.constants import (
    COPYABLE_STATUSES,
    STEP_OF_STATUS,
    WITHDRAWABLE_STATUSES,
    Action,
    ApplicationKind,
    FundingSource,
    PlanSection,
    Status,
    Step,
)
from approvals.errors import (
    ApplicationGone,
    InvalidTransition,
    NotEditable,
    NotPermitted,
    SubmissionBlocked,
)
from approvals.models import (
    Application,
    ApplicationActivity,
    ApplicationVersion,
    Company,
    FundingItem,
    HistoryEntry,
    ScheduleItem,
    SectionDraft,
    SupportContact,
    YearFigures,
)
from approvals.models.company import DUPLICATE_CORPORATE_NUMBER
from approvals.support import access as support_access


def history_add(
    *, application, actor, step, action, comment="", memo="", sections=(), due_on=None
) -> HistoryEntry:
    """Append a history row: `comment` is what the applicant may read, `memo` is internal.

    A support body's user acting for the firm is recorded with the firm on whose behalf and
    the delegation (approvals.support.access.acting_for)."""
    delegation = support_access.acting_for(actor, application)
    return HistoryEntry.objects.create(
        application=application,
        actor=actor,
        on_behalf_of_id=delegation.company_id if delegation else None,
        delegation=delegation,
        step=step,
        action=action,
        comment=comment,
        memo=memo,
        sections=list(sections),
        due_on=due_on,
    )


def step_now(application: Application) -> str:
    """The step of the procedure the application is at, for history rows about its files
    (attachments, a 委任状)."""
    return STEP_OF_STATUS.get(application.status, Step.DRAFT)


def section_drafted(*, application: Application, actor, section: str) -> None:
    """Record that `actor` wrote `section` of the version being prepared (the number it takes
    when submitted), on the firm's behalf when they act under a delegation. Called by each
    service that saves a section, with the application's row locked."""
    if actor is None:
        return
    version = application.version + 1
    updated = SectionDraft.objects.filter(
        application=application, version=version, section=section, actor=actor
    ).update(last_at=timezone.now(), saves=F("saves") + 1)
    if updated:
        return
    delegation = support_access.acting_for(actor, application)
    SectionDraft.objects.create(
        application=application,
        version=version,
        section=section,
        actor=actor,
        delegation=delegation,
        on_behalf_of_id=delegation.company_id if delegation else None,
    )


@transaction.atomic
def company_save(*, company: Company, user) -> Company:
    """Save the applicant's company profile (already validated) and make the user a member."""
    company.full_clean(exclude=["members"])
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction survives
            company.save()
    except IntegrityError as error:
        # Another request stored the same 法人番号 between the check and the save.
        # PostgreSQL names the constraint, SQLite the column.
        names = ("company_corporate_number_unique", "approvals_company.corporate_number")
        if not any(name in str(error) for name in names):
            raise
        raise ValidationError({"corporate_number": [str(DUPLICATE_CORPORATE_NUMBER)]}) from error
    company.members.add(user)
    return company


@transaction.atomic
def application_create(
    *, company: Company, actor, theme: str = "", comment: str = ""
) -> Application:
    application = Application.objects.create(company=company, created_by=actor, theme=theme)
    year = timezone.localdate(application.created_at).year
    application.reference = f"KK-{year}-{application.pk:05d}"
    application.save(update_fields=["reference"])
    history_add(
        application=application,
        actor=actor,
        step=Step.DRAFT,
        action=Action.CREATE,
        comment=comment,
    )
    return application


# What a copy takes of the plan: its own columns of 計画の概要 (with the ticked kinds of
# activity), the figures, the schedule, the funding and the support bodies. Never the status,
# the number, the versions, the history or the rule set; nor the attachments, whose files belong
# to the submitted versions (and whose 決算書 may be out of date by the time of the new plan).
COPIED_COLUMNS = (
    "theme",
    "existing_business",
    "content",
    "novelty",
    "plan_start",
    "period_years",
    "rd_years",
)


@transaction.atomic
def application_copy(*, application: Application, actor) -> Application:
    """A new draft of the same company with the plan's content, from a refused or withdrawn
    application, for a member of that company (the portal looks it up among the user's own)."""
    source = application_lock(application)
    if source.status not in COPYABLE_STATUSES:
        raise InvalidTransition(
            _("「%(status)s」の申請はコピーできません。") % {"status": source.get_status_display()}
        )
    if not source.company.members.filter(pk=actor.pk).exists():
        raise NotPermitted(_("この申請をコピーする権限がありません。"))
    copy = application_create(
        company=source.company,
        actor=actor,
        comment=_("%(ref)s の内容をコピーして作成") % {"ref": source.reference},
    )
    plan_copy(source=source, copy=copy)
    return copy


def plan_copy(*, source: Application, copy: Application) -> None:
    """Copy the plan's content (COPIED_COLUMNS, activities, figures, schedule, funding, support
    bodies) from `source` onto the fresh draft `copy`."""
    for name in COPIED_COLUMNS:
        setattr(copy, name, getattr(source, name))
    copy.save(update_fields=[*COPIED_COLUMNS, "updated_at"])
    ApplicationActivity.objects.bulk_create(
        ApplicationActivity(application=copy, code=code) for code in source.activity_codes()
    )
    YearFigures.objects.bulk_create(
        YearFigures(
            application=copy,
            year=row.year,
            **{name: getattr(row, name) for name in YearFigures.INPUT_FIELDS},
        )
        for row in source.figures.all()
    )
    ScheduleItem.objects.bulk_create(
        ScheduleItem(application=copy, position=i.position, item=i.item, start=i.start, end=i.end)
        for i in source.schedule.all()
    )
    FundingItem.objects.bulk_create(
        FundingItem(application=copy, source=f.source, amount=f.amount)
        for f in source.funding.all()
    )
    SupportContact.objects.bulk_create(
        SupportContact(application=copy, body=c.body) for c in source.support_contacts.all()
    )


def ensure_delegate_may(actor, application: Application, act: str, *, lock: bool = False) -> None:
    """NotPermitted (403) when a support body's user would do `act` to the application beyond
    the delegation's scopes; members of the firm and staff are judged elsewhere. A service
    that changes the application passes `lock` (in its transaction): the delegation cannot be
    revoked between this check and the commit."""
    if support_access.is_support_user(actor) and not support_access.may_act(
        actor, application, act, lock=lock
    ):
        raise NotPermitted(_("委任された範囲を超える操作はできません。"))


def application_lock(application: Application) -> Application:
    """The application's row, re-read under its lock: every action on an application takes it
    first (workflow.locking takes it for the flow too), so two actions queue, and each acts on
    what is stored, never on a caller's stale copy. ApplicationGone if it was deleted."""
    locked = Application.objects.select_for_update(of=("self",)).filter(pk=application.pk).first()
    if locked is None:
        raise ApplicationGone(_("この申請はすでに削除されています。"))
    return locked


def ensure_editable(application: Application, *, attachments: bool = False) -> None:
    """NotEditable unless the plan (or its attachments) may change in its present status."""
    if not application.is_editable:
        raise NotEditable.of(application, attachments=attachments)


def _lock_editable(application: Application) -> Application:
    """Re-read the row under lock so an edit never races a submission or a withdrawal."""
    locked = application_lock(application)
    ensure_editable(locked)
    return locked


def _lock_section(application: Application, actor, section: str) -> Application:
    """The application locked for saving one section by `actor` (None: the system, as the
    demo data): within a delegate's scope, the delegation held, who wrote it recorded."""
    locked = _lock_editable(application)
    if actor is not None:
        ensure_delegate_may(actor, locked, support_access.EDIT, lock=True)
        section_drafted(application=locked, actor=actor, section=section)
    return locked


@transaction.atomic
def application_update(*, application: Application, actor, **fields) -> Application:
    """Update the plan's own columns (overview); `activity_types` replaces the ticked kinds."""
    locked = _lock_section(application, actor, PlanSection.OVERVIEW)
    activity_types = fields.pop("activity_types", None)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean(exclude=["company", "created_by"])
    locked.save(update_fields=[*fields, "updated_at"])
    if activity_types is not None:
        locked.activities.all().delete()
        ApplicationActivity.objects.bulk_create(
            ApplicationActivity(application=locked, code=c) for c in dict.fromkeys(activity_types)
        )
    return locked


@transaction.atomic
def application_set_figures(
    *, application: Application, rows: dict[int, dict], actor=None
) -> Application:
    """Replace the given years' figures; years not given are kept as they are. A change keeps
    the approved base years (year 0 and before) as they are (DOMAIN.md §10)."""
    locked = _lock_section(application, actor, PlanSection.FIGURES)
    for year, values in rows.items():
        if locked.kind == ApplicationKind.CHANGE and year <= 0:
            continue
        clean = {f: values.get(f) for f in YearFigures.INPUT_FIELDS}
        YearFigures.objects.update_or_create(application=locked, year=year, defaults=clean)
    locked.save(update_fields=["updated_at"])
    return locked


@transaction.atomic
def application_set_schedule(
    *, application: Application, items: list[dict], actor=None
) -> Application:
    locked = _lock_section(application, actor, PlanSection.SCHEDULE)
    locked.schedule.all().delete()
    ScheduleItem.objects.bulk_create(
        ScheduleItem(application=locked, position=i, **item) for i, item in enumerate(items)
    )
    locked.save(update_fields=["updated_at"])
    return locked


def funding_problem(sources) -> str | None:
    """Why a funding plan (別表4) cannot be saved as given, or None: each source once, its
    amounts added up in one row. The portal's formset and the API's serializer ask this."""
    seen, repeated = set(), []
    for source in sources:
        if source in seen and source not in repeated:
            repeated.append(source)
        seen.add(source)
    if not repeated:
        return None
    names = "、".join(str(FundingSource(code).label) for code in repeated)
    return _(
        "同じ調達先（%(sources)s）が複数の行にあります。調達先ごとに1行にまとめ、金額を合計してください。"
    ) % {"sources": names}


@transaction.atomic
def application_set_funding(
    *, application: Application, items: list[dict], actor=None
) -> Application:
    problem = funding_problem(item["source"] for item in items)
    if problem:
        raise ValidationError({"funding": [problem]})
    locked = _lock_section(application, actor, PlanSection.FUNDING)
    locked.funding.all().delete()
    FundingItem.objects.bulk_create(FundingItem(application=locked, **item) for item in items)
    locked.save(update_fields=["updated_at"])
    return locked


@transaction.atomic
def application_set_support_contacts(
    *, application: Application, bodies: list[str], actor=None
) -> Application:
    locked = _lock_section(application, actor, PlanSection.SUPPORT)
    locked.support_contacts.all().delete()
    SupportContact.objects.bulk_create(
        SupportContact(application=locked, body=b) for b in dict.fromkeys(bodies)
    )
    locked.save(update_fields=["updated_at"])
    return locked


@transaction.atomic
def application_delete(*, application: Application, actor) -> None:
    locked = application_lock(application)
    ensure_delegate_may(actor, locked, support_access.FIRM_ONLY)
    if locked.status != Status.DRAFT:
        raise NotEditable(_("提出したことのある申請は削除できません。取下げをご利用ください。"))
    # The attachments' rows go with the application (cascade); their stored files are removed
    # once that has committed, so a rolled-back delete keeps every file it still points at.
    files = [(a.file.storage, a.file.name) for a in locked.attachments.all()]
    locked.delete()
    for storage, name in files:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name), robust=True)


@transaction.atomic
def application_submit(
    *,
    application: Application,
    actor,
    acknowledge_failures: bool,
    on: date | None = None,
    reply: str = "",
) -> Application:
    """Freeze a version and mark the application submitted (or resubmitted after 補正).

    A resubmission may carry the applicant's reply to the correction request (`reply`), kept
    as the comment of its history row: the clerk reads it beside the changes.

    Blocked, with every reason, when incomplete, ineligible or out of jurisdiction; a plan
    failing a computed criterion needs the applicant's explicit acknowledgement.
    """
    locked = application_lock(application)
    ensure_delegate_may(actor, locked, support_access.SUBMIT, lock=True)
    on = on or selectors.today()
    result = selectors.application_check(locked, on=on)
    reasons = selectors.submission_blockers(locked, result)
    if reasons:
        raise SubmissionBlocked(_("提出できません。"), reasons)
    if result.failures and not acknowledge_failures:
        raise SubmissionBlocked(
            _("自己チェックで基準を満たさない項目があります。"),
            [_("基準を満たさない項目があることを確認し、チェックを入れてください。")],
        )
    resubmission = locked.status == Status.RETURNED
    reply = (reply or "").strip() if resubmission else ""
    now = timezone.now()
    locked.status = Status.SUBMITTED
    locked.rule_set = result.rule_set.code
    locked.acknowledged_failures = bool(result.failures) and acknowledge_failures
    locked.submitted_at = now
    locked.version += 1
    locked.save(
        update_fields=[
            "status",
            "rule_set",
            "acknowledged_failures",
            "submitted_at",
            "version",
            "updated_at",
        ]
    )
    ApplicationVersion.objects.create(
        application=locked,
        number=locked.version,
        submitted_at=now,
        submitted_by=actor,
        rule_set=locked.rule_set,
        data=selectors.application_snapshot(locked),
        check_result=selectors.check_result_data(result, selectors.procedure_of(locked)),
        reply=reply,
    )
    history_add(
        application=locked,
        actor=actor,
        step=Step.CORRECTION if resubmission else Step.SUBMISSION,
        action=Action.RESUBMIT if resubmission else Action.SUBMIT,
        comment=reply or _("第%(n)d版を提出") % {"n": locked.version},
    )
    processing.store_due_on(locked)  # for the staff queue's sort by due date
    notifications.queue_submitted(locked)
    return locked


@transaction.atomic
def application_withdraw(
    *, application: Application, actor, comment: str = "", statuses=WITHDRAWABLE_STATUSES
) -> Application:
    locked = application_lock(application)
    ensure_delegate_may(actor, locked, support_access.FIRM_ONLY)
    if locked.status not in statuses:
        raise InvalidTransition(
            _("「%(status)s」の申請は取り下げられません。")
            % {"status": locked.get_status_display()}
        )
    locked.status = Status.WITHDRAWN
    locked.save(update_fields=["status", "updated_at"])
    history_add(
        application=locked,
        actor=actor,
        step=Step.WITHDRAWAL,
        action=Action.WITHDRAW,
        comment=comment,
    )
    return locked
