"""The processing-period clock of an application (DOMAIN.md §11): its inputs read from the
database, the pure computation in approvals.clock.

Arrival is the first version's submission; each 補正 round is a `return` in the history up to
the next `resubmit`; the clock ends on the decision (or the withdrawal), else runs to today.
For a page of applications: `with_clock(queryset)` prefetches what the clock reads, and
`clock_settings()` (two queries) is read once per page, so a page costs a fixed number of
queries whatever its length.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Min, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals import clock
from approvals.constants import Action, ApplicationKind, Status, Step
from approvals.models import Application, ApplicationVersion, Authority, ClosureDay, HistoryEntry

CLOCK_ACTIONS = (Action.RETURN, Action.RESUBMIT, Action.WITHDRAW)


@dataclass(frozen=True)
class ClockSettings:
    """The authority's periods per procedure and its closure days."""

    periods: dict[str, int]
    closed_days: frozenset[date]

    def period(self, kind: str) -> int:
        return self.periods.get(kind, clock.DEFAULT_PERIOD)


@dataclass(frozen=True)
class ProcessingClock:
    """Where an application stands against its standard processing period."""

    arrived_at: datetime
    arrived_on: date
    period: int
    due_on: date | None  # None while a correction is awaited
    working_days_elapsed: int
    working_days_paused: int
    overdue: bool
    pauses: tuple[clock.Pause, ...]
    ended_on: date | None  # the decision or withdrawal; None while open
    working_days_left: int | None  # open cases with a due date only

    @property
    def days_over(self) -> int:
        """Working days since the due date passed (0 when not, or on a non-working day)."""
        return max(0, -(self.working_days_left or 0))

    @property
    def stopped(self) -> bool:
        """Waiting for the corrected version: the clock stands still."""
        return self.due_on is None


def clock_settings(authority: Authority | None = None) -> ClockSettings:
    authority = authority or Authority.current()
    closed = ClosureDay.objects.filter(authority=authority).values_list("date", flat=True)
    return ClockSettings(
        periods={kind: authority.processing_days(kind) for kind in ApplicationKind.values},
        closed_days=frozenset(closed),
    )


def with_clock(queryset: QuerySet[Application]) -> QuerySet[Application]:
    """The queryset with what the clock reads: the first submission and the history rows of
    returns, resubmissions and withdrawal (one prefetch query for the page)."""
    if "first_submitted_at" not in queryset.query.annotations:
        queryset = queryset.annotate(
            first_submitted_at=Subquery(
                ApplicationVersion.objects.filter(application=OuterRef("pk"))
                .order_by("number")
                .values("submitted_at")[:1]
            )
        )
    return queryset.prefetch_related(
        Prefetch(
            "history",
            queryset=HistoryEntry.objects.filter(action__in=CLOCK_ACTIONS).order_by("at", "id"),
            to_attr="clock_history",
        )
    )


def attach_clock_inputs(applications) -> None:
    """Give each application (a page of them, e.g. reached through tasks) what the clock reads,
    in two queries for the lot: its first submission and its clock history rows."""
    pending = {a.pk: a for a in applications if not hasattr(a, "clock_history")}
    if not pending:
        return
    firsts = dict(
        ApplicationVersion.objects.filter(application_id__in=pending)
        .values("application_id")
        .annotate(first=Min("submitted_at"))
        .values_list("application_id", "first")
        .order_by()
    )
    history = defaultdict(list)
    rows = HistoryEntry.objects.filter(application_id__in=pending, action__in=CLOCK_ACTIONS)
    for entry in rows.order_by("at", "id"):
        history[entry.application_id].append(entry)
    for pk, application in pending.items():
        application.first_submitted_at = firsts.get(pk)
        application.clock_history = history[pk]


def _clock_history(application: Application) -> list[HistoryEntry]:
    if hasattr(application, "clock_history"):
        return application.clock_history
    return list(application.history.filter(action__in=CLOCK_ACTIONS).order_by("at", "id"))


def _first_submitted_at(application: Application) -> datetime | None:
    if hasattr(application, "first_submitted_at"):
        return application.first_submitted_at
    first = application.versions.order_by("number").values_list("submitted_at", flat=True)[:1]
    return first[0] if first else None


def correction_pauses(history: list[HistoryEntry]) -> tuple[clock.Pause, ...]:
    """Each `return` up to the next `resubmit`: one excluded interval with its reason."""
    pauses, returned = [], None
    for entry in history:
        if entry.action == Action.RETURN and returned is None:
            returned = entry
        elif entry.action == Action.RESUBMIT and returned is not None:
            pauses.append(_pause(returned, clock.arrival_date(entry.at)))
            returned = None
    if returned is not None:
        pauses.append(_pause(returned, None))
    return tuple(pauses)


def _pause(returned: HistoryEntry, resubmitted_on: date | None) -> clock.Pause:
    reason = _("補正依頼（%(step)s）") % {"step": Step(returned.step).label}
    return clock.correction_pause(clock.arrival_date(returned.at), resubmitted_on, reason)


def _ended_on(application: Application, history: list[HistoryEntry]) -> date | None:
    if application.decided_at:
        return clock.arrival_date(application.decided_at)
    if application.status == Status.WITHDRAWN:
        withdrawals = [e for e in history if e.action == Action.WITHDRAW]
        return clock.arrival_date(withdrawals[-1].at) if withdrawals else None
    return None


def application_clock(
    application: Application, *, settings: ClockSettings, today: date
) -> ProcessingClock | None:
    """The application's clock on `today`; None for a draft (nothing has arrived)."""
    submitted_at = _first_submitted_at(application)
    if submitted_at is None:
        return None
    history = _clock_history(application)
    arrived_on = clock.arrival_date(submitted_at)
    period = settings.period(application.kind)
    pauses = correction_pauses(history)
    ended_on = _ended_on(application, history)
    until = ended_on or today
    closed = settings.closed_days
    due_on = clock.due_date(arrived_on, period, pauses, closed)
    return ProcessingClock(
        arrived_at=submitted_at,
        arrived_on=arrived_on,
        period=period,
        due_on=due_on,
        working_days_elapsed=clock.elapsed_working_days(arrived_on, until, pauses, closed),
        working_days_paused=clock.paused_working_days(arrived_on, until, pauses, closed),
        overdue=due_on is not None and until > due_on,
        pauses=pauses,
        ended_on=ended_on,
        working_days_left=(
            clock.working_days_left(today, due_on, closed) if due_on and not ended_on else None
        ),
    )


def clock_of(application: Application, cache: dict) -> ProcessingClock | None:
    """The application's clock today, computed once per instance; `cache` (a serializer's or a
    page's context) keeps the settings and the date for every row of the page."""
    if "_processing_clock" not in application.__dict__:
        if _first_submitted_at(application) is None:  # a draft: no settings to read
            application._processing_clock = None
            return None
        if "clock_settings" not in cache:
            cache["clock_settings"] = clock_settings()
            cache["clock_today"] = clock.arrival_date(timezone.now())  # today in Tokyo
        application._processing_clock = application_clock(
            application, settings=cache["clock_settings"], today=cache["clock_today"]
        )
    return application._processing_clock


DECISION_CLOCK_FIELDS = ("decision_working_days", "decided_within_period")


def decision_clock_values(clock_: ProcessingClock | None) -> tuple[int | None, bool | None]:
    """(working days from arrival to the decision, decided within the period) of a decided
    application's clock; (None, None) without one (nothing ever arrived)."""
    if clock_ is None or clock_.ended_on is None:
        return None, None
    return clock_.working_days_elapsed, not clock_.overdue


def record_decision_clock(application: Application, settings: ClockSettings | None = None) -> None:
    """Set the clock's figures at the decision on the application (its `decided_at` set, not
    saved: the caller saves DECISION_CLOCK_FIELDS with the decision). Reads the first
    submission and the correction rounds (two queries) and the settings (two more)."""
    for attribute in ("first_submitted_at", "clock_history", "_processing_clock"):
        application.__dict__.pop(attribute, None)  # read afresh under the decision's lock
    settings = settings or clock_settings()
    today = clock.arrival_date(application.decided_at)
    values = decision_clock_values(application_clock(application, settings=settings, today=today))
    application.decision_working_days, application.decided_within_period = values


OPEN_STATUSES = (Status.SUBMITTED, Status.UNDER_REVIEW, Status.AWAITING_DECISION)


def store_due_on(application: Application, settings: ClockSettings | None = None) -> None:
    """Store the application's due date as its clock gives it now (after a submission or a
    resubmission: its version and history rows written). Five queries."""
    for attribute in ("first_submitted_at", "clock_history", "_processing_clock"):
        application.__dict__.pop(attribute, None)
    settings = settings or clock_settings()
    today = clock.arrival_date(timezone.now())  # the due date does not depend on it
    figures = application_clock(application, settings=settings, today=today)
    application.processing_due_on = figures.due_on if figures else None
    Application.objects.filter(pk=application.pk).update(
        processing_due_on=application.processing_due_on
    )


def _in_chunks(queryset, version_model, history_model, chunk: int):
    """The applications of `queryset` by primary key, `chunk` at a time, each with what the
    clock reads (three queries a chunk)."""
    done = 0
    while True:
        applications = list(queryset.filter(pk__gt=done).order_by("pk")[:chunk])
        if not applications:
            return
        ids = [a.pk for a in applications]
        firsts = dict(
            version_model.objects.filter(application_id__in=ids)
            .values("application_id")
            .annotate(first=Min("submitted_at"))
            .values_list("application_id", "first")
            .order_by()
        )
        history = defaultdict(list)
        rows = history_model.objects.filter(application_id__in=ids, action__in=CLOCK_ACTIONS)
        for entry in rows.order_by("at", "id"):
            history[entry.application_id].append(entry)
        for application in applications:
            application.first_submitted_at = firsts.get(application.pk)
            application.clock_history = history[application.pk]
        yield applications
        done = ids[-1]


def refresh_due_dates(
    settings: ClockSettings | None = None,
    *,
    application_model=Application,
    version_model=ApplicationVersion,
    history_model=HistoryEntry,
    chunk: int = 2000,
) -> int:
    """Store again the due date of every open application (the closure days or the periods
    changed; the migration that added the column). Returns how many were stored."""
    settings = settings or clock_settings()
    today = clock.arrival_date(timezone.now())
    open_ = application_model.objects.filter(status__in=OPEN_STATUSES)
    done = 0
    for applications in _in_chunks(open_, version_model, history_model, chunk):
        for application in applications:
            figures = application_clock(application, settings=settings, today=today)
            application.processing_due_on = figures.due_on if figures else None
        application_model.objects.bulk_update(applications, ["processing_due_on"])
        done += len(applications)
    return done


def _calendar_changed(sender, created=False, raw=False, **kwargs):
    if raw:
        return  # fixtures: the applications loaded with them carry their own dates
    refresh_due_dates()


def connect_due_date_refresh() -> None:
    """A closure day added, changed or removed, or the authority's periods changed: store
    every open application's due date again, in the same transaction (three queries and an
    update per 2,000 open applications)."""
    for signal in (post_save, post_delete):
        signal.connect(_calendar_changed, sender=ClosureDay, dispatch_uid=f"due-{signal}-closure")
    post_save.connect(_authority_changed, sender=Authority, dispatch_uid="due-authority")


def _authority_changed(sender, created=False, raw=False, **kwargs):
    if not created:  # Authority.current() creating the row: the default periods, as before
        _calendar_changed(sender, raw=raw)


def recompute_decision_clocks(
    settings: ClockSettings,
    *,
    application_model=Application,
    version_model=ApplicationVersion,
    history_model=HistoryEntry,
    chunk: int = 2000,
    save: bool = True,
) -> int:
    """Compute the decision figures of every decided application from its versions and
    history (the migration that added them, with its historical models; the benchmark, to
    measure what storing them saves). Three queries and a bulk update per `chunk`
    applications; returns how many were computed."""
    decided = application_model.objects.filter(decided_at__isnull=False)
    done = 0
    for applications in _in_chunks(decided, version_model, history_model, chunk):
        for application in applications:
            today = clock.arrival_date(application.decided_at)
            figures = application_clock(application, settings=settings, today=today)
            values = decision_clock_values(figures)
            application.decision_working_days, application.decided_within_period = values
        if save:
            application_model.objects.bulk_update(applications, DECISION_CLOCK_FIELDS)
        done += len(applications)
    return done
