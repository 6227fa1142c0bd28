"""Target ② and its kin (DOMAIN.md §8): per fiscal year the target, the cumulative actual,
the approvals in the year, the achievement rate and, for the current year, a pace projection.

`year_rows` is plain arithmetic (no ORM, no clock: `today` is passed in); the selectors below
feed it with one GROUP BY query per source, so the number of queries does not grow with the
data. `series_figures` keeps the result in the per-process memo of approvals.targets.memo,
under a token every approval replaces in its own transaction: an approval counts the moment
it commits.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext, ngettext

from approvals.constants import ApplicationKind, Status
from approvals.era import era_year_label
from approvals.fiscal import fiscal_year_of
from approvals.models import Application, ApprovalDayCount, LegacyApproval, TargetSeries
from approvals.targets.memo import memo
from approvals.terms import reads_japanese


def fiscal_year_label(year: int) -> str:
    """2007年度（平成19年度）.

    By the usual practice the era is the one in force at the end of the calendar year, so
    FY2019 (from 1 April 2019, still 平成31年) is 令和元年度 and FY1989 is 平成元年度.
    """
    return f"{year}年度（{era_year_label(date(year, 12, 31))}度）"


def fiscal_year_display(year: int) -> str:
    """``fiscal_year_label`` in the language of the request: 2007年度（平成19年度）, or FY2007.

    The rows, the API and the exports keep the Japanese label; pages show this one."""
    if reads_japanese():
        return fiscal_year_label(year)
    return gettext("%(year)d年度") % {"year": year}


def unit_label(unit: str, count: int | None = None) -> str:
    """A series' unit in the language of the request, for `count` of it (件: "approvals";
    without a count, as a caption's unit); another unit as its translation, if any."""
    if unit == "件":
        return ngettext("件", "件", 2 if count is None else count)
    return gettext(unit) if unit else unit


@dataclass(frozen=True)
class YearRow:
    fiscal_year: int
    label: str
    target: int | None
    actual: int | None
    approvals_in_year: int | None
    achievement_rate: str | None
    projection: int | None = None
    is_current: bool = False
    # A year after the baseline and before the first year the system has approvals for:
    # nothing was recorded, so its figures are unknown (None), never 0.
    no_data: bool = False
    # Approved plans that ended in the year (DOMAIN.md §10), by `Application.ended_on`: shown
    # as separate counts; they stay in `actual` (they were granted). None for a year to come.
    revoked_in_year: int | None = None
    discontinued_in_year: int | None = None

    @property
    def display_label(self) -> str:
        """The year as the page shows it, in the language of the request."""
        return fiscal_year_display(self.fiscal_year)


def achievement_rate(actual: int | None, target: int | None) -> str | None:
    """actual / target × 100 to one decimal (half up), as a string: "83.5"."""
    if actual is None or not target:
        return None
    rate = Decimal(actual) * 100 / Decimal(target)
    return str(rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def fiscal_year_days(year: int) -> int:
    return (date(year + 1, 4, 1) - date(year, 4, 1)).days


def pace_projection(*, previous: int, so_far: int, today: date) -> int:
    """Where the year ends if approvals keep the pace of the days elapsed (today included)."""
    year = fiscal_year_of(today)
    elapsed = (today - date(year, 4, 1)).days + 1
    pace = Decimal(so_far) * fiscal_year_days(year) / elapsed
    return previous + int(pace.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def year_rows(
    *,
    baseline_as_of: date,
    baseline_count: int,
    targets: dict[int, int | None],
    recorded: dict[int, int | None],
    counts: dict[int, int],
    today: date,
    ended: dict[int, dict[str, int]] | None = None,
) -> list[YearRow]:
    """The rows from the first recorded year to the later of the last target year and today's.

    `counts` are approvals after the baseline date by fiscal year. Years up to the baseline's
    use the recorded actuals; later years are the baseline plus the counts up to that year.

    Between the baseline and the first year with data (`first_counted_year`) nothing was
    recorded: those years have no actual and no approvals (None, shown as 「—」), not 0.

    `ended` ({fiscal year: {status: n}}, `ended_by_year`) gives the revoked and discontinued
    plans of each counted year (None where `approvals_in_year` is unknown); they change no
    actual.
    """
    ended = ended or {}
    baseline_year = fiscal_year_of(baseline_as_of)
    current = fiscal_year_of(today)
    counted_from = first_counted_year(counts, baseline_year=baseline_year, current=current)
    known = [*targets, *recorded, baseline_year]
    first, last = min(known), max([*targets, current])
    rows, cumulative = [], None
    for year in range(first, last + 1):
        target = targets.get(year)
        projection = None
        ended_in = (None, None)  # known only for the years the system counts
        if year <= baseline_year:  # recorded before the system
            actual = recorded.get(year)
            if actual is None and year == baseline_year:
                actual = baseline_count
            in_year = actual - cumulative if None not in (actual, cumulative) else None
            cumulative = actual
        elif year > current or year < counted_from:
            # A target year still to come, or one after the baseline before the system had
            # data: unknown, never 0.
            actual = in_year = None
        else:
            previous = baseline_count + sum(n for fy, n in counts.items() if fy < year)
            in_year = counts.get(year, 0)
            actual = previous + in_year
            of_year = ended.get(year, {})
            ended_in = (of_year.get(Status.REVOKED, 0), of_year.get(Status.DISCONTINUED, 0))
            if year == current:
                projection = pace_projection(previous=previous, so_far=in_year, today=today)
        rows.append(
            YearRow(
                year,
                fiscal_year_label(year),
                target,
                actual,
                in_year,
                achievement_rate(actual, target),
                projection,
                year == current,
                baseline_year < year < counted_from,
                *ended_in,
            )
        )
    return rows


def ended_by_year() -> dict[int, dict[str, int]]:
    """Revoked and discontinued new plans by the fiscal year of their `ended_on`: one GROUP BY
    over the ended plans (a few per year), whatever the number of approvals."""
    rows = (
        Application.objects.filter(
            kind=ApplicationKind.NEW,
            status__in=(Status.REVOKED, Status.DISCONTINUED),
            ended_on__isnull=False,
        )
        .values("status", "ended_on")
        .annotate(n=Count("*"))
        .order_by()
    )
    ended: dict[int, dict[str, int]] = {}
    for row in rows:
        of_year = ended.setdefault(fiscal_year_of(row["ended_on"]), {})
        of_year[row["status"]] = of_year.get(row["status"], 0) + row["n"]
    return ended


def first_counted_year(counts: dict[int, int], *, baseline_year: int, current: int) -> int:
    """The first fiscal year after the baseline the figures cover: the first with approvals
    counted (in the system's day tally or imported as legacy approvals), and at the latest
    the current year (the system runs now, so a year without approvals yet is a true 0).

    Taken from the data, not from a go-live date: importing older approvals with
    import_approvals moves it back by itself.
    """
    counted = [year for year, n in counts.items() if n and year > baseline_year]
    return min([*counted, current])


def counts_after_baseline(series: TargetSeries) -> dict[int, int]:
    """New-plan approvals and imported legacy approvals after the baseline date, by FY.

    Legacy approvals dated on or before the baseline are already in the baseline count.
    Approvals in the system come from their day tally (ApprovalDayCount, kept by
    approval_grant in the approving transaction): one row per day with approvals, whatever
    their number. Legacy approvals (a bounded, imported history) are counted directly.
    """
    counts: dict[int, int] = {}
    tallied = (
        ApprovalDayCount.objects.filter(day__gt=series.baseline_as_of)
        .values("fiscal_year")
        .annotate(n=Sum("new_plans"))
        .order_by()
    )
    legacy = (
        LegacyApproval.objects.filter(approved_on__gt=series.baseline_as_of)
        .values("fiscal_year")
        .annotate(n=Count("*"))
        .order_by()
    )
    for row in [*tallied, *legacy]:
        counts[row["fiscal_year"]] = counts.get(row["fiscal_year"], 0) + row["n"]
    return counts


def series_years(series: TargetSeries, *, today: date) -> list[YearRow]:
    years = list(series.years.all())
    return year_rows(
        baseline_as_of=series.baseline_as_of,
        baseline_count=series.baseline_count,
        targets={y.fiscal_year: y.target for y in years if y.target is not None},
        recorded={y.fiscal_year: y.recorded_actual for y in years if y.recorded_actual is not None},
        counts=counts_after_baseline(series),
        today=today,
        ended=ended_by_year(),
    )


@dataclass(frozen=True)
class SeriesFigures:
    series: TargetSeries
    rows: tuple[YearRow, ...]


def series_figures(code: str, *, today: date) -> SeriesFigures:
    """The series and its rows as of `today`, from the memo while no figure has changed.

    Raises Http404 for an unknown code (and keeps nothing for it).
    """

    def build() -> SeriesFigures:
        series = get_object_or_404(TargetSeries, code=code)
        return SeriesFigures(series, tuple(series_years(series, today=today)))

    return memo.remember(("figures", code, today), build)


def all_series() -> tuple[TargetSeries, ...]:
    return memo.remember(("series list",), lambda: tuple(TargetSeries.objects.all()))
