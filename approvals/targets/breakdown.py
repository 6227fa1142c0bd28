"""Drill-down of a fiscal year's approvals by region (地域), industry, activity type or support
organisation (支援機関).

For policy staff. Counts new-plan approvals made in the system (by the region and industry of
the company on the day of approval, and each activity type the plan ticked) plus imported
legacy approvals of that year. A plan with two activity types counts under both, so that
breakdown may sum to more than the year's approvals.

Approvals in the system come from their tally (ApprovalBreakdownCount, kept by approval_grant
in the approving transaction: a few dozen rows a year, whatever the number of approvals);
legacy approvals (a bounded, imported history) are counted directly. Two queries.

By support organisation (`by=support`, DOMAIN.md §12), each new-plan approval of the year counts
once, under one organisation: the one whose delegate recorded the plan's latest 事前確認; failing
that, the one whose delegation (any scope) was in force for the firm when the plan was last
submitted (granted before, not revoked by then, valid that day; the latest granted if several);
failing that, 「支援機関の関与なし」. Legacy approvals carry no such record:
「記録なし（移行データ）」.
So the rows sum to the year's approvals. Counted from the approvals themselves (one query, and
one for the organisations' names): a confirmation or a delegation is never changed afterwards
in a way that moves an approval between rows (revocation only sets revoked_at, later).
"""

from collections import Counter
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext as _

from accounts.roles import Role
from approvals.constants import ActivityType, ApprovalKind, BreakdownDimension, Industry
from approvals.models import (
    Approval,
    ApprovalBreakdownCount,
    Delegation,
    LegacyApproval,
    SupportConfirmation,
    SupportOrganisation,
)
from approvals.regions import REGIONS
from approvals.targets.models import split_codes

# The tallied dimensions; `support` is counted from the approvals (see above).
DIMENSIONS = tuple(BreakdownDimension.values)
SUPPORT = "support"
ALL_DIMENSIONS = (*DIMENSIONS, SUPPORT)
OTHER_LABEL = "県外・不明"
NO_SUPPORT, LEGACY = "none", "legacy"


def breakdown_allowed(user) -> bool:
    """Policy staff and administrators: the drill-down is theirs."""
    return bool(
        user and user.is_authenticated and (user.has_role(Role.POLICY) or user.has_role(Role.ADMIN))
    )


def _labels(by: str) -> dict[str, str]:
    if by == "region":
        return {**{name: name for name in REGIONS}, "": OTHER_LABEL}
    choices = Industry if by == "industry" else ActivityType
    return {value: str(label) for value, label in choices.choices}


def _grouped(queryset, field: str) -> Counter:
    rows = queryset.values(field).annotate(n=Count("*")).order_by()
    return Counter({row[field]: row["n"] for row in rows})


def attributed_organisations(fiscal_year: int):
    """The year's new-plan approvals, each with `organisation_id`: the support organisation it
    is attributed to (see the module's docstring), or None."""
    confirmed = (
        SupportConfirmation.objects.filter(application=OuterRef("application"))
        .order_by("-at", "-pk")
        .values("organisation")[:1]
    )
    submitted = OuterRef("submitted_at")
    delegated = (
        Delegation.objects.filter(
            company=OuterRef("application__company"),
            created_at__lte=submitted,
            valid_to__gte=OuterRef("submitted_day"),
        )
        .filter(Q(revoked_at__isnull=True) | Q(revoked_at__gt=submitted))
        .order_by("-created_at", "-pk")
        .values("organisation")[:1]
    )
    return (
        Approval.objects.filter(kind=ApprovalKind.NEW, fiscal_year=fiscal_year)
        .annotate(
            submitted_at=F("application__submitted_at"),
            submitted_day=TruncDate(
                "application__submitted_at", tzinfo=ZoneInfo(settings.TIME_ZONE)
            ),
        )
        .annotate(organisation_id=Coalesce(Subquery(confirmed), Subquery(delegated)))
    )


def support_breakdown(fiscal_year: int) -> list[dict]:
    """[{"key", "label", "count"}]: every organisation (zero rows included, in the order of
    kind and name), then no support body, then the legacy approvals."""
    rows = attributed_organisations(fiscal_year).values("organisation_id")
    counts = Counter(
        {row["organisation_id"]: row["n"] for row in rows.annotate(n=Count("*")).order_by()}
    )
    listed = [
        {"key": str(o.pk), "label": str(o), "count": counts.get(o.pk, 0)}
        for o in SupportOrganisation.objects.order_by("kind", "name", "pk")
    ]
    legacy = LegacyApproval.objects.filter(fiscal_year=fiscal_year).count()
    return [
        *listed,
        {"key": NO_SUPPORT, "label": _("支援機関の関与なし"), "count": counts.get(None, 0)},
        {"key": LEGACY, "label": _("記録なし（移行データ）"), "count": legacy},
    ]


def breakdown(*, by: str, fiscal_year: int) -> list[dict]:
    """[{"key", "label", "count"}] in the order of the choices (zero rows included)."""
    if by == SUPPORT:
        return support_breakdown(fiscal_year)
    if by not in DIMENSIONS:
        raise ValueError(by)
    tallied = ApprovalBreakdownCount.objects.filter(fiscal_year=fiscal_year, dimension=by)
    counts = Counter(dict(tallied.values_list("key", "new_plans")))
    legacy = LegacyApproval.objects.filter(fiscal_year=fiscal_year)
    if by == "activity_type":
        for row in legacy.values("activity_types").annotate(n=Count("*")).order_by():
            for code in split_codes(row["activity_types"]):
                counts[code] += row["n"]
    else:
        counts += _grouped(legacy, by)
    counts = +counts  # a tally row left at zero is no approval
    labels = _labels(by)
    rows = [
        {"key": key, "label": label, "count": counts.get(key, 0)} for key, label in labels.items()
    ]
    rows += [{"key": k, "label": k, "count": n} for k, n in counts.items() if k not in labels]
    return rows
