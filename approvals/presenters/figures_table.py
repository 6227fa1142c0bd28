"""Presenter of the 経営指標 table (別表3): columns by year, input and derived rows, live check.

The derived values and the check are computed by ``approvals.rules`` from whatever the form
holds — saved values on GET, the typed (unsaved) values on a preview — so the page shows
exactly what the reviewer's check will compute once saved.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from approvals import rules, terms
from approvals.forms.figures import field_name


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
    formula: str = ""

    @property
    def is_amount(self) -> bool:
        """An amount in 千円 (the rows that get the 千円 suffix and the 円 echo)."""
        return self.unit == terms.label(terms.THOUSAND_YEN)


@dataclass(frozen=True)
class YearSection:
    """One year of the table as the editor lays it out on a phone: its column and its cells."""

    column: Column
    items: list  # (Row, Cell)


# How the computed rows are computed, shown next to them (as the official form's notes do).
FORMULAS = {
    "gross_profit": _("売上総利益＝売上高－売上原価"),
    "operating_profit": _("営業利益＝売上総利益－販売費及び一般管理費"),
    "ordinary_profit": _("経常利益＝営業利益－営業外費用"),
    "value_added": _("付加価値額＝営業利益＋人件費＋減価償却費"),
    "value_added_per_employee": _("一人当たり付加価値額＝付加価値額÷従業員数"),
}


def _display(value) -> str:
    return terms.EMPTY_CELL if value is None else f"{value:,}"


def _row(figure: terms.Figure, columns, figures, form) -> Row:
    key, cells = figure.key, []
    for column in columns:
        year = column.year
        if figure.derived:
            value = getattr(figures[year], key)
            cells.append(Cell(year, f"derived-{year}-{key}", _display(value)))
        else:
            name = field_name(year, key)
            field = form[name] if form is not None else None
            value = "" if form is not None else _display(getattr(figures[year], key))
            cells.append(Cell(year, f"id_{name}", value, field))
    formula = str(FORMULAS.get(key, ""))
    return Row(key, figure.label, figure.unit_label, figure.derived, cells, formula)


def build_table(years, values: dict[int, dict], final_year, form=None) -> dict:
    """Columns and rows; with ``form`` the input rows carry its fields, else the values."""
    columns = [Column(y, terms.year_label(y, final_year), y < 0) for y in years]
    figures = {y: rules.Figures(year=y, **values.get(y, {})) for y in years}
    rows = [_row(figure, columns, figures, form) for figure in terms.FIGURES]
    sections = [
        YearSection(column, [(row, row.cells[i]) for row in rows])
        for i, column in enumerate(columns)
    ]
    return {
        "columns": columns,
        "rows": rows,
        "derived_rows": [r for r in rows if r.derived],
        "years": [s for s in sections if not s.column.optional],
        "past_years": [s for s in sections if s.column.optional],
    }
