"""Staff open the 委任状 of a delegation under which a support body acted on an application
(the task page links it: approvals.support.letters says which and records the download)."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from approvals.support import letters
from workflow.access import staff_application


@login_required
@require_GET
def delegation_letter_view(request, pk, delegation):
    application = staff_application(request, pk)
    return letters.staff_letter_response(
        application=application, delegation_id=delegation, actor=request.user
    )
