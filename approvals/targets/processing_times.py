"""Processing times per fiscal year (行政手続法第6条の標準処理期間): aggregates a prefecture
can publish, on the public target dashboard and in the API.

For each fiscal year of the decision (April–March, the decision's Asia/Tokyo date): how many
applications were decided (approved or refused), the median and the 90th percentile of the
working days from arrival to the decision, and the share decided within the standard period.
The working days are the clock's (approvals.clock: counted from the working day after arrival,
補正 intervals and closed days excluded) as it stood at the decision, stored on the application
then (approvals.processing.record_decision_clock) and added to a tally (ProcessingTimeCount:
fiscal year, procedure, working days, within the period → decisions) in the same transaction,
so the figures read a few hundred tally rows, never the applications or their histories.

New plans and changes of approved plans (変更承認申請) have their own periods and are counted
apart: `processing_times(kind)`. Withdrawn applications were not decided and are not counted;
approvals recorded before the system (LegacyApproval) have no clock and are not either.

Percentiles are nearest-rank: the p-th percentile of n values is the value at rank ⌈p·n/100⌉
in ascending order, so it is always a number of days some decision took (the median of 1, 2,
3, 4 is 2). A decision on the last working day of the period is within it; a day later is not
(approvals.clock.period.overdue).
"""

import math
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.translation import gettext_lazy as _

from approvals.clock import TOKYO
from approvals.constants import ApplicationKind
from approvals.fiscal import fiscal_year_of, local_date
from approvals.models import Application, Authority, ProcessingTimeCount
from approvals.targets.counting import fiscal_year_label


def nearest_rank(counts: dict[int, int], percent: int) -> int | None:
    """The `percent`-th percentile (nearest rank) of values given as {value: how many}."""
    total = sum(counts.values())
    if not total:
        return None
    rank = max(1, math.ceil(percent * total / 100))
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if seen >= rank:
            return value
    raise AssertionError("unreachable: the ranks add up to the total")


@dataclass(frozen=True)
class YearProcessing:
    fiscal_year: int
    label: str
    decisions: int
    median_working_days: int
    p90_working_days: int
    within_period: int  # decisions on or before the due date
    within_period_pct: Decimal  # one decimal, rounded half up


def _year(fiscal_year: int, days: dict[int, int], within: int) -> YearProcessing:
    decisions = sum(days.values())
    pct = (Decimal(within * 100) / decisions).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return YearProcessing(
        fiscal_year=fiscal_year,
        label=fiscal_year_label(fiscal_year),
        decisions=decisions,
        median_working_days=nearest_rank(days, 50),
        p90_working_days=nearest_rank(days, 90),
        within_period=within,
        within_period_pct=pct,
    )


def processing_times(kind: str = ApplicationKind.NEW) -> list[YearProcessing]:
    """The decided applications of `kind` per fiscal year of the decision, newest first. One
    query, of the tally rows (a few hundred a year), never of the applications."""
    rows = ProcessingTimeCount.objects.filter(kind=kind, decisions__gt=0).values_list(
        "fiscal_year", "working_days", "within_period", "decisions"
    )
    days: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    within: dict[int, int] = defaultdict(int)
    for fiscal_year, working_days, in_period, n in rows:
        days[fiscal_year][working_days] += n
        if in_period:
            within[fiscal_year] += n
    return [_year(y, days[y], within[y]) for y in sorted(days, reverse=True)]


def count_decision(application: Application) -> None:
    """Add the decided application to the tally, in the deciding transaction, after the
    revision token's row (which approval_grant locks for a new plan and the other decisions
    replace first: one lock order, so two decisions never wait on each other's rows)."""
    if application.decision_working_days is None:
        return
    key = {
        "fiscal_year": fiscal_year_of(local_date(application.decided_at)),
        "kind": application.kind,
        "working_days": application.decision_working_days,
        "within_period": bool(application.decided_within_period),
    }
    ProcessingTimeCount.objects.bulk_create([ProcessingTimeCount(**key)], ignore_conflicts=True)
    ProcessingTimeCount.objects.filter(**key).update(decisions=F("decisions") + 1)


def rebuild_processing_counts(
    *, application_model=Application, count_model=ProcessingTimeCount
) -> int:
    """The tally again from the figures stored on the decided applications (the migration
    that added it; the benchmark). One grouped query of the applications; returns the rows."""
    grouped = (
        application_model.objects.filter(
            decided_at__isnull=False, decision_working_days__isnull=False
        )
        .annotate(
            year=ExtractYear("decided_at", tzinfo=TOKYO),
            month=ExtractMonth("decided_at", tzinfo=TOKYO),
        )
        .values_list("year", "month", "kind", "decision_working_days", "decided_within_period")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[tuple, int] = defaultdict(int)
    for year, month, kind, working_days, within, n in grouped:
        counts[(year if month >= 4 else year - 1, kind, working_days, bool(within))] += n
    count_model.objects.all().delete()
    count_model.objects.bulk_create(
        count_model(fiscal_year=y, kind=k, working_days=d, within_period=w, decisions=n)
        for (y, k, d, w), n in counts.items()
    )
    return len(counts)


@dataclass(frozen=True)
class ProcessingTimes:
    """Both procedures' figures and the periods in force now (the within-period share of a
    year is against the period in force at each decision)."""

    standard_period: dict[str, int]
    new: list[YearProcessing]
    change: list[YearProcessing]
    percentile_method: str = "nearest_rank"

    @property
    def tables(self) -> list[dict]:
        """The dashboard's two tables: new plans first."""
        return [
            {"key": "new", "caption": _("新規の承認申請"), "years": self.new},
            {"key": "change", "caption": _("変更承認申請"), "years": self.change},
        ]


def all_processing_times() -> ProcessingTimes:
    """Three queries: the authority's periods, then each procedure's decisions."""
    authority = Authority.current()
    return ProcessingTimes(
        standard_period={kind: authority.processing_days(kind) for kind in ApplicationKind.values},
        new=processing_times(ApplicationKind.NEW),
        change=processing_times(ApplicationKind.CHANGE),
    )
