"""A correction request (補正依頼) as the applicant reads it: the text, the deadline and the
sections to fix, each linked to its page. Used by the application's page (approvals.views.
standing) and the resubmission page (workflow.portal_views)."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from approvals.constants import Action, PlanSection
from approvals.presenters.tasklist import section_url


@dataclass(frozen=True)
class Request:
    """A comment addressed to the applicant: a request for correction (補正の依頼)."""

    at: datetime
    step: str
    comment: str
    sections: tuple = ()  # (title, URL of the page to fix it) of each section concerned
    due_on: date | None = None  # 補正期限

    @property
    def overdue(self) -> bool:
        return self.due_on is not None and self.due_on < timezone.localdate()


def section_labels(codes) -> list[str]:
    """The names of the plan's sections (PlanSection codes) in the reader's language."""
    names = dict(PlanSection.choices)
    return [str(names.get(code, code)) for code in codes or ()]


def correction_request(application, entry) -> Request:
    """The request of one history row (action 補正依頼); never its internal memo."""
    names = dict(PlanSection.choices)
    sections = tuple(
        (str(names[code]), section_url(application, code))
        for code in entry.sections or ()
        if code in names
    )
    return Request(entry.at, entry.get_step_display(), entry.comment, sections, entry.due_on)


def latest_request(application) -> Request | None:
    """The last correction requested, or None."""
    entry = application.history.filter(action=Action.RETURN).order_by("-at", "-id").first()
    return None if entry is None else correction_request(application, entry)
