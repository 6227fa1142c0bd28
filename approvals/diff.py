"""What changed between two submitted versions of a plan (補正 → 再提出), item by item.

The input is two frozen snapshots (``ApplicationVersion.data``, written by
``selectors.application_snapshot``); the output is one ``Change`` per changed item, with the
Japanese label a reviewer knows from the form and both values as they are shown on screen.
Figures are compared per year and per row (derived rows included, marked 自動計算), the schedule
item by item, funding per source, and ticked lists (activity types, support bodies) as sets, so
that reordering alone is not a change. Pure: no database, no settings, no clock.
"""

from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal, InvalidOperation

from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from approvals import terms
from approvals.constants import ActivityType, FundingSource, Industry, LegalForm, SupportBody
from approvals.identifiers import format_postal_code
from approvals.models import Application, Company


@dataclass(frozen=True)
class Change:
    section: str
    field_label: str
    old: str
    new: str
    # The item's key (a field name, a figure's key, a funding source; "" for a schedule item)
    # and, for figures, the plan year: the 新旧対照表 of a change gives them to API clients.
    field: str = dataclass_field(default="", compare=False)
    year: int | None = dataclass_field(default=None, compare=False)


def _label(model, name) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _not_entered() -> str:
    return terms.label(terms.NOT_ENTERED)


def show_number(value, unit: str = "") -> str:
    """1,234千円; `unit` is a term of approvals.terms (translated) or a plain suffix."""
    if value in (None, ""):
        return _not_entered()
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return terms.with_unit(f"{number:,}", unit)


def show_text(value) -> str:
    return _not_entered() if value in (None, "") else str(value)


def show_choices(codes, choices) -> str:
    """A ticked list in the order of its choices, so reordering is no change."""
    chosen = set(codes or ())
    labels = [str(label) for value, label in choices.choices if value in chosen]
    labels += sorted(code for code in chosen if code not in choices.values)
    return "、".join(labels) or terms.label(terms.NONE)


def show_date(iso) -> str:
    if not iso:
        return _not_entered()
    parts = [int(p) for p in str(iso).split("-")]
    return "".join(f"{n}{unit}" for n, unit in zip(parts, ("年", "月", "日"), strict=False))


def show_postal(value) -> str:
    try:
        return format_postal_code(value) if value else _not_entered()
    except ValueError:
        return str(value)


def show_years(value) -> str:
    return _not_entered() if value in (None, "") else terms.years_label(int(value))


COMPANY_FIELDS = {
    "name": show_text,
    "legal_form": lambda v: show_choices([v] if v else [], LegalForm),
    "corporate_number": show_text,
    "representative_title": show_text,
    "representative_name": show_text,
    "postal_code": show_postal,
    "prefecture": show_text,
    "municipality": show_text,
    "address": show_text,
    "region": lambda v: str(v) if v else _("県外・判定できません"),
    "phone": show_text,
    "email": show_text,
    "industry": lambda v: show_choices([v] if v else [], Industry),
    "capital": lambda v: show_number(v, terms.YEN),
    "employees": lambda v: show_number(v, terms.PERSONS),
    "fiscal_year_end_month": lambda v: str(MONTHS[int(v)]) if v else _not_entered(),
    "founded_on": show_date,
    "closed_fiscal_years": lambda v: show_number(v, "期"),
}
OVERVIEW_FIELDS = {
    "theme": show_text,
    "activity_types": lambda v: show_choices(v, ActivityType),
    "existing_business": show_text,
    "content": show_text,
    "novelty": show_text,
    "plan_start": show_date,
    "period_years": show_years,
    "rd_years": show_years,
}


def _fields(section, fields: dict, old: dict, new: dict, label_of) -> list[Change]:
    changes = []
    for name, show in fields.items():
        before, after = show(old.get(name)), show(new.get(name))
        if before != after:
            changes.append(Change(section, label_of(name), before, after, field=name))
    return changes


def _row_label(key: str) -> str:
    figure = terms.FIGURE[key]
    if figure.derived:
        return _("%(row)s（自動計算）") % {"row": figure.label}
    return figure.label


def _figures(old: list, new: list) -> list[Change]:
    before = {entry["year"]: entry for entry in old or ()}
    after = {entry["year"]: entry for entry in new or ()}
    changes = []
    for year in sorted(before.keys() | after.keys()):
        for figure in terms.FIGURES:
            a = show_number(before.get(year, {}).get(figure.key), figure.unit)
            b = show_number(after.get(year, {}).get(figure.key), figure.unit)
            if a != b:
                label = f"{terms.year_label(year)} {_row_label(figure.key)}"
                changes.append(Change(_("経営指標"), label, a, b, field=figure.key, year=year))
    return changes


def period_label(entry, plan_start=None) -> str:
    """The period of a schedule item, in calendar months when the plan's start is known."""
    return terms.schedule_period(entry.get("start"), entry.get("end"), plan_start)


def _schedule(old: list, new: list, old_start=None, new_start=None) -> list[Change]:
    """Items matched by their name: a new period is a change, a new name is removed + added.

    Periods are compared by their quarters and shown in each version's months, so a new plan
    start (shown as a change of its own) does not make every item look changed."""
    section = _("実施計画")
    remaining = defaultdict(list)
    for entry in old or ():
        quarters = (entry.get("start"), entry.get("end"))
        remaining[entry.get("item", "")].append((quarters, period_label(entry, old_start)))
    changes = []
    for entry in new or ():
        item, period = entry.get("item", ""), period_label(entry, new_start)
        quarters = (entry.get("start"), entry.get("end"))
        periods = remaining[item]
        same = next((p for p in periods if p[0] == quarters), None)
        if same is not None:
            periods.remove(same)
        elif periods:
            changes.append(Change(section, item, periods.pop(0)[1], period))
        else:
            changes.append(Change(section, item, terms.label(terms.NONE), period))
    removed = terms.label(terms.REMOVED)
    for item, periods in remaining.items():
        changes.extend(Change(section, item, period, removed) for _quarters, period in periods)
    return changes


def _funding(old: list, new: list) -> list[Change]:
    def totals(entries):
        sums = defaultdict(int)
        for entry in entries or ():
            sums[entry.get("source")] += int(entry.get("amount") or 0)
        return sums

    before, after = totals(old), totals(new)
    section = _("資金計画")
    changes = []
    known = FundingSource.values
    unknown = sorted((before.keys() | after.keys()) - set(known), key=str)
    for source in [*known, *unknown]:
        a, b = before.get(source), after.get(source)
        if a != b:
            label = str(FundingSource(source).label) if source in known else str(source)
            changes.append(
                Change(section, label, _funding_amount(a), _funding_amount(b), field=str(source))
            )
    total_a, total_b = sum(before.values()), sum(after.values())
    if changes and total_a != total_b:
        changes.append(
            Change(section, _("合計"), _funding_amount(total_a), _funding_amount(total_b))
        )
    return changes


def _funding_amount(amount) -> str:
    """A source's total, or （なし） where the plan has no such source."""
    return terms.label(terms.NONE) if amount is None else show_number(amount, terms.THOUSAND_YEN)


def company_label(name: str) -> str:
    return _label(Company, name)


def overview_label(name: str) -> str:
    if name == "activity_types":
        return _("新事業活動の類型")
    return _label(Application, name)


def version_diff(old: dict, new: dict) -> list[Change]:
    """Every difference between two version snapshots, in the order of the application form."""
    changes = _fields(
        _("企業情報"),
        COMPANY_FIELDS,
        old.get("company") or {},
        new.get("company") or {},
        company_label,
    )
    changes += _fields(_("計画の概要"), OVERVIEW_FIELDS, old, new, overview_label)
    changes += _figures(old.get("figures"), new.get("figures"))
    changes += _schedule(
        old.get("schedule"), new.get("schedule"), old.get("plan_start"), new.get("plan_start")
    )
    changes += _funding(old.get("funding"), new.get("funding"))
    support = show_choices(old.get("support_contacts"), SupportBody)
    support_new = show_choices(new.get("support_contacts"), SupportBody)
    if support != support_new:
        label = _("連絡を希望する機関")
        changes.append(Change(_("関係機関への連絡希望"), label, support, support_new))
    ack = (bool(old.get("acknowledged_failures")), bool(new.get("acknowledged_failures")))
    if ack[0] != ack[1]:
        yes_no = {True: _("確認して提出"), False: _("なし")}
        label = _label(Application, "acknowledged_failures")
        changes.append(Change(_("提出時の確認"), label, yes_no[ack[0]], yes_no[ack[1]]))
    return changes
