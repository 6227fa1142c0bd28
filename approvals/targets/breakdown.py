"""Drill-down of a fiscal year's approvals by region (地域), industry or activity type.

For policy staff. Counts new-plan approvals made in the system (by the company's region and
industry, and each activity type the plan ticked) plus imported legacy approvals of that year.
A plan with two activity types counts under both, so that breakdown may sum to more than the
year's approvals. Three or four GROUP BY queries, whatever the data.

On PostgreSQL the year's new-plan approvals come from the partial index
approval_new_year_application (fiscal year, application) and the company of each from
application_company, by index-only scans rather than by reading every application; the
activity types are matched by application id directly, without joining the applications.
"""

from collections import Counter

from django.db.models import Count

from accounts.roles import Role
from approvals.constants import ActivityType, ApprovalKind, Industry
from approvals.models import ApplicationActivity, Approval, LegacyApproval
from approvals.regions import REGIONS
from approvals.targets.models import split_codes

DIMENSIONS = ("region", "industry", "activity_type")
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
    approvals = Approval.objects.filter(kind=ApprovalKind.NEW, fiscal_year=fiscal_year)
    legacy = LegacyApproval.objects.filter(fiscal_year=fiscal_year)
    if by == "activity_type":
        counts = _grouped(
            ApplicationActivity.objects.filter(
                application_id__in=approvals.values("application_id")
            ),
            "code",
        )
        for row in legacy.values("activity_types").annotate(n=Count("*")).order_by():
            for code in split_codes(row["activity_types"]):
                counts[code] += row["n"]
    else:
        counts = _grouped(approvals, f"application__company__{by}") + _grouped(legacy, by)
    labels = _labels(by)
    rows = [
        {"key": key, "label": label, "count": counts.get(key, 0)} for key, label in labels.items()
    ]
    rows += [{"key": k, "label": k, "count": n} for k, n in counts.items() if k not in labels]
    return rows
