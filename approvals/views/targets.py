"""The public dashboard of the target series (/targets/): aggregates only, no company names.

Policy staff and administrators also see the drill-down of a year by region, industry and
activity type.
"""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from accounts.roles import Role
from approvals.models import TargetSeries
from approvals.targets import fiscal_year_label, series_years
from approvals.targets_breakdown import breakdown
from approvals.targets_chart import chart_for


def _is_policy(user) -> bool:
    return user.is_authenticated and (user.has_role(Role.POLICY) or user.has_role(Role.ADMIN))


def target_dashboard_view(request, code="target-2"):
    series = get_object_or_404(TargetSeries, code=code)
    today = timezone.localdate()
    rows = series_years(series, today=today)
    context = {
        "series": series,
        "all_series": TargetSeries.objects.all(),
        "rows": rows,
        "chart": chart_for(rows),
        "baseline_label": fiscal_year_label(rows[0].fiscal_year) if rows else "",
        "today": today,
    }
    if _is_policy(request.user):
        years = [r.fiscal_year for r in rows if r.actual is not None]
        try:
            year = int(request.GET.get("fiscal_year", ""))
        except ValueError:
            year = None
        year = year if year in years else (max(years) if years else None)
        context["drill"] = {
            "years": [(y, fiscal_year_label(y)) for y in years],
            "year": year,
            "label": fiscal_year_label(year) if year else "",
            "region": breakdown(by="region", fiscal_year=year) if year else [],
            "industry": breakdown(by="industry", fiscal_year=year) if year else [],
            "activity_type": breakdown(by="activity_type", fiscal_year=year) if year else [],
        }
    return render(request, "approvals/targets.html", context)
