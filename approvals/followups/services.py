"""Writes on follow-up surveys: each atomic, under the plan's lock, with its history row.

A request e-mails the firm (queued in the transaction, sent after commit); the answer is saved
as often as the firm likes until it submits; submitting computes the achievement once, with
the approval's rule set and the approved base year. Reminders after 2 and 4 weeks go out at
most once each. When the plan ends (廃止・取消し), its open surveys close.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals import notifications
from approvals.change import ensure_original
from approvals.constants import Action, FollowUpStatus, Status, Step
from approvals.errors import InvalidTransition, NotPermitted
from approvals.followups import selectors
from approvals.models import Application, FollowUp, FollowUpFigures, FollowUpItem
from approvals.models.followup import MAX_REMINDERS
from approvals.rules import followup as rules_followup
from approvals.services import application_lock, history_add
from approvals.targets.memo import bump_target_revision

REMINDER_DAYS = (14, 28)  # after the request: the 2-week and the 4-week reminder


@transaction.atomic
def follow_up_request(
    *, application: Application, actor, kind: str, due_on: date | None = None, on: date
) -> FollowUp:
    """Ask the firm of an approved plan for a survey, due `due_on` (one month by default)."""
    if not selectors.may_request(actor):
        raise NotPermitted(_("フォローアップ調査を依頼する権限がありません。"))
    locked = application_lock(application)
    ensure_original(locked)
    if locked.status != Status.APPROVED:
        raise InvalidTransition(
            _("この計画は「%(status)s」のため、フォローアップ調査を依頼できません。")
            % {"status": locked.get_status_display()}
        )
    due_on = due_on or rules_followup.default_due_on(on)
    if due_on < on:
        raise ValidationError({"due_on": [_("回答期限は依頼日以降の日付にしてください。")]})
    follow_up = FollowUp.objects.create(
        application=locked, kind=kind, requested_on=on, requested_by=actor, due_on=due_on
    )
    history_add(
        application=locked,
        actor=actor,
        step=Step.FOLLOW_UP,
        action=Action.REQUEST_FOLLOW_UP,
        comment=str(follow_up.get_kind_display()),
    )
    notifications.queue_follow_up(follow_up, notifications.FOLLOW_UP_REQUESTED)
    return follow_up


def _lock_open(follow_up: FollowUp) -> FollowUp:
    application_lock(follow_up.application)
    locked = FollowUp.objects.select_for_update().select_related("application").get(pk=follow_up.pk)
    if not locked.is_open:
        raise InvalidTransition(
            _("この調査は「%(status)s」のため、回答を変更できません。")
            % {"status": locked.get_status_display()}
        )
    return locked


def _check_years(follow_up: FollowUp, years, on: date) -> None:
    closed = selectors.closed_years(follow_up.application, on)
    messages = [
        _(
            "figures[%(i)d].year: %(year)d年目はまだ終了していないため報告できません"
            "（報告できる年度: %(closed)s）。"
        )
        % {"i": i, "year": year, "closed": "、".join(map(str, closed)) or _("なし")}
        for i, year in enumerate(years)
        if year not in closed
    ]
    if len(set(years)) != len(years):
        messages.append(_("figures: 同じ年度が重複しています。"))
    if messages:
        raise ValidationError({"figures": messages})


@transaction.atomic
def follow_up_answer(
    *, follow_up: FollowUp, figures=None, items=None, support_used=None, on: date
) -> FollowUp:
    """Save the firm's answer; each given part replaces what was saved (figures: per year)."""
    locked = _lock_open(follow_up)
    if figures is not None:
        _check_years(locked, [row["year"] for row in figures], on)
        for row in figures:
            values = {f: row.get(f) for f in FollowUpFigures.INPUT_FIELDS}
            FollowUpFigures.objects.update_or_create(
                follow_up=locked, year=row["year"], defaults=values
            )
    if items is not None:
        locked.items.all().delete()
        FollowUpItem.objects.bulk_create(
            FollowUpItem(follow_up=locked, position=i, **item) for i, item in enumerate(items)
        )
    if support_used is not None:
        locked.support_used = list(dict.fromkeys(support_used))
        locked.save(update_fields=["support_used"])
    return locked


def achievement_of(follow_up: FollowUp):
    """The achievement at the latest reported year, or () without reported figures."""
    latest = follow_up.figures.order_by("-year").first()
    if latest is None:
        return ()
    application = follow_up.application
    return rules_followup.achievement(
        selectors.base_figures(application),
        latest,
        rule_set=selectors.rule_set(application),
        year=latest.year,
        rd_years=application.rd_years,
    )


def _num(value):
    return None if value is None else (value if isinstance(value, int) else str(value))


def achievement_data(results) -> list[dict]:
    return [
        {
            "code": r.code,
            "base": _num(r.base),
            "actual": _num(r.actual),
            "growth_pct": None if r.growth_pct is None else str(r.growth_pct),
            "required_pct": str(r.required_pct),
            "achieved": r.achieved,
        }
        for r in results
    ]


@transaction.atomic
def follow_up_submit(*, follow_up: FollowUp, actor, on: date) -> FollowUp:
    """Submit the answer (at least one closed year's figures) and compute the achievement."""
    locked = _lock_open(follow_up)
    if not locked.figures.exists():
        raise InvalidTransition(
            _("実績値が入力されていません。終了した計画年度の実績を入力してください。")
        )
    _check_years(locked, list(locked.figures.values_list("year", flat=True)), on)
    results = achievement_of(locked)
    by_code = {r.code: r.achieved for r in results}
    locked.achievement = achievement_data(results)
    locked.value_added_achieved = by_code.get("value_added")
    locked.total_salary_achieved = by_code.get("total_salary")
    locked.status = FollowUpStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.save(
        update_fields=[
            "achievement",
            "value_added_achieved",
            "total_salary_achieved",
            "status",
            "submitted_at",
        ]
    )
    bump_target_revision()  # the outcome KPI on the public dashboard changes
    history_add(
        application=locked.application,
        actor=actor,
        step=Step.FOLLOW_UP,
        action=Action.SUBMIT_FOLLOW_UP,
        comment=str(locked.get_kind_display()),
    )
    return locked


@transaction.atomic
def follow_up_reschedule(*, follow_up: FollowUp, actor, due_on: date) -> FollowUp:
    """Staff set a new due date of an open survey (not before its request)."""
    if not selectors.may_request(actor):
        raise NotPermitted(_("フォローアップ調査を依頼する権限がありません。"))
    locked = _lock_open(follow_up)
    if due_on < locked.requested_on:
        raise ValidationError({"due_on": [_("回答期限は依頼日以降の日付にしてください。")]})
    locked.due_on = due_on
    locked.save(update_fields=["due_on"])
    return locked


def reminder_due(follow_up: FollowUp, on: date) -> int:
    """How many reminders should have gone out by `on` (0, 1 or 2)."""
    return sum(on >= follow_up.requested_on + timedelta(days=d) for d in REMINDER_DAYS)


def follow_up_remind(*, follow_up: FollowUp, on: date) -> bool:
    """Send the reminder now due, if any and not sent yet; True when one was queued. When
    both are due (the command did not run for two weeks) only the later one goes out."""
    with transaction.atomic():
        locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
        due = min(reminder_due(locked, on), MAX_REMINDERS)
        if not locked.is_open or due <= locked.reminders_sent:
            return False
        locked.reminders_sent = due
        locked.save(update_fields=["reminders_sent"])
        notifications.queue_follow_up(locked, notifications.FOLLOW_UP_REMINDER)
    return True


def follow_ups_close(*, application: Application) -> int:
    """Close the open surveys of a plan that ended (inside the ending transaction)."""
    return application.follow_ups.filter(status=FollowUpStatus.REQUESTED).update(
        status=FollowUpStatus.CLOSED
    )


def close_on_plan_end(sender, application, status, **kwargs) -> None:
    """Receiver of approvals.ending.plan_ended (connected in approvals.apps)."""
    follow_ups_close(application=application)
