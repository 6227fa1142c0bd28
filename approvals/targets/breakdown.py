"""Drill-down of a fiscal year's approvals by region (地域), industry or activity type.

For policy staff. Counts new-plan approvals made in the system (by the region and industry of
the company on the day of approval, and each activity type the plan ticked) plus imported
legacy approvals of that year. A plan with two activity types counts under both, so that
breakdown may sum to more than the year's approvals.

Approvals in the system come from their tally (ApprovalBreakdownCount, kept by approval_grant
in the approving transaction: a few dozen rows a year, whatever the number of approvals);
legacy approvals (a bounded, imported history) are counted directly. Two queries.
"""

from collections import Counter

from django.db.models import Count

from accounts.roles import Role
from approvals.constants import ActivityType, BreakdownDimension, Industry
from approvals.models import ApprovalBreakdownCount, LegacyApproval
from approvals.regions import REGIONS
from approvals.targets.models import split_codes

DIMENSIONS = tuple(BreakdownDimension.values)
OTHER_LABEL = "県外・不明"


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


def breakdown(*, by: str, fiscal_year: int) -> list[dict]:
    """[{"key", "label", "count"}] in the order of the choices (zero rows included)."""
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
