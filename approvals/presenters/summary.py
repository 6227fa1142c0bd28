"""The whole application as "check your answers": one block per section.

One presenter over the snapshot of an application (``selectors.application_snapshot``): the
application as it is now, for the submission page (with change links) and the applicant's
read-only page, or a submitted version's frozen copy (``ApplicationVersion.data``), for staff,
who judge what was submitted, not what the company profile says today. Values are shown as
``approvals.diff`` shows them, so a value in the summary and the same value in "what changed"
always read alike.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from approvals import diff, rules, selectors, terms
from approvals.constants import FundingSource, SupportBody
from approvals.presenters.figures_table import build_table
from approvals.presenters.tasklist import section_url


@dataclass
class Block:
    key: str
    title: str
    change_url: str | None
    rows: list = field(default_factory=list)  # (label, value)
    table: dict | None = None
    empty: str = ""


def summary(application, *, editable: bool) -> list[Block]:
    """The application as it is now; with change links to its sections while editable."""
    data = selectors.application_snapshot(application)
    change_url = (lambda key: section_url(application, key)) if editable else None
    return snapshot_summary(data, change_url=change_url)


def _figures_table(data: dict) -> dict | None:
    period = data.get("period_years")
    if not period:
        return None
    final_year = (data.get("rd_years") or 0) + period
    entries = {entry["year"]: entry for entry in data.get("figures") or ()}
    values = {
        year: {name: entries.get(year, {}).get(name) for name in terms.INPUT_FIGURES}
        for year in rules.table_years(final_year)
    }
    # The optional years before the base year only when something was entered for them.
    years = [y for y, v in values.items() if y >= 0 or any(x is not None for x in v.values())]
    return build_table(years, values, final_year)


def _funding_rows(data: dict) -> list:
    rows = []
    for entry in data.get("funding") or ():
        source = entry.get("source")
        label = FundingSource(source).label if source in FundingSource.values else source
        rows.append((label, diff.show_number(entry.get("amount"), terms.THOUSAND_YEN)))
    return rows


def snapshot_summary(data: dict, *, change_url: Callable | None = None) -> list[Block]:
    """The blocks of a snapshot; `change_url(section)` links each block to its section."""

    def url(key):
        return change_url(key) if change_url else None

    company = data.get("company") or {}
    company_rows = [
        (diff.company_label(name), show(company.get(name)))
        for name, show in diff.COMPANY_FIELDS.items()
    ]
    overview_rows = [
        (diff.overview_label(name), show(data.get(name)))
        for name, show in diff.OVERVIEW_FIELDS.items()
    ]
    start = data.get("plan_start")
    schedule = [
        (e.get("item", ""), diff.period_label(e, start)) for e in data.get("schedule") or ()
    ]
    bodies = data.get("support_contacts")
    support = [(_("連絡を希望する機関"), diff.show_choices(bodies, SupportBody))] if bodies else []
    return [
        Block("company", _("企業情報"), url("company"), company_rows),
        Block("overview", _("計画の概要"), url("overview"), overview_rows),
        Block(
            "figures",
            _("経営指標"),
            url("figures"),
            table=_figures_table(data),
            empty=_("事業期間が選ばれていないため、表示できません。"),
        ),
        Block("schedule", _("実施計画"), url("schedule"), schedule, empty=_("項目がありません。")),
        Block(
            "funding",
            _("資金計画"),
            url("funding"),
            _funding_rows(data),
            empty=_("入力されていません。"),
        ),
        Block(
            "support",
            _("関係機関への連絡希望"),
            url("support"),
            support,
            empty=_("希望する機関はありません。"),
        ),
    ]
