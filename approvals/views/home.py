"""The landing page: applicants go to their applications, staff to their work, policy staff to
the target dashboard, others sign in."""

from django.shortcuts import redirect, render


def home_view(request):
    user = request.user
    if not user.is_authenticated:
        return render(request, "home.html")
    if user.is_applicant:
        return redirect("approvals:application-list")
    if user.is_staff_member:
        # The staff site (workflow.staff) under /staff/: task lists and task pages.
        return redirect("staff:index")
    if user.is_policy:
        return redirect("approvals:targets")
    return render(request, "home.html")
