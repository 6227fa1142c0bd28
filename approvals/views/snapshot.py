"""A submitted version as "check your answers" blocks, read from its frozen snapshot.

Staff judge what was submitted, not what the company profile says today: the blocks come from
``ApplicationVersion.data`` and show values exactly as ``approvals.diff`` does, so a value in
the summary and the same value in "what changed" always read alike.
"""

from django.utils.translation import gettext_lazy as _

from approvals import diff
from approvals.constants import FundingSource, SupportBody
from approvals.forms.figures import OPTIONAL_YEARS
from approvals.models import YearFigures
from approvals.views.figures_table import build_table
from approvals.views.summary import Block


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
