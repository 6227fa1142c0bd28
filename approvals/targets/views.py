"""The public dashboard of the target series (/targets/): aggregates only, no company names.

Policy staff and administrators also see the drill-down of a year by region, industry and
activity type.

A visitor who is not signed in, asks for no other year and has no message waiting sees the
same page as every other such visitor, except for the CSRF token of the header's language
switch. That page is kept in the target memo (approvals.targets.memo: a new token with every
approval, so never stale) with a slot where each visitor's own token goes.
"""

import secrets

from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from approvals.targets.breakdown import breakdown, breakdown_allowed
from approvals.targets.chart import chart_for
from approvals.targets.counting import all_series, fiscal_year_display, series_figures
from approvals.targets.headline import gap_for, headline_for
from approvals.targets.memo import memo
from approvals.targets.outcome import outcome_by_year
from approvals.targets.processing_times import all_processing_times

TEMPLATE = "approvals/targets.html"
# Where each visitor's CSRF token goes in a kept page; random, so no page text can forge it.
CSRF_SLOT = f"csrf-slot-{secrets.token_hex(16)}"


def _same_for_every_visitor(request) -> bool:
    return not request.user.is_authenticated and not request.GET and not get_messages(request)


def _context(code: str, today) -> dict:
    figures = series_figures(code, today=today)
    rows = figures.rows
    return {
        "series": figures.series,
        "all_series": all_series(),
        "rows": rows,
        "chart": chart_for(rows),
        "headline": headline_for(rows, today=today),
        "gap": gap_for(rows),
        "baseline_label": fiscal_year_display(rows[0].fiscal_year) if rows else "",
        "today": today,
        "outcome": outcome_by_year() if code == "target-2" else [],
        "processing": all_processing_times() if code == "target-2" else None,
    }


def _drill(request, rows) -> dict:
    years = [r.fiscal_year for r in rows if r.actual is not None]
    try:
        year = int(request.GET.get("fiscal_year", ""))
    except ValueError:
        year = None
    year = year if year in years else (max(years) if years else None)
    return {
        "years": [(y, fiscal_year_display(y)) for y in years],
        "year": year,
        "label": fiscal_year_display(year) if year else "",
        "region": breakdown(by="region", fiscal_year=year) if year else [],
        "industry": breakdown(by="industry", fiscal_year=year) if year else [],
        "activity_type": breakdown(by="activity_type", fiscal_year=year) if year else [],
        "support": breakdown(by="support", fiscal_year=year) if year else [],
    }


def target_dashboard_view(request, code="target-2"):
    today = timezone.localdate()
    if _same_for_every_visitor(request):
        page = memo.remember(
            ("page", request.path, code, today, get_language()),
            lambda: render_to_string(
                TEMPLATE, {**_context(code, today), "csrf_token": CSRF_SLOT}, request
            ),
        )
        return HttpResponse(page.replace(CSRF_SLOT, get_token(request)))
    context = _context(code, today)
    if breakdown_allowed(request.user):
        context["drill"] = _drill(request, context["rows"])
        context["outcome_plans"] = True
    return HttpResponse(render_to_string(TEMPLATE, context, request))
