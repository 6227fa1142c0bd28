"""The plan editor's task list: each section's status and the links from a blocker to its section.

Statuses follow the "complete multiple tasks" pattern: 未着手 (nothing entered), 入力中 (something
entered, something missing), 完了. "Missing" is what ``selectors.incomplete_sections`` says a
submission lacks, so the task list and the submission check never disagree.

Apps built on approvals add sections of their own (the documents app adds 添付書類) with
``contribute_section``: approvals never imports them, they plug in from their AppConfig.ready.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from approvals import selectors, terms
from approvals.constants import Action, PlanSection, Status

NOT_STARTED, IN_PROGRESS, COMPLETED = "not_started", "in_progress", "completed"
STATUS_LABELS = {NOT_STARTED: _("未着手"), IN_PROGRESS: _("入力中"), COMPLETED: _("完了")}

SECTIONS = (
    # key, title, URL name, hint, optional
    ("company", _("企業情報"), "approvals:company", _("本店所在地・業種・資本金・従業員数"), False),
    (
        "overview",
        _("計画の概要"),
        "approvals:application-overview",
        _("テーマ・新事業活動の類型・内容・計画期間（別表1）"),
        False,
    ),
    (
        "figures",
        _("経営指標"),
        "approvals:application-figures",
        _("売上高・付加価値額・給与支給総額など（別表3）"),
        False,
    ),
    (
        "schedule",
        _("実施計画"),
        "approvals:application-schedule",
        _("実施項目と時期（別表2）"),
        False,
    ),
    (
        "funding",
        _("資金計画"),
        "approvals:application-funding",
        _("設備投資・運転資金の調達方法（別表4）"),
        True,
    ),
    (
        "support",
        _("関係機関への連絡希望"),
        "approvals:application-support",
        _("計画の内容を連絡してほしい支援機関（別表6）"),
        True,
    ),
)
# Eligibility problems belong to the section where the applicant can fix them.
_ELIGIBILITY_SECTIONS = {"period": "overview", "rnd": "overview"}


@dataclass(frozen=True)
class ContributedSection:
    """A section another app provides: its page, its status and its submission blockers."""

    key: str
    title: str
    url_name: str  # reversed with the application's pk
    hint: str
    optional: bool
    status: Callable[[object], str]  # application → NOT_STARTED, IN_PROGRESS or COMPLETED
    blockers: Callable[[object], list[str]]  # application → reasons it cannot be submitted


CONTRIBUTED: dict[str, ContributedSection] = {}


def contribute_section(section: ContributedSection) -> None:
    CONTRIBUTED[section.key] = section


@dataclass(frozen=True)
class Task:
    key: str
    title: str
    url: str
    hint: str
    optional: bool
    status: str
    needs_correction: bool = False  # named by the correction request now open (修正が必要)

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


def section_url(application, key: str | None) -> str | None:
    if key in CONTRIBUTED:
        return reverse(CONTRIBUTED[key].url_name, args=[application.pk])
    names = {k: name for k, _t, name, _h, _o in SECTIONS}
    if key not in names:
        return None
    if key == "company":
        return reverse(names[key])
    return reverse(names[key], args=[application.pk])


def company_complete(company) -> bool:
    """The submission's own rule (selectors.company_missing): the task list never says 入力中
    for a company the submission accepts, nor 完了 for one it refuses."""
    return not selectors.company_missing(company)


def _status(started: bool, missing: bool) -> str:
    if not started:
        return NOT_STARTED
    return IN_PROGRESS if missing else COMPLETED


def section_statuses(application) -> dict[str, str]:
    missing = {section for section, _m in selectors.incomplete_sections(application)}
    a = application
    overview_started = a.activities.exists() or any(
        (a.theme, a.existing_business, a.content, a.novelty, a.plan_start, a.period_years)
    )
    figures_started = a.figures.exists()
    return {
        "company": COMPLETED if company_complete(a.company) else IN_PROGRESS,
        "overview": _status(overview_started, "overview" in missing),
        "figures": _status(figures_started, "figures" in missing or a.period_years is None),
        "schedule": _status(a.schedule.exists(), "schedule" in missing),
        "funding": _status(a.funding.exists(), False),
        "support": _status(a.support_contacts.exists(), False),
    }


def correction_sections(application) -> set[str]:
    """The sections the open correction request names (none unless the plan is returned)."""
    if application.status != Status.RETURNED:
        return set()
    request = application.history.filter(action=Action.RETURN).order_by("-at", "-id").first()
    return {s for s in (request.sections if request else ()) if s in PlanSection.values}


def tasks(application) -> list[Task]:
    statuses = section_statuses(application)
    concerned = correction_sections(application)
    listed = [
        Task(
            key,
            title,
            section_url(application, key),
            hint,
            optional,
            statuses[key],
            key in concerned,
        )
        for key, title, _n, hint, optional in SECTIONS
    ]
    listed += [
        Task(
            s.key,
            s.title,
            section_url(application, s.key),
            s.hint,
            s.optional,
            s.status(application),
            s.key in concerned,
        )
        for s in CONTRIBUTED.values()
    ]
    # Required sections first, each group in its own order.
    return sorted(listed, key=lambda task: task.optional)


def blocker_links(application, result) -> list[tuple[str, str | None]]:
    """(reason, URL of the section to fix it or None) for every reason submission is blocked."""
    sections = {message: section for section, message in selectors.incomplete_sections(application)}
    for item in result.eligibility:
        if not item.passed:
            sections[str(terms.localized(item.message))] = _ELIGIBILITY_SECTIONS.get(
                item.code, "company"
            )
    links = [
        (reason, section_url(application, sections.get(reason)))
        for reason in selectors.submission_blockers(application, result)
    ]
    for section in CONTRIBUTED.values():
        url = section_url(application, section.key)
        links += [(reason, url) for reason in section.blockers(application)]
    return links
