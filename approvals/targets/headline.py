"""What the target page opens with: the current fiscal year's figures as KPI cards, and the
years the figures do not cover.

Plain arithmetic on the rows `counting.year_rows` made (no query, no clock: `today` is the
day the rows were made for), so the page costs what it cost before.
"""

from dataclasses import dataclass
from datetime import date

from approvals.targets.counting import YearRow, fiscal_year_display


@dataclass(frozen=True)
class Headline:
    year_label: str
    cumulative: int | None
    approvals_in_year: int | None
    target: int | None
    achievement_rate: str | None
    projection: int | None
    as_of: date
    # The last target the plan sets, when the current year has none: (year label, value).
    last_target: tuple[str, int] | None


@dataclass(frozen=True)
class Gap:
    """Years after the baseline with no recorded data (before the system had approvals)."""

    first_label: str
    last_label: str
    first_year: int
    last_year: int

    @property
    def single(self) -> bool:
        return self.first_year == self.last_year


def headline_for(rows: list[YearRow] | tuple[YearRow, ...], *, today: date) -> Headline | None:
    current = next((r for r in rows if r.is_current), None)
    if current is None:
        return None
    last_target = None
    if current.target is None:
        with_target = [r for r in rows if r.target is not None]
        if with_target:
            last_target = (with_target[-1].display_label, with_target[-1].target)
    return Headline(
        year_label=fiscal_year_display(current.fiscal_year),
        cumulative=current.actual,
        approvals_in_year=current.approvals_in_year,
        target=current.target,
        achievement_rate=current.achievement_rate,
        projection=current.projection,
        as_of=today,
        last_target=last_target,
    )


def gap_for(rows: list[YearRow] | tuple[YearRow, ...]) -> Gap | None:
    missing = [r for r in rows if r.no_data]
    if not missing:
        return None
    first, last = missing[0], missing[-1]
    return Gap(first.display_label, last.display_label, first.fiscal_year, last.fiscal_year)
