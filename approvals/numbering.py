"""Gapless approval numbers per fiscal year.

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
from approvals.models import Approval, ApprovalCounter, Authority, Company
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


def format_number(sequence: int, approved_on: date, authority: Authority) -> str:
    _era, era_year = era_of(approved_on)
    return authority.number_format.format(
        seq=sequence, fy=fiscal_year_of(approved_on), era_year=era_year
    )


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
