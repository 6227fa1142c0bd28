"""The application form as submitted (様式第1 with 別表1–4 and 6), one PDF per version.

Written only from the frozen version (`ApplicationVersion.data` and the self-check frozen with
it), so the form of version n reads the same whenever it is made: the law and article the
applicant saw when submitting, the company as it was, the figures as typed. 別表5 (組合等) is
left out: joint and 組合 plans are out of scope.

A form is issued on first download (`form_issue`), keyed "v<n>", and stored with its SHA-256
like the notices.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from approvals import diff, terms
from approvals.change import approved_before
from approvals.constants import ActivityType, ApplicationKind, FundingSource, SupportBody
from approvals.models import ApplicationVersion, Authority
from approvals.rules import legal_basis_for
from documents import pdf
from documents.constants import DocumentKind
from documents.issued import issuing
from documents.models import IssuedDocument
from documents.wording import format_era_date, joined, plan_period, postal


def _row_name(figure: terms.Figure) -> str:
    """別表3 heads its amounts 千円; the employees' row gives 人 after its name, as on the form."""
    return f"{figure.name}（{figure.unit}）" if figure.unit == terms.PERSONS else figure.name


def amount(value) -> str:
    """1,234 (千円) or — when nothing was entered."""
    if value in (None, ""):
        return terms.EMPTY_CELL
    try:
        return f"{Decimal(str(value)):,}"
    except InvalidOperation:
        return str(value)


def official_year_label(year: int) -> str:
    """The year columns as 様式第1 別表3 heads them: 2期前, 直近期末（基準年度）, 1年後 …"""
    if year == 0:
        return "直近期末（基準年度）"
    if year < 0:
        return f"{-year}期前"
    return f"{year}年後"


@dataclass(frozen=True)
class Table:
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ApplicationForm:
    reference: str
    version: int
    date_label: str
    addressee: str
    address: str
    company: str
    representative: str
    law: str
    article: str
    theme: str
    activities: tuple[tuple[bool, str], ...]
    existing_business: str
    content: str
    novelty: str
    period: str
    targets: Table
    schedule: Table
    figures: Table
    investment: Table
    funding: Table
    support: tuple[tuple[bool, str], ...]
    title: str = "経営革新計画に係る承認申請書"
    template = "documents/application_form.html"
    # A change of an approved plan (変更承認申請): what it changes and the 新旧対照表.
    change: "ChangeSheet | None" = None

    @property
    def sentence(self) -> str:
        if self.change is not None:
            return (
                f"{self.law}{self.article}の規定に基づき、別紙のとおり承認経営革新計画の変更に"
                "ついて承認を受けたいので申請します。"
            )
        return (
            f"{self.law}{self.article}の規定に基づき、別紙の経営革新計画について"
            "承認を受けたいので申請します。"
        )


@dataclass(frozen=True)
class ChangeSheet:
    approval_number: str
    items: tuple[str, ...]
    reason: str
    table: Table


CHANGE_TITLE = "承認経営革新計画の変更に係る承認申請書"


def _change_sheet(version: ApplicationVersion) -> ChangeSheet | None:
    application = version.application
    if application.kind != ApplicationKind.CHANGE:
        return None
    before = approved_before(application).versions.order_by("-number").first()
    rows = diff.version_diff(before.data if before else {}, version.data)
    request = getattr(application, "change_request", None)
    approval = getattr(application.changes, "approval", None)
    return ChangeSheet(
        approval_number=approval.number if approval else "",
        items=tuple(request.item_labels()) if request else (),
        reason=request.reason if request else "",
        table=Table(
            ("区分", "項目", "変更前", "変更後"),
            tuple((str(c.section), str(c.field_label), c.old, c.new) for c in rows),
        ),
    )

    @property
    def subject(self) -> str:
        return f"承認申請書（受付番号 {self.reference} 第{self.version}版）"


def _ticks(codes, choices) -> tuple[tuple[bool, str], ...]:
    chosen = set(codes or ())
    return tuple((c.value in chosen, str(c.label)) for c in choices)


def _targets(check: dict) -> Table:
    rows = tuple(
        (
            terms.FIGURE[c["code"]].name if c["code"] in terms.FIGURE else c["code"],
            amount(c.get("base")),
            amount(c.get("final")),
            f"{c['growth_pct']}%" if c.get("growth_pct") is not None else terms.EMPTY_CELL,
            f"{c['required_pct']}%以上" if c.get("required_pct") is not None else terms.EMPTY_CELL,
        )
        for c in check.get("criteria") or ()
    )
    return Table(("指標", "基準年度", "計画終了時", "伸び率", "目標"), rows)


def _by_year(data: dict) -> tuple[list[int], dict[int, dict]]:
    entries = {e["year"]: e for e in data.get("figures") or ()}
    return sorted(entries), entries


def _figures(data: dict) -> Table:
    years, entries = _by_year(data)
    rows = tuple(
        (_row_name(figure), *(amount(entries[y].get(figure.key)) for y in years))
        for figure in terms.FIGURES
        if figure.key not in terms.INVESTMENT_FIGURES
    )
    return Table(("（単位：千円）", *(official_year_label(y) for y in years)), rows)


def _investment(data: dict) -> Table:
    years = [y for y in _by_year(data)[0] if y > 0]
    entries = _by_year(data)[1]
    rows = tuple(
        (
            terms.FIGURE[key].name,
            *(amount(entries[y].get(key)) for y in years),
            amount(sum(entries[y].get(key) or 0 for y in years)),
        )
        for key in terms.INVESTMENT_FIGURES
    )
    return Table(("（単位：千円）", *(official_year_label(y) for y in years), "合計"), rows)


def _funding(data: dict) -> Table:
    labels = dict(FundingSource.choices)
    items = data.get("funding") or ()
    rows = tuple((str(labels.get(f["source"], f["source"])), amount(f["amount"])) for f in items)
    total = sum(f.get("amount") or 0 for f in items)
    return Table(("調達先", "金額（千円）"), (*rows, ("合計", amount(total))))


def _schedule(data: dict) -> Table:
    rows = tuple(
        (
            str(i),
            s.get("item", ""),
            terms.schedule_period(
                s.get("start"), s.get("end"), data.get("plan_start"), translate=terms.japanese
            ),
        )
        for i, s in enumerate(data.get("schedule") or (), 1)
    )
    return Table(("番号", "実施項目", "実施時期"), rows)


def application_form(version: ApplicationVersion) -> ApplicationForm:
    data, check = version.data, version.check_result or {}
    company = data.get("company") or {}
    submitted_on = timezone.localdate(version.submitted_at)
    basis = legal_basis_for(submitted_on)
    start = date.fromisoformat(f"{data['plan_start']}-01") if data.get("plan_start") else None
    change = _change_sheet(version)
    return ApplicationForm(
        reference=data.get("reference") or "",
        version=version.number,
        date_label=format_era_date(submitted_on),
        addressee=f"{Authority.current().governor_title}　殿",
        address=joined(
            postal(company.get("postal_code") or ""),
            "".join(company.get(k) or "" for k in ("prefecture", "municipality", "address")),
        ),
        company=company.get("name", ""),
        representative=joined(
            company.get("representative_title"), company.get("representative_name")
        ),
        # By the submission date, never from the snapshot: snapshots taken before the article
        # table was corrected (DOMAIN.md §1) hold 第14条 for 2016–2019 submissions.
        law=basis.law,
        article=basis.change_article if change else basis.approval_article,
        theme=data.get("theme") or "",
        activities=_ticks(data.get("activity_types"), ActivityType),
        existing_business=data.get("existing_business") or "",
        content=data.get("content") or "",
        novelty=data.get("novelty") or "",
        period=plan_period(start, data["period_years"], data.get("rd_years") or 0)
        if start and data.get("period_years")
        else terms.EMPTY_CELL,
        targets=_targets(check),
        schedule=_schedule(data),
        figures=_figures(data),
        investment=_investment(data),
        funding=_funding(data),
        support=_ticks(data.get("support_contacts"), SupportBody),
        change=change,
        title=CHANGE_TITLE if change else ApplicationForm.title,
    )


def render_form(form: ApplicationForm) -> bytes:
    with pdf.japanese():
        return pdf.render_pdf(
            form.template,
            {"form": form},
            stylesheets=("document.css", "form.css"),
            page_numbers=True,
        )


def form_pdf(version: ApplicationVersion) -> bytes:
    with pdf.japanese():
        return render_form(application_form(version))


def form_key(number: int) -> str:
    return f"v{number}"


def form_issue(*, version: ApplicationVersion) -> IssuedDocument:
    """Issue the form of this version once (kept, with its SHA-256, like the notices)."""
    return issuing.document_issue(
        application=version.application,
        kind=DocumentKind.APPLICATION_FORM,
        key=form_key(version.number),
        render=lambda: form_pdf(version),
    )
