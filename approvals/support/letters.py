"""The 委任状 a firm uploads with a delegation that lets its support body submit: the firm opens
it from its delegations page, staff from the task page of an application someone acted on
under that delegation (行政書士法: intake checks who was authorised to file).

A member of staff's download goes into the application's history, as an attachment's does."""

from django.db.models import Q
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from approvals.constants import Action
from approvals.models import Application, Delegation
from approvals.services import history_add, step_now


def letter_response(delegation: Delegation) -> FileResponse:
    """The stored letter as a download under the name it was uploaded with; 404 if none."""
    if not delegation.letter:
        raise Http404
    try:
        stored = delegation.letter.storage.open(delegation.letter.name, "rb")
    except OSError as error:
        raise Http404(_("ファイルが見つかりません。")) from error
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=delegation.letter_name or "power-of-attorney",
        content_type=delegation.letter_content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def delegations_acted_under(application: Application):
    """The delegations under which a support body acted on the application (its history) or
    wrote part of it (who drafted each section), oldest first: the ones intake may check."""
    acted = application.history.filter(delegation__isnull=False).values("delegation_id")
    wrote = application.section_drafts.filter(delegation__isnull=False).values("delegation_id")
    return (
        Delegation.objects.filter(Q(pk__in=acted) | Q(pk__in=wrote))
        .select_related("delegate", "organisation")
        .order_by("created_at", "pk")
    )


def staff_letter_response(*, application: Application, delegation_id: int, actor) -> FileResponse:
    """A member of staff opens the letter of a delegation someone acted under on this
    application (any other: 404); the download is recorded in the application's history."""
    delegation = delegations_acted_under(application).filter(pk=delegation_id).first()
    if delegation is None:
        raise Http404
    response = letter_response(delegation)
    history_add(
        application=application,
        actor=actor,
        step=step_now(application),
        action=Action.DOWNLOAD_LETTER,
        comment=f"{delegation.organisation.name}: {delegation.letter_name}",
    )
    return response
