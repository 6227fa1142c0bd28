"""Japanese fiscal years (年度): April 1 – March 31, on the Asia/Tokyo calendar date."""

from datetime import date, datetime

from django.utils import timezone


def fiscal_year_of(day: date) -> int:
    """FY2026 runs from 2026-04-01 to 2027-03-31."""
    return day.year if day.month >= 4 else day.year - 1


def local_date(moment: datetime) -> date:
    """The Asia/Tokyo date of an aware datetime (never the UTC date)."""
    return timezone.localdate(moment)
