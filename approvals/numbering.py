"""Gapless document numbers per fiscal year: approvals, and refusals in a series of their own.

Both are written with the authority's one format (Authority.number_format, e.g.
"{series}第{seq}号"): 経革第12号 for an approval, 経革不第3号 for a refusal.

The counter row of the fiscal year is locked (SELECT … FOR UPDATE) inside the approving
transaction: concurrent approvals queue on it, each gets the next number, and a rollback
releases the number with everything else. The row is created with INSERT … ON CONFLICT DO
NOTHING first, so two first approvals of a new year cannot both create it.
"""

from datetime import date

from django.db import transaction

from approvals.constants import ApprovalKind
from approvals.era import era_of
from approvals.fiscal import fiscal_year_of
from approvals.models import Approval, ApprovalCounter, Authority, Company, DocumentCounter
from approvals.targets.tally import count_new_plan


def next_sequence(fiscal_year: int) -> int:
    """Take the next number of the fiscal year; must run inside the approving transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_sequence must run inside a transaction")
    ApprovalCounter.objects.bulk_create(
        [ApprovalCounter(fiscal_year=fiscal_year)], ignore_conflicts=True
    )
    counter = ApprovalCounter.objects.select_for_update().get(fiscal_year=fiscal_year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


REFUSAL_SERIES = "refusal"


def next_in_series(series: str, fiscal_year: int) -> int:
    """Take the next number of a series other than approvals'; inside the deciding
    transaction, like next_sequence."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_in_series must run inside a transaction")
    DocumentCounter.objects.bulk_create(
        [DocumentCounter(series=series, fiscal_year=fiscal_year)], ignore_conflicts=True
    )
    counter = DocumentCounter.objects.select_for_update().get(
        series=series, fiscal_year=fiscal_year
    )
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def format_number(
    sequence: int, decided_on: date, authority: Authority, *, series: str | None = None
) -> str:
    """The document number in the authority's format; `series` defaults to approvals'."""
    _era, era_year = era_of(decided_on)
    return authority.number_format.format(
        series=authority.approval_series if series is None else series,
        seq=sequence,
        fy=fiscal_year_of(decided_on),
        era_year=era_year,
    )


HEARING_SERIES = "hearing"
REVOCATION_SERIES = "revocation"
# Each series other than approvals' and the authority's field with its mark.
_MARK_FIELD = {
    REFUSAL_SERIES: "refusal_series",
    HEARING_SERIES: "hearing_series",
    REVOCATION_SERIES: "revocation_series",
}


def _take(series: str, on: date, authority: Authority) -> tuple[int, int, str]:
    """The fiscal year of `on`, the next number of `series` in it, and that number written
    in the authority's format with the series' mark."""
    fiscal_year = fiscal_year_of(on)
    sequence = next_in_series(series, fiscal_year)
    mark = getattr(authority, _MARK_FIELD[series])
    return fiscal_year, sequence, format_number(sequence, on, authority, series=mark)


def refusal_number(refused_on: date, authority: Authority) -> dict:
    """The refusal's fields of its number: the next of the refusal series in the fiscal year
    of `refused_on`, written in the authority's format with its refusal series."""
    fiscal_year, sequence, number = _take(REFUSAL_SERIES, refused_on, authority)
    return {"fiscal_year": fiscal_year, "sequence": sequence, "number": number}


def series_number(series: str, on: date, authority: Authority) -> str:
    """The next number of `series` (HEARING_SERIES, REVOCATION_SERIES) in the fiscal year of
    `on`, written in the authority's format with that series' mark."""
    return _take(series, on, authority)[2]


def approval_grant(
    *, application, actor, approved_on: date, kind: str = ApprovalKind.NEW
) -> Approval:
    """Record the approval with the next number of the fiscal year of `approved_on`; a new-plan
    approval also counts towards target ② in the same transaction."""
    fiscal_year = fiscal_year_of(approved_on)
    sequence = next_sequence(fiscal_year)
    # Read afresh, not from an application loaded earlier: where the company stands today.
    region, industry = (
        Company.objects.filter(pk=application.company_id).values_list("region", "industry").get()
    )
    authority = Authority.current()  # read once: the number's format and the issuer
    approval = Approval.objects.create(
        application=application,
        kind=kind,
        fiscal_year=fiscal_year,
        sequence=sequence,
        number=format_number(sequence, approved_on, authority),
        approved_on=approved_on,
        approved_by=actor,
        region=region,
        industry=industry,
        **Approval.issuer_now(authority),
    )
    if kind == ApprovalKind.NEW:
        count_new_plan(approval)
    return approval
