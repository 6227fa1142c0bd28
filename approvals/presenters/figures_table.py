"""Presenter of the 経営指標 table (別表3): columns by year, input and derived rows, live check.

The derived values and the check are computed by ``approvals.rules`` from whatever the form
holds — saved values on GET, the typed (unsaved) values on a preview — so the page shows
exactly what the reviewer's check will compute once saved.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from approvals import rules, selectors
from approvals.forms.figures import field_name, plan_years, year_label
from approvals.models import YearFigures

DERIVED = "derived"
ROWS = (
    "sales",
    "cost_of_sales",
    ("gross_profit", _("売上総利益")),
    "sga",
    ("operating_profit", _("営業利益")),
    "non_operating_expenses",
    ("ordinary_profit", _("経常利益")),
    "personnel_cost",
    "depreciation",
    ("value_added", _("付加価値額")),
    "employees",
    ("value_added_per_employee", _("一人当たり付加価値額")),
    "total_salary",
    "capex",
    "working_capital",
)
_UNITS = {"employees": _("人"), "value_added_per_employee": _("千円/人")}


@dataclass(frozen=True)
class Column:
    year: int
    label: str
    optional: bool


@dataclass(frozen=True)
class Cell:
    year: int
    id: str
    value: str
    field: object = None  # the BoundField of an input cell


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    unit: str
    derived: bool
    cells: list


def _display(value) -> str:
    return "—" if value is None else f"{value:,}"


def _row(key, label, derived, columns, figures, form):
    cells = []
    for column in columns:
        year = column.year
        if derived:
            value = getattr(figures[year], key)
            cells.append(Cell(year, f"derived-{year}-{key}", _display(value)))
        else:
            name = field_name(year, key)
            field = form[name] if form is not None else None
            value = "" if form is not None else _display(getattr(figures[year], key))
            cells.append(Cell(year, f"id_{name}", value, field))
    return Row(key, label, _UNITS.get(key, _("千円")), derived, cells)


def build_table(years, values: dict[int, dict], final_year, form=None) -> dict:
    """Columns and rows; with ``form`` the input rows carry its fields, else the values."""
    columns = [Column(y, year_label(y, final_year), y < 0) for y in years]
    figures = {y: rules.Figures(year=y, **values.get(y, {})) for y in years}
    rows = []
    for entry in ROWS:
        key, label = entry if isinstance(entry, tuple) else (entry, None)
        label = label or YearFigures._meta.get_field(key).verbose_name
        rows.append(_row(key, label, isinstance(entry, tuple), columns, figures, form))
    return {"columns": columns, "rows": rows, "derived_rows": [r for r in rows if r.derived]}


def check_typed(application, values: dict[int, dict]) -> rules.CheckResult:
    """The self-check on typed, unsaved figures, as a submission today would judge them."""
    final = application.final_year
    plan = rules.Plan(
        period_years=application.period_years,
        rd_years=application.rd_years,
        activity_types=tuple(application.activity_codes()),
        figures=tuple(
            rules.Figures(year=y, **v) for y, v in values.items() if final is None or y <= final
        ),
    )
    return rules.check_plan(
        plan,
        application.company.facts(),
        on=selectors.today(),
        prefecture=settings.KAKUSHIN_PREFECTURE,
    )


def saved_values(application, years) -> dict[int, dict]:
    rows = {r.year: r for r in application.figures.all()}
    return {
        y: {
            name: getattr(rows[y], name) if y in rows else None for name in YearFigures.INPUT_FIELDS
        }
        for y in years
    }


def saved_table(application) -> dict | None:
    """The read-only table of the saved figures, for the summary pages."""
    values = saved_values(application, plan_years(application))
    # The optional years before the base year only when something was entered for them.
    years = [y for y, v in values.items() if y >= 0 or any(x is not None for x in v.values())]
    if not years:
        return None
    return build_table(years, values, application.final_year)
