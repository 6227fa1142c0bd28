"""The list of an application's attachments with download links, for any page that shows it.

`{% attachment_list application %}` on the staff task pages, the applicant's read-only
application and the 確認と提出 page; downloads go through `attachments:download`.
"""

from django import template

from documents.attachments.selectors import missing_attachments

register = template.Library()


@register.inclusion_tag("documents/attachments_list.html")
def attachment_list(application, show_missing=False):
    return {
        "application": application,
        "attachments": list(application.attachments.all()),
        "missing": missing_attachments(application) if show_missing else [],
    }
