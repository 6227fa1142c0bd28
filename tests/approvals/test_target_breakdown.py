"""Target ②'s drill-down by region, industry and activity type, read from its tally.

Policy staff see each year's new-plan approvals under the region and industry the company had
on the day of approval, and under each activity type of the plan, plus the legacy approvals of
the year: the figures must equal a count made from the approvals themselves, before and after
the tally existed, and move with every approval the moment it commits — not when a company
moves afterwards.
"""

import importlib
from collections import Counter
from datetime import date

import pytest
from django.apps import apps
from django.db import transaction

from approvals.models import (
    ApplicationActivity,
    Approval,
    ApprovalBreakdownCount,
    LegacyApproval,
)
from approvals.numbering import approval_grant
from approvals.targets.breakdown import DIMENSIONS, breakdown
from approvals.targets.models import split_codes
from tests import factories

YEAR = 2027
ON = date(YEAR, 6, 1)


def _approve(company, approver, codes, *, on=ON, kind="new"):
    application = factories.make_application(company, complete=False)
    for code in codes:
        ApplicationActivity.objects.create(application=application, code=code)
    return approval_grant(application=application, actor=approver, approved_on=on, kind=kind)


def _figures(by, year=YEAR) -> dict[str, int]:
    return {row["key"]: row["count"] for row in breakdown(by=by, fiscal_year=year)}


def recount(by, year=YEAR, *, region_of=lambda approval: approval.region) -> dict[str, int]:
    """Counted from the approvals and legacy approvals themselves, every key of the page."""
    counts = Counter()
    for approval in Approval.objects.filter(kind="new", fiscal_year=year):
        if by == "activity_type":
            counts.update(approval.application.activities.values_list("code", flat=True))
        elif by == "region":
            counts[region_of(approval)] += 1
        else:
            counts[approval.industry] += 1
    for legacy in LegacyApproval.objects.filter(fiscal_year=year):
        if by == "activity_type":
            counts.update(split_codes(legacy.activity_types))
        else:
            counts[getattr(legacy, by)] += 1
    return {key: counts.get(key, 0) for key in {*_figures(by, year), *counts}}


@pytest.fixture
def companies(db):
    return {
        "yokosuka": factories.make_company(),
        "odawara": factories.make_company(
            name="有限会社小田原商店", municipality="小田原市", industry="retail"
        ),
        "kawasaki": factories.make_company(
            name="川崎ソフト株式会社", municipality="川崎市", industry="software"
        ),
        "tokyo": factories.make_company(
            name="東京商事株式会社",
            prefecture="東京都",
            municipality="千代田区",
            industry="services",
        ),
    }


@pytest.fixture
def approver(db):
    return factories.make_user("approver")


@pytest.mark.django_db
def test_drill_down_equals_a_recount_after_approvals_in_several_regions_and_industries(
    companies, approver
):
    """Approvals in four places and industries (one a change approval, one in another year)
    and a legacy approval: every row of the three drill-downs equals the recount."""
    _approve(companies["yokosuka"], approver, ["new_product", "rnd"])
    _approve(companies["yokosuka"], approver, ["new_product"])
    _approve(companies["odawara"], approver, ["new_service"])
    _approve(companies["kawasaki"], approver, ["rnd", "new_service_method"])
    _approve(companies["tokyo"], approver, ["new_product"])
    _approve(companies["kawasaki"], approver, ["rnd"], kind="change")
    _approve(companies["odawara"], approver, ["rnd"], on=date(YEAR + 1, 4, 1))
    LegacyApproval.objects.create(
        approved_on=date(YEAR, 5, 1),
        company_name="旧藤沢製作所",
        theme="旧計画",
        municipality="藤沢市",
        industry="manufacturing",
        activity_types="new_product,rnd",
    )
    assert _figures("region")["横須賀三浦"] == 2
    assert _figures("region")[""] == 1  # outside the prefecture
    assert _figures("region")["湘南"] == 1  # the legacy approval
    assert _figures("activity_type")["rnd"] == 3  # not the change approval's
    assert _figures("industry")["software"] == 1
    for by in DIMENSIONS:
        assert _figures(by) == recount(by), by
        assert _figures(by, YEAR + 1) == recount(by, YEAR + 1), by


@pytest.mark.django_db
def test_a_company_that_moves_after_approval_stays_counted_where_it_was(companies, approver):
    """Approved in 横須賀 as manufacturing; the company then moves to 小田原 and turns retail:
    that approval stays under 横須賀三浦 and manufacturing, its next one counts under 県西."""
    company = companies["yokosuka"]
    _approve(company, approver, ["new_product"])
    company.municipality, company.industry = "小田原市", "retail"
    company.save()
    assert (_figures("region")["横須賀三浦"], _figures("region")["県西"]) == (1, 0)
    assert (_figures("industry")["manufacturing"], _figures("industry")["retail"]) == (1, 0)
    _approve(company, approver, ["rnd"])
    assert (_figures("region")["横須賀三浦"], _figures("region")["県西"]) == (1, 1)
    assert (_figures("industry")["manufacturing"], _figures("industry")["retail"]) == (1, 1)
    for by in DIMENSIONS:
        assert _figures(by) == recount(by), by


@pytest.mark.django_db
def test_a_rolled_back_approval_leaves_the_drill_down_unchanged(companies, approver):
    _approve(companies["odawara"], approver, ["rnd"])
    before = {by: _figures(by) for by in DIMENSIONS}
    with pytest.raises(RuntimeError), transaction.atomic():
        _approve(companies["odawara"], approver, ["rnd"])
        assert _figures("region")["県西"] == 2  # inside the transaction it counts already
        raise RuntimeError("the notice step failed")
    assert {by: _figures(by) for by in DIMENSIONS} == before


@pytest.mark.django_db
def test_the_migration_gives_the_drill_down_it_showed_before_the_tally(companies, approver):
    """Approvals recorded before the tally (no region kept on them, companies moved since):
    after the migration the drill-down shows what it showed before — the company's region and
    industry as they stand — and the tally then follows new approvals."""
    _approve(companies["yokosuka"], approver, ["new_product", "rnd"])
    _approve(companies["odawara"], approver, ["new_service"])
    _approve(companies["tokyo"], approver, ["rnd"], on=date(YEAR + 1, 5, 1))
    companies["yokosuka"].municipality = "川崎市"
    companies["yokosuka"].save()
    ApprovalBreakdownCount.objects.all().delete()
    Approval.objects.update(region="", industry="")

    def as_before(by, year):
        company_now = lambda approval: approval.application.company.region  # noqa: E731
        shown = recount(by, year, region_of=company_now)
        if by == "industry":
            shown = Counter()
            for approval in Approval.objects.filter(kind="new", fiscal_year=year):
                shown[approval.application.company.industry] += 1
            shown = {key: shown.get(key, 0) for key in {*_figures(by, year), *shown}}
        return shown

    before = {(by, y): as_before(by, y) for by in DIMENSIONS for y in (YEAR, YEAR + 1)}
    migration = importlib.import_module(
        "approvals.migrations.0013_approval_region_industry_breakdown_count"
    )
    migration.backfill(apps, None)
    assert {(by, y): _figures(by, y) for by in DIMENSIONS for y in (YEAR, YEAR + 1)} == before
    assert _figures("region")["川崎"] == 1  # where the company is now, as the page said
    _approve(companies["odawara"], approver, ["rnd"])
    for by in DIMENSIONS:
        assert _figures(by) == recount(by), by
