"""Revocation of an approval (承認の取消し, DOMAIN.md §10) as services: open the case with its
hearing notice, record the hearing, decide.

Revocation is its own small procedure beside the flow of a plan (DESIGN.md): the plan stays
`approved` while the case is open, and the application's viewflow process, ended at the
approval, is never reopened (workflow.consistency keeps holding). The steps are explicit in
the case row (approvals.models.RevocationCase): a case is open until decided, heard once its
hearing is recorded. Who may act at each step is approvals.duties.revocation_duty_conflict.

Input rules are written once (`open_problems`, `hearing_problems`, `decide_problems`) for the
staff forms, the API's serializers and these services; a problem is a ValidationError (400 in
the API, nothing saved), a wrong state an InvalidTransition (409).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals.change import ensure_original
from approvals.constants import Action, RevocationDecision, RevocationGround, Status, Step
from approvals.duties import revocation_duty_conflict
from approvals.ending import plan_end
from approvals.errors import InvalidTransition, NotPermitted
from approvals.models import Application, Authority, RevocationCase
from approvals.notifications import REVOCATION_DECIDED, REVOCATION_OPENED, queue_revocation
from approvals.numbering import HEARING_SERIES, REVOCATION_SERIES, series_number
from approvals.services import application_lock, history_add

HEARING, DECIDE = "hearing", "decide"


def case_open(application: Application) -> RevocationCase | None:
    """The application's open case (no decision yet), if any."""
    return application.revocation_cases.filter(decision="").select_related("application").first()


def case_latest(application: Application) -> RevocationCase | None:
    """The open case, or else the last decided one: what the case page and the API show."""
    return application.revocation_cases.select_related("application").order_by("-opened_at").first()


def open_problems(*, facts, ground, hearing_at, hearing_place) -> dict[str, str]:
    problems = {}
    if not (facts or "").strip():
        problems["facts"] = _("取消しの原因となる事実を書いてください（行政手続法第15条）。")
    if ground not in RevocationGround.values:
        problems["ground"] = _("取消しの理由の区分を選んでください。")
    if hearing_at is None:
        problems["hearing_at"] = _("聴聞の期日を指定してください。")
    elif timezone.localdate(hearing_at) <= timezone.localdate():
        problems["hearing_at"] = _(
            "聴聞の期日は、通知の日の翌日以降にしてください（相当な期間をおいて通知します）。"
        )
    if not (hearing_place or "").strip():
        problems["hearing_place"] = _("聴聞の場所を書いてください。")
    return problems


def hearing_problems(*, case: RevocationCase, record, held_on) -> dict[str, str]:
    problems = {}
    if not (record or "").strip():
        problems["record"] = _("聴聞調書（聴聞の経過と当事者の主張）を書いてください。")
    if held_on is None:
        problems["held_on"] = _("聴聞の実施日を指定してください。")
    elif held_on > timezone.localdate() or held_on < case.notice_issued_on:
        problems["held_on"] = _("聴聞の実施日は、聴聞通知の日から今日までの日付にしてください。")
    return problems


def decide_problems(*, decision, reasons) -> dict[str, str]:
    problems = {}
    if decision not in RevocationDecision.values:
        problems["decision"] = _("「取り消す」か「取り消さない」かを選んでください。")
    if not (reasons or "").strip():
        problems["reasons"] = _("決定の理由を書いてください（行政手続法第14条）。")
    return problems


def _check(problems: dict[str, str]) -> None:
    if problems:
        raise ValidationError({field: [message] for field, message in problems.items()})


def _staff(actor) -> None:
    if not actor.is_staff_member:
        raise NotPermitted(_("職員のみが行える操作です。"))


def _locked_case(application, actor, step: str) -> tuple[Application, RevocationCase]:
    _staff(actor)
    locked = application_lock(application)
    case = case_open(locked)
    if case is None:
        raise InvalidTransition(_("この計画には進行中の取消し手続がありません。"))
    if step == HEARING and case.heard:
        raise InvalidTransition(_("聴聞はすでに記録されています。"))
    if step == DECIDE and not case.heard:
        raise InvalidTransition(_("聴聞を記録してから決定してください（行政手続法第13条）。"))
    conflict = revocation_duty_conflict(case=case, user=actor, step=step)
    if conflict:
        raise NotPermitted(conflict)
    return locked, case


@transaction.atomic
def revocation_open(
    *, application, actor, facts, ground, hearing_at, hearing_place
) -> RevocationCase:
    """Open a case on the approved plan; the hearing notice is dated today."""
    _staff(actor)
    locked = application_lock(application)
    if locked.company.members.filter(pk=actor.pk).exists():
        raise NotPermitted(_("自社（所属する企業）の申請は担当できません。"))
    ensure_original(locked)
    if locked.status != Status.APPROVED:
        raise InvalidTransition(
            _("承認されている計画だけが取消しの対象です（この計画は「%(status)s」）。")
            % {"status": locked.get_status_display()}
        )
    if case_open(locked) is not None:
        raise InvalidTransition(_("この計画にはすでに進行中の取消し手続があります。"))
    _check(
        open_problems(
            facts=facts, ground=ground, hearing_at=hearing_at, hearing_place=hearing_place
        )
    )
    authority = Authority.current()
    issuer = RevocationCase.issuer_now(authority)  # IssuerMissing before anything is written
    today = timezone.localdate()
    case = RevocationCase.objects.create(
        application=locked,
        facts=facts.strip(),
        ground=ground,
        opened_by=actor,
        hearing_at=hearing_at,
        hearing_place=hearing_place.strip(),
        notice_issued_on=today,
        hearing_number=series_number(HEARING_SERIES, today, authority),
        **issuer,
    )
    history_add(
        application=locked,
        actor=actor,
        step=Step.REVOCATION,
        action=Action.REVOCATION_OPEN,
        comment=case.facts,
    )
    queue_revocation(case, REVOCATION_OPENED)
    return case


@transaction.atomic
def revocation_hearing(*, application, actor, statements="", record, held_on) -> RevocationCase:
    """Record the hearing, held by `actor` as its officer (主宰者)."""
    locked, case = _locked_case(application, actor, HEARING)
    _check(hearing_problems(case=case, record=record, held_on=held_on))
    case.officer = actor
    case.statements = (statements or "").strip()
    case.record = record.strip()
    case.held_on = held_on
    case.save(update_fields=["officer", "statements", "record", "held_on"])
    history_add(
        application=locked,
        actor=actor,
        step=Step.REVOCATION,
        action=Action.REVOCATION_HEARING,
        memo=case.record,
    )
    return case


@transaction.atomic
def revocation_decide(*, application, actor, decision, reasons) -> RevocationCase:
    """Revoke the approval (the plan ends today, status `revoked`) or keep it; either closes
    the case. Reasons are required both ways (行政手続法第14条 for a revocation; the record
    for keeping)."""
    _check(decide_problems(decision=decision, reasons=reasons))
    locked, case = _locked_case(application, actor, DECIDE)
    today = timezone.localdate()
    case.decision = decision
    case.reasons = reasons.strip()
    case.decided_by = actor
    case.decided_on = today
    revoke = decision == RevocationDecision.REVOKE
    if revoke:
        case.revocation_number = series_number(REVOCATION_SERIES, today, Authority.current())
    case.save(
        update_fields=["decision", "reasons", "decided_by", "decided_on", "revocation_number"]
    )
    if revoke:
        plan_end(locked=locked, status=Status.REVOKED, on=today, actor=actor)
    history_add(
        application=locked,
        actor=actor,
        step=Step.REVOCATION,
        action=Action.REVOKE if revoke else Action.REVOCATION_KEEP,
        comment=case.reasons,
    )
    queue_revocation(case, REVOCATION_DECIDED)
    return case
