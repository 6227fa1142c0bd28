"""The landing page: applicants go to their applications, staff to their work, policy staff to
the target dashboard, support bodies to the firms that delegated to them, others sign in."""

from django.shortcuts import redirect, render

from approvals import terms
from approvals.models import Authority
from approvals.presenters import next_steps


def _start_page(request):
    """Who may apply, what to have ready, how long it takes, where to get help."""
    authority = Authority.current()
    return render(
        request,
        "home.html",
        {
            "prefecture": authority.prefecture,
            "fiscal_years_rule": terms.label(terms.FISCAL_YEARS_RULE),
            "processing_period": next_steps.processing_period(authority),
            "processing_note": next_steps.processing_note(),
            "saving": next_steps.SAVING,
            "help_bodies": next_steps.HELP_BODIES,
            "contact": next_steps.contact(authority),
        },
    )


def home_view(request):
    user = request.user
    if not user.is_authenticated:
        return _start_page(request)
    if user.is_applicant:
        return redirect("approvals:application-list")
    if user.is_staff_member:
        # The staff site (workflow.staff) under /staff/: task lists and task pages.
        return redirect("staff:index")
    if user.is_policy:
        return redirect("approvals:targets")
    if user.is_support:
        # A support body's portal: the firms that delegated to it (approvals.views.portal).
        return redirect("approvals:application-list")
    return _start_page(request)
