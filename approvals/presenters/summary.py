"""The whole application as "check your answers": one block per section.

`summary` reads the application as it is now: the submission page (with change links) and the
applicant's read-only application page. `snapshot_summary` reads a submitted version's frozen
snapshot (``ApplicationVersion.data``): staff judge what was submitted, not what the company
profile says today, and its values are shown exactly as ``approvals.diff`` shows them, so a
value in the summary and the same value in "what changed" always read alike.
"""

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from approvals import diff
from approvals.constants import ActivityType, FundingSource, SupportBody
from approvals.forms.figures import OPTIONAL_YEARS
from approvals.forms.overview import years_label
from approvals.identifiers import format_postal_code
from approvals.models import Application, Company, YearFigures
from approvals.presenters.figures_table import build_table, saved_table
from approvals.presenters.tasklist import section_url

NOT_ENTERED = _("未入力")


@dataclass
class Block:
    key: str
    title: str
    change_url: str | None
    rows: list = field(default_factory=list)  # (label, value)
    table: dict | None = None
    empty: str = ""


def _label(model, name):
    return model._meta.get_field(name).verbose_name


def _or_missing(value):
    return NOT_ENTERED if value in (None, "", []) else value


def _company_rows(company: Company) -> list:
    postal = format_postal_code(company.postal_code) if company.postal_code else ""
    address = f"{postal} {company.prefecture}{company.municipality}{company.address}".strip()
    capital = None if company.capital is None else _("%(yen)s円") % {"yen": f"{company.capital:,}"}
    return [
        (_label(Company, "name"), company.name),
        (_label(Company, "legal_form"), company.get_legal_form_display()),
        (_label(Company, "corporate_number"), company.corporate_number),
        (_("代表者"), f"{company.representative_title} {company.representative_name}".strip()),
        (_("所在地"), address),
        (_label(Company, "region"), company.region or _("県外・判定できません")),
        (_label(Company, "industry"), company.get_industry_display()),
        (_label(Company, "capital"), capital),
        (_label(Company, "employees"), _("%(n)d人") % {"n": company.employees}),
        (
            _label(Company, "fiscal_year_end_month"),
            _("%(month)d月") % {"month": company.fiscal_year_end_month},
        ),
        (_label(Company, "closed_fiscal_years"), _("%(n)d期") % {"n": company.closed_fiscal_years}),
    ]


def _overview_rows(a: Application) -> list:
    activities = "\n".join(str(ActivityType(code).label) for code in a.activity_codes())
    plan_start = date_format(a.plan_start, "YEAR_MONTH_FORMAT") if a.plan_start else None
    period = years_label(a.period_years) if a.period_years else None
    return [
        (_label(Application, "theme"), a.theme),
        (_("新事業活動の類型"), activities),
        (_label(Application, "existing_business"), a.existing_business),
        (_label(Application, "content"), a.content),
        (_label(Application, "novelty"), a.novelty),
        (_label(Application, "plan_start"), plan_start),
        (_label(Application, "period_years"), period),
        (_label(Application, "rd_years"), years_label(a.rd_years)),
    ]


def summary(application: Application, *, editable: bool) -> list[Block]:
    def url(key):
        return section_url(application, key) if editable else None

    schedule = [
        (s.item, _("%(start)s 〜 %(end)s") % {"start": s.start, "end": s.end})
        for s in application.schedule.all()
    ]
    funding = [
        (FundingSource(f.source).label, _("%(amount)s千円") % {"amount": f"{f.amount:,}"})
        for f in application.funding.all()
    ]
    bodies = [str(SupportBody(c.body).label) for c in application.support_contacts.all()]
    support = [(_("連絡を希望する機関"), "\n".join(bodies))] if bodies else []
    return [
        Block(
            "company",
            _("企業情報"),
            url("company"),
            [(k, _or_missing(v)) for k, v in _company_rows(application.company)],
        ),
        Block(
            "overview",
            _("計画の概要"),
            url("overview"),
            [(k, _or_missing(v)) for k, v in _overview_rows(application)],
        ),
        Block(
            "figures",
            _("経営指標"),
            url("figures"),
            table=saved_table(application),
            empty=_("事業期間が選ばれていないため、表示できません。"),
        ),
        Block("schedule", _("実施計画"), url("schedule"), schedule, empty=_("項目がありません。")),
        Block("funding", _("資金計画"), url("funding"), funding, empty=_("入力されていません。")),
        Block(
            "support",
            _("関係機関への連絡希望"),
            url("support"),
            support,
            empty=_("希望する機関はありません。"),
        ),
    ]


def _figures_table(data: dict) -> dict | None:
    period = data.get("period_years")
    if not period:
        return None
    final_year = (data.get("rd_years") or 0) + period
    entries = {entry["year"]: entry for entry in data.get("figures") or ()}
    values = {
        year: {name: entries.get(year, {}).get(name) for name in YearFigures.INPUT_FIELDS}
        for year in [*OPTIONAL_YEARS, *range(0, final_year + 1)]
    }
    years = [y for y, v in values.items() if y >= 0 or any(x is not None for x in v.values())]
    return build_table(years, values, final_year)


def _funding_rows(data: dict) -> list:
    rows = []
    for entry in data.get("funding") or ():
        source = entry.get("source")
        label = FundingSource(source).label if source in FundingSource.values else source
        rows.append((label, diff.show_number(entry.get("amount"), "千円")))
    return rows


def snapshot_summary(data: dict) -> list[Block]:
    company = data.get("company") or {}
    company_rows = [
        (diff.company_label(name), show(company.get(name)))
        for name, show in diff.COMPANY_FIELDS.items()
    ]
    overview_rows = [
        (diff.overview_label(name), show(data.get(name)))
        for name, show in diff.OVERVIEW_FIELDS.items()
    ]
    schedule = [(e.get("item", ""), diff.period_label(e)) for e in data.get("schedule") or ()]
    support = diff.show_choices(data.get("support_contacts"), SupportBody)
    return [
        Block("company", _("企業情報"), None, company_rows),
        Block("overview", _("計画の概要"), None, overview_rows),
        Block(
            "figures",
            _("経営指標"),
            None,
            table=_figures_table(data),
            empty=_("事業期間が選ばれていないため、表示できません。"),
        ),
        Block("schedule", _("実施計画"), None, schedule, empty=_("項目がありません。")),
        Block("funding", _("資金計画"), None, _funding_rows(data), empty=_("入力されていません。")),
        Block("support", _("関係機関への連絡希望"), None, [(_("連絡を希望する機関"), support)]),
    ]
