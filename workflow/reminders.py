"""The daily reminder to staff (issue 17): each member of staff gets one e-mail listing the
open tasks that are theirs and overdue or due within a few working days against the standard
processing period (DOMAIN.md §11).

Whose a task is:
- a task someone holds (担当中) is its holder's alone;
- a task nobody holds yet (キュー) is everyone's who may claim it: the staff of that step's
  role whose queue shows it (workflow.selectors.queue_for — so never a member of the
  applicant's company, nor the reviewer of an application for its decision).
Only tasks of applications still in the procedure (workflow.workload.open_tasks); the
correction task is the applicant's, never in a reminder to staff.

`reminders_due` works out the lists (it writes nothing: the dry run prints them); `queue`
writes one `ProcessingReminder` per person and day with its background job, in one
transaction per person: a second run on the same day finds the row and sends nothing new, and
(`requeue_unsent`) gives a job again to that day's reminders a lost job or a mail server that
was down left unsent.
"""

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from viewflow.workflow.status import STATUS

from accounts.roles import Role
from approvals import clock, processing
from approvals.constants import MailState
from config import background
from workflow import workload
from workflow.models import ProcessingReminder
from workflow.selectors import queue_for

logger = logging.getLogger(__name__)

DEFAULT_WITHIN = 3  # working days
TAKING_ROLES = (Role.INTAKE, Role.REVIEWER, Role.APPROVER)


@dataclass(frozen=True)
class Due:
    """One member of staff and their tasks (with clocks), most urgent first."""

    user: object
    tasks: list

    def rows(self) -> list[dict]:
        """The tasks as kept on the reminder (JSON): what the e-mail lists."""
        return [_row(task) for task in self.tasks]


def _row(task) -> dict:
    application = workload.application_of(task)
    clock = task.clock
    return {
        "task": task.pk,
        "reference": application.reference,
        "company": application.company.name,
        "step": workload.step_of(task),
        "held": task.owner_id is not None,
        "due_on": clock.due_on.isoformat(),
        "days_left": clock.working_days_left,
        "overdue": clock.overdue,
        "path": task.flow_task.reverse("index", args=[task.process_id, task.pk]),
    }


def _urgency(task):
    return (task.clock.due_on, task.clock.arrived_at, task.pk)


def working_day(on: date | None = None) -> bool:
    """Whether `on` (today in Tokyo) is a working day of the authority: no reminder on a day
    the offices are closed."""
    on = on or processing.today()
    return clock.is_working_day(on, processing.clock_settings().closed_days)


def reminders_due(*, within: int = DEFAULT_WITHIN) -> list[Due]:
    """Everyone with at least one task overdue or due within `within` working days, by
    username; nobody without one."""
    reverse("staff:index")  # viewflow reverses task URLs through the mounted site
    tasks = workload.staff_tasks_due(within)
    held, unheld = {}, {}
    for task in tasks:
        if task.status == STATUS.NEW:
            unheld[task.pk] = task
        elif task.owner_id is not None:
            held.setdefault(task.owner_id, []).append(task)
    people = get_user_model().objects.filter(is_active=True)
    takers = Q(groups__name__in=TAKING_ROLES) if unheld else Q(pk__in=[])
    people = people.filter(takers | Q(pk__in=list(held)))
    due = []
    for user in people.distinct().order_by("username"):
        mine = list(held.get(user.pk, ()))
        if unheld:
            claimable = queue_for(user).filter(pk__in=unheld).values_list("pk", flat=True)
            mine += [unheld[pk] for pk in claimable]
        if mine:
            due.append(Due(user, sorted(mine, key=_urgency)))
    return due


def queue(due: list[Due], *, on: date | None = None) -> list[ProcessingReminder]:
    """One reminder per person for the day `on` (today in Tokyo), each with its job; those who
    already have that day's reminder get nothing more. Returns the reminders written."""
    on = on or processing.today()
    from workflow.tasks import reminder_send_task  # workflow.tasks sends with this module

    written = []
    for entry in due:
        if not entry.user.email:
            logger.warning("processing reminder: no e-mail address for user %s", entry.user.pk)
            continue
        with transaction.atomic():
            reminder, created = ProcessingReminder.objects.get_or_create(
                user=entry.user, on=on, defaults={"tasks": entry.rows()}
            )
            if created:
                background.enqueue(reminder_send_task, reminder.pk)
                written.append(reminder)
    return written


def requeue_unsent(*, on: date | None = None) -> int:
    """The day's reminders not sent (a lost job, a mail server that was down), with attempts
    left and no job waiting: each gets a job again. Yesterday's are not: their list is old.
    Returns how many."""
    on = on or processing.today()
    from workflow.tasks import reminder_send_task

    with transaction.atomic():
        waiting = (
            background.pending_arguments(reminder_send_task)
            if background.stores_jobs(reminder_send_task)
            else set()
        )
        unsent = ProcessingReminder.objects.filter(
            on=on,
            state__in=[MailState.QUEUED, MailState.FAILED],
            attempts__lt=background.MAX_ATTEMPTS,
        ).exclude(error__startswith="NoAddress")
        requeued = [pk for pk in unsent.values_list("pk", flat=True) if (pk,) not in waiting]
        for pk in requeued:
            background.enqueue(reminder_send_task, pk)
    return len(requeued)


class NoAddress(Exception):
    """The member of staff has no e-mail address: trying again would not help."""


def reminder_send(reminder: ProcessingReminder) -> None:
    """Render and send the reminder in its reader's language; raises what the mail server
    raises (workflow.tasks records it and tries again)."""
    user = reminder.user
    if not user.email:
        raise NoAddress(f"no e-mail address for user {user.pk}")
    with translation.override(user.language or settings.LANGUAGE_CODE):
        rows = [
            {
                **row,
                "due_on": date.fromisoformat(row["due_on"]),
                "days_over": max(0, -row["days_left"]),
                "step_label": str(workload.STEP_LABELS.get(row["step"], row["step"])),
            }
            for row in reminder.tasks
        ]
        context = {
            "user": user,
            "on": reminder.on,
            "overdue": [row for row in rows if row["overdue"]],
            "soon": [row for row in rows if not row["overdue"]],
            "count": len(rows),
            "site_url": settings.KAKUSHIN_SITE_URL,
            "workload_path": reverse("staff:application:workload"),
        }
        subject = render_to_string("emails/processing_reminder_subject.txt", context).strip()
        body = render_to_string("emails/processing_reminder.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
