"""Presenter of the 経営指標 table (別表3): columns by year, input and derived rows, live check.

The derived values and the check are computed by ``approvals.rules`` from whatever the form
holds — saved values on GET, the typed (unsaved) values on a preview — so the page shows
exactly what the reviewer's check will compute once saved.
"""

from dataclasses import dataclass

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
    return Row(key, figure.label, figure.unit_label, figure.derived, cells)


def build_table(years, values: dict[int, dict], final_year, form=None) -> dict:
    """Columns and rows; with ``form`` the input rows carry its fields, else the values."""
    columns = [Column(y, terms.year_label(y, final_year), y < 0) for y in years]
    figures = {y: rules.Figures(year=y, **values.get(y, {})) for y in years}
    rows = [_row(figure, columns, figures, form) for figure in terms.FIGURES]
    return {"columns": columns, "rows": rows, "derived_rows": [r for r in rows if r.derived]}
