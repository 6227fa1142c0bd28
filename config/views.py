"""Error pages that need the request: the CSRF failure page in the site's own layout."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A form sent with a missing or outdated token: usually a page left open while the user
    signed out and in again, or a session that ended. Say so plainly, in the site's layout;
    rendering the layout gives the browser a fresh token, so a reload is enough."""
    return render(request, "403_csrf.html", status=403)
