"""`{% mail_states application %}`: for staff, the e-mails to the applicant about an
application — sent, waiting for a worker, or failed with the error and a 再送 button."""

from django import template

from approvals.constants import MailState
from approvals.notifications import mail_label
from approvals.tasks import mail_send_task
from config import background

register = template.Library()


@register.inclusion_tag("approvals/includes/mails.html", takes_context=True)
def mail_states(context, application):
    request = context.get("request")
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated and user.is_staff_member):
        return {"mails": []}
    mails = list(application.mails.order_by("created_at", "pk"))
    return {
        "application": application,
        "mails": [
            {
                "mail": mail,
                "label": mail_label(mail),
                # Only a failed mail asks the job table (rare), never each sent one.
                "retryable": mail.state == MailState.FAILED
                and not background.is_pending(mail_send_task, mail.pk),
            }
            for mail in mails
        ],
        "next": request.get_full_path() if request else "",
        "csrf_token": context.get("csrf_token"),
    }
