"""The support body's advice on the portal's pages (DOMAIN.md §12).

`{% advice_box application %}` on the application page: for the firm, every advice comment and
the 事前確認 recorded; for a delegate, its own comments and the links its scopes allow.
`{% section_advice application %}` on a section page: the advice on that section.
Who sees what is approvals.support.advice_services'; staff never reach these pages.
"""

from django import template

from approvals.errors import NotPermitted
from approvals.presenters import tasklist
from approvals.support import access, advice_services
from approvals.support.advice import SECTION_CHOICES

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None), request


def _comments(user, application) -> list:
    try:
        return list(advice_services.comments_visible(user, application))
    except NotPermitted:
        return []


def _confirmations(user, application) -> list:
    try:
        return list(advice_services.confirmations_visible(user, application))
    except NotPermitted:
        return []


@register.inclusion_tag("support/includes/advice_box.html", takes_context=True)
def advice_box(context, application):
    user, _request = _user(context)
    if user is None or not user.is_authenticated:
        return {"show": False}
    firm = access.is_member(user, application.company_id)
    may_comment = advice_services.may_comment(user, application)
    may_confirm = advice_services.may_confirm(user, application)
    if not (firm or may_comment or may_confirm):
        return {"show": False}
    comments = _comments(user, application)
    confirmations = _confirmations(user, application)
    labels = dict(SECTION_CHOICES)
    return {
        "show": firm and (comments or confirmations) or may_comment or may_confirm,
        "application": application,
        "firm": firm,
        "may_comment": may_comment and application.is_editable,
        "may_confirm": may_confirm and application.is_editable,
        "comments": [(labels.get(c.section, c.section), c) for c in comments],
        "rows": advice_services.confirmation_rows(application, confirmations),
    }


def _section_of(request) -> str | None:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    for key, _title, url_name, _hint, _optional in tasklist.SECTIONS:
        if url_name == name:
            return key
    for section in tasklist.CONTRIBUTED.values():
        if section.url_name == name:
            return section.key
    return None


@register.inclusion_tag("support/includes/section_advice.html", takes_context=True)
def section_advice(context, application):
    user, request = _user(context)
    section = _section_of(request)
    if user is None or section is None:
        return {"comments": []}
    comments = [c for c in _comments(user, application) if c.section == section]
    return {
        "application": application,
        "section": section,
        "comments": comments,
        "may_comment": advice_services.may_comment(user, application) and application.is_editable,
    }
