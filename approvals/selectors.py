"""Reads on applications: scoping by user, the self-check, blockers and the frozen snapshot."""

import dataclasses
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals import rules, terms
from approvals.constants import (
    CHANGE_MAX_YEARS,
    ApplicationKind,
    DelegationScope,
    LegalForm,
    Status,
)
from approvals.models import Application, Authority, Company, YearFigures
from approvals.support import access as support_access
from approvals.terms import quarter_key, quarter_label

# Every figure but the investment rows must be given for the base year and each plan year.
REQUIRED_FIGURES = tuple(f for f in terms.INPUT_FIGURES if f not in terms.INVESTMENT_FIGURES)


def today() -> date:
    """The calendar date in Asia/Tokyo: the date a submission would carry now."""
    return timezone.localdate()


def company_for_user(user) -> Company | None:
    if not user.is_authenticated:
        return None
    return Company.objects.filter(members=user).order_by("pk").first()


def applications_for_user(user) -> QuerySet[Application]:
    """Applicants see their companies' applications; staff see every submitted one; a support
    body's user those of the firms whose active delegation lets it view (drafts included),
    read afresh on every call: a revoked delegation shows nothing on the next request."""
    qs = Application.objects.select_related("company")
    if not user.is_authenticated:
        return qs.none()
    if user.is_staff_member:
        return qs.exclude(status=Status.DRAFT)
    if support_access.is_support_user(user):
        return qs.filter(
            company_id__in=support_access.delegations_of(user, DelegationScope.VIEW).values(
                "company_id"
            )
        )
    return qs.filter(company__members=user).distinct()


def plan_figures(application: Application) -> list[YearFigures]:
    """The figure rows that belong to the plan as now configured (−2 … final year)."""
    final = application.final_year
    rows = list(application.figures.all())
    return [r for r in rows if final is None or r.year <= final]


def application_check(
    application: Application, *, on: date | None = None, figures: dict[int, dict] | None = None
) -> rules.CheckResult:
    """Judge the plan by the rule set in force `on` (today for a draft; the submission date once
    submitted), unless a date is given for a what-if; `figures` ({year: {figure: value}}) are
    typed, unsaved figures to judge instead of the saved ones (the live check)."""
    if on is None:
        submitted = application.submitted_at
        on = timezone.localdate(submitted) if submitted else today()
    if figures is None:
        rows = tuple(plan_figures(application))
    else:
        final = application.final_year
        rows = tuple(
            rules.Figures(year=y, **v) for y, v in figures.items() if final is None or y <= final
        )
    rule_set = None
    change_errors = ()
    if application.kind == ApplicationKind.CHANGE:
        # A change is judged by the rule set under which the plan was approved, with the
        # approved base-year figures (year 0 and before stay as approved), and the thresholds
        # of its own (new) length (DOMAIN.md §10).
        original = application.changes
        if original.rule_set:
            rule_set = rules.rule_set_by_code(original.rule_set)
        base = {r.year: r for r in plan_figures(original) if r.year <= 0}
        rows = tuple(sorted((*base.values(), *(r for r in rows if r.year > 0)), key=_year))
        change_errors = tuple(change_plan_problems(application))
    plan = rules.Plan(
        period_years=application.period_years,
        rd_years=application.rd_years,
        activity_types=tuple(application.activity_codes()),
        figures=rows,
        funding=tuple(application.funding.values_list("amount", flat=True)),
    )
    result = rules.check_plan(
        plan,
        application.company.facts(),
        on=on,
        prefecture=Authority.current().prefecture,
        rule_set=rule_set,
    )
    if change_errors:
        result = dataclasses.replace(result, errors=(*change_errors, *result.errors))
    return result


def _year(row) -> int:
    return row.year


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def plan_start_problem(application: Application, start: date | None) -> str | None:
    """Why this application may not start in `start`'s month, or None: a new plan within the
    window around the application date, a change only in the approved plan's month."""
    if start is None:
        return None
    if application.kind == ApplicationKind.CHANGE:
        original = application.changes.plan_start
        if original and start.replace(day=1) != original.replace(day=1):
            return _CHANGE_START % {"start": f"{original.year}年{original.month}月"}
        return None
    return rules.plan_start_problem(start, on=today())


_CHANGE_START = gettext_lazy("変更承認申請では計画開始年月（%(start)s）は変更できません。")


def change_plan_problems(application: Application) -> list[str]:
    """What a change's plan may not do (DOMAIN.md §10): start on another month than the
    approved plan, or end more than 5 years after the original start. Empty for a new plan."""
    if application.kind != ApplicationKind.CHANGE:
        return []
    original = application.changes
    problems = []
    if problem := plan_start_problem(application, application.plan_start):
        problems.append(problem)
    start = original.plan_start
    final = application.final_year
    if start and application.plan_start and final is not None:
        end = _add_years(application.plan_start, final)
        limit = _add_years(start, CHANGE_MAX_YEARS)
        if end > limit:
            problems.append(
                _(
                    "変更後の計画は当初の計画開始（%(start)s）から%(years)d年を超えて"
                    "終了することはできません（現在は%(final)d年間）。"
                )
                % {
                    "start": f"{start.year}年{start.month}月",
                    "years": CHANGE_MAX_YEARS,
                    "final": final,
                }
            )
    return problems


def _num(value):
    return None if value is None else str(value)


def application_date(application: Application) -> date:
    """The date of application (申請日): the first submission's Tokyo date, today for a draft.
    Documents cite the law and article in force on it (DOMAIN.md §1). A queryset may annotate
    it as `first_submitted_at` (approvals.serializers.application_queryset)."""
    if hasattr(application, "first_submitted_at"):
        first = application.first_submitted_at
        return timezone.localdate(first) if first else today()
    first = application.versions.order_by("number").values_list("submitted_at", flat=True)[:1]
    return timezone.localdate(first[0]) if first else today()


def legal_basis_data(application: Application, *, on: date | None = None) -> dict:
    """``{"law", "article"}`` printed on the application's documents: the approval article for
    a new plan, the change article for a change, in force on the date of application (or
    `on`, a what-if)."""
    procedure = "change" if application.kind == "change" else "approval"
    return rules.legal_basis_for(on or application_date(application)).data(procedure)


def procedure_of(application: Application) -> str:
    """The procedure whose article the application's documents cite: "change" for a change
    application (変更承認申請), else "approval"."""
    return "change" if application.kind == ApplicationKind.CHANGE else "approval"


def check_result_data(
    result: rules.CheckResult, procedure: str = "approval", *, localized: bool = False
) -> dict:
    """The self-check as the API and the version snapshot present it; `procedure` ("approval"
    or "change") picks the article of `legal_basis` (in force on the date the check is for).

    The messages are the rules' Japanese, as the record keeps them; `localized` gives them in
    the language of the request instead (the applicant's live panel)."""

    def text(message) -> str:
        return str(terms.localized(message) if localized else message)

    basis = result.legal_basis.data(procedure)
    return {
        "rule_set": result.rule_set.code,
        "legal_basis": basis,
        # The same two, flat, as the first wave's clients read them.
        "law": basis["law"],
        "article": basis["article"],
        "eligible": result.eligible,
        "eligibility": [
            {"code": e.code, "passed": e.passed, "message": text(e.message)}
            for e in result.eligibility
        ],
        "criteria": [
            {
                "code": c.code,
                "base": _num(c.base),
                "final": _num(c.final),
                "growth_pct": _num(c.growth_pct),
                "required_pct": _num(c.required_pct),
                "passed": c.passed,
                "missing": c.missing,
                "message": text(c.message),
            }
            for c in result.criteria
        ],
        "passed": result.passed,
        "errors": [text(e) for e in result.errors],
        # Advice that never fails the plan (approvals.rules.money).
        "warnings": [
            {"code": w.code, "year": w.year, "figure": w.figure, "message": text(w.message)}
            for w in result.warnings
        ],
        "funding": None
        if result.funding is None
        else {
            "required": result.funding.required,
            "raised": result.funding.raised,
            "difference": result.funding.difference,
            "state": result.funding.state,
            "message": text(result.funding.message),
        },
    }


def company_missing(company: Company) -> list[str]:
    """What the company profile lacks for a submission: the rules its own form and the API
    apply (a corporation's 法人番号, every required particular). The task list's 企業情報 is
    完了 exactly when this is empty."""
    if company.legal_form != LegalForm.SOLE and not company.corporate_number:
        return [_("企業情報の法人番号（13桁）を入力してください。")]
    try:
        company.full_clean(exclude=["members"])
    except ValidationError:
        return [_("企業情報に未入力または正しくない項目があります。企業情報を確認してください。")]
    return []


def incomplete_sections(application: Application) -> list[tuple[str, str]]:
    """(section, message) for everything a submission still lacks."""
    missing = [("company", message) for message in company_missing(application.company)]
    if not application.theme.strip():
        missing.append(("overview", _("テーマを入力してください。")))
    if not application.activities.exists():
        missing.append(("overview", _("新事業活動の類型を1つ以上選んでください。")))
    for field, label in (
        ("existing_business", _("現在の事業内容")),
        ("content", _("経営革新の内容")),
        ("novelty", _("既存事業との相違点・新規性")),
    ):
        if not getattr(application, field).strip():
            missing.append(("overview", _("%(label)sを入力してください。") % {"label": label}))
    if application.plan_start is None:
        missing.append(("overview", _("計画開始年月を入力してください。")))
    elif application.kind == ApplicationKind.CHANGE:
        pass  # a change keeps the approved start (change_plan_problems)
    elif problem := rules.plan_start_problem(application.plan_start, on=today()):
        missing.append(("overview", problem))
    if application.period_years is None:
        missing.append(("overview", _("事業期間（3〜5年）を選んでください。")))
    else:
        missing.extend(("figures", m) for m in _missing_figures(application))
    schedule = list(application.schedule.all())
    if not schedule:
        missing.append(("schedule", _("実施計画の項目を1つ以上入力してください。")))
    final = application.final_year
    beyond = [i for i in schedule if final is not None and quarter_key(i.end)[0] > final]
    for item in beyond:
        message = _(
            "実施計画「%(item)s」の終了（%(end)s）が計画期間（%(final)d年目まで）を超えています。"
            "時期を直すか、事業期間を見直してください。"
        ) % {"item": item.item, "end": quarter_label(item.end), "final": final}
        missing.append(("schedule", message))
    return missing


def _missing_figures(application: Application) -> list[str]:
    rows = {r.year: r for r in plan_figures(application)}
    messages = []
    for year in range(0, application.final_year + 1):
        row = rows.get(year)
        empty = [f for f in REQUIRED_FIGURES if row is None or getattr(row, f) is None]
        if empty:
            label = terms.year_label(year, application.final_year)
            names = "、".join(terms.FIGURE[f].label for f in empty)
            messages.append(
                _("経営指標の%(year)sに未入力の項目があります: %(names)s")
                % {"year": label, "names": names}
            )
    return messages


def submission_blockers(application: Application, result: rules.CheckResult) -> list[str]:
    """Reasons the application cannot be submitted now (acknowledgement aside)."""
    reasons = []
    if not application.is_editable:  # only a draft, or a plan returned for correction
        reasons.append(
            _("この申請は現在の状態（%(s)s）では提出できません。")
            % {"s": application.get_status_display()}
        )
    reasons.extend(m for _s, m in incomplete_sections(application))
    reasons.extend(str(terms.localized(e.message)) for e in result.eligibility if not e.passed)
    reasons.extend(change_plan_problems(application))
    return reasons


def application_snapshot(application: Application) -> dict:
    """A JSON copy of the whole application, frozen into each submitted version."""
    company = application.company
    figures = []
    for row in plan_figures(application):
        entry = {"year": row.year}
        entry.update({f: getattr(row, f) for f in YearFigures.INPUT_FIELDS})
        entry.update({k: _num(v) for k, v in row.derived.items()})
        figures.append(entry)
    return {
        "reference": application.reference,
        "company": {f: getattr(company, f) for f in Company.PROFILE_FIELDS}
        | {
            "region": company.region,
            "founded_on": company.founded_on.isoformat() if company.founded_on else None,
        },
        "theme": application.theme,
        "activity_types": application.activity_codes(),
        "existing_business": application.existing_business,
        "content": application.content,
        "novelty": application.novelty,
        "plan_start": application.plan_start.strftime("%Y-%m") if application.plan_start else None,
        "period_years": application.period_years,
        "rd_years": application.rd_years,
        "figures": figures,
        "schedule": [
            {"item": s.item, "start": s.start, "end": s.end} for s in application.schedule.all()
        ],
        "funding": [{"source": f.source, "amount": f.amount} for f in application.funding.all()],
        "support_contacts": [c.body for c in application.support_contacts.all()],
        "acknowledged_failures": application.acknowledged_failures,
    }


def records_download(application, actor) -> bool:
    """Whether a download goes into the history: one by someone outside the firm (staff, a
    support body acting for it) does, the firm's own downloads of its own documents do not —
    they would only clutter the history the reviewer reads."""
    return not application.company.members.filter(pk=actor.pk).exists()
