"""Links to an application's notice and form on the portal and staff pages.

`{% notice_links application %}` shows the download links once there is something to download;
staff also see a notice being made by a worker (発行処理中), or one that failed to issue
(発行失敗) with its error and a retry button.
"""

from django import template
from django.urls import reverse

from approvals.constants import RevocationDecision
from documents.constants import DocumentState
from documents.issued import selectors
from documents.tasks import notice_waiting

register = template.Library()


@register.inclusion_tag("documents/includes/notice_links.html", takes_context=True)
def notice_links(context, application):
    request = context.get("request")
    user = getattr(request, "user", None)
    staff = bool(user and user.is_authenticated and user.is_staff_member)
    document = selectors.notice_document(application)
    decided = selectors.decided_applications().filter(pk=application.pk).exists()
    issued = document is not None and document.state == DocumentState.ISSUED
    return {
        "application": application,
        "document": document,
        "issued": issued,
        "decided": decided,
        "waiting": staff and decided and not issued and notice_waiting(application.pk),
        "has_form": application.version > 0,
        "staff": staff,
        "next": request.get_full_path() if request else "",
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def notice_download_url(application) -> str:
    """The download address of the application's issued notice, or "" while there is none
    (the portal's outcome section shows it as its main button)."""
    document = selectors.notice_document(application)
    if document is None or document.state != DocumentState.ISSUED:
        return ""
    return reverse("documents:notice-download", args=[application.pk])


@register.inclusion_tag("documents/includes/revocation_links.html")
def revocation_links(application):
    """The hearing notice of the plan's latest revocation case and the revocation notice, for
    the applicant (to whom both are addressed) and staff alike."""
    cases = list(application.revocation_cases.values_list("decision", flat=True))
    return {
        "application": application,
        "hearing": bool(cases),
        "revoked": RevocationDecision.REVOKE in cases,
    }
