"""Staff: send again an e-mail to the applicant that failed (approvals.notifications)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from approvals import selectors
from approvals.notifications import mail_retry
from config.redirects import redirect_to_next


@login_required
@require_POST
def mail_retry_view(request, pk, mail_pk):
    if not request.user.is_staff_member:
        raise PermissionDenied
    application = get_object_or_404(selectors.applications_for_user(request.user), pk=pk)
    mail = get_object_or_404(application.mails, pk=mail_pk)
    if mail_retry(mail, actor=request.user):
        messages.success(request, _("メールの再送を受け付けました。しばらくすると送信されます。"))
    else:
        messages.info(request, _("このメールは送信済みか、すでに再送を待っています。"))
    return redirect_to_next(request, "staff:application:process_list")
