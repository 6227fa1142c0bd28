"""経営指標 (別表3): one text input per year and figure, named e.g. ``y0-sales``.

Derived rows (売上総利益, 付加価値額 …) are never inputs. The table is saved all or nothing: one
cell the form cannot read keeps every other cell unsaved too, so the applicant never ends up
with half a table and a plan judged on it.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from approvals import terms
from approvals.forms.fields import LooseIntegerField

INPUT_FIELDS = terms.INPUT_FIGURES


def field_name(year: int, name: str) -> str:
    return f"y{year}-{name}"


def _cell_field(year, name, final_year):
    label = _("%(figure)s（%(year)s）") % {
        "figure": terms.FIGURE[name].label,
        "year": terms.year_label(year, final_year),
    }
    if name == "employees":
        field = LooseIntegerField(label=label, required=False, min_value=0, max_digits=7)
        field.error_messages["decimal"] = _("従業員数は整数（人）で入力してください。")
        field.widget.attrs["data-count"] = ""
        unit = terms.label(terms.PERSONS)
    else:
        field = LooseIntegerField(label=label, required=False, max_digits=12)
        field.error_messages["decimal"] = _("千円単位の整数で入力してください。")
        # static/js/money.js: the 円 echo under the box and separators on leaving it.
        field.widget.attrs["data-money"] = ""
        unit = terms.label(terms.THOUSAND_YEN)
    field.widget.attrs["aria-label"] = _("%(label)s（単位: %(unit)s）") % {
        "label": label,
        "unit": unit,
    }
    return field


class FiguresForm(forms.Form):
    def __init__(self, *args, years, final_year=None, fixed_years=frozenset(), **kwargs):
        """`fixed_years`: shown but not editable (a change keeps the approved base years);
        what is posted for them is ignored and their saved values stand."""
        super().__init__(*args, **kwargs)
        self.years = list(years)
        for year in self.years:
            for name in INPUT_FIELDS:
                field = _cell_field(year, name, final_year)
                field.disabled = year in fixed_years
                self.fields[field_name(year, name)] = field

    @staticmethod
    def initial_from(rows) -> dict:
        return {
            field_name(row.year, name): getattr(row, name) for row in rows for name in INPUT_FIELDS
        }

    def values(self) -> dict[int, dict]:
        """{year: {figure: int | None}}: the saved values for an unbound form, else what could be
        read from the input (a cell with an error counts as empty, for the live preview)."""
        if self.is_bound:
            self.is_valid()
            source = self.cleaned_data
        else:
            source = self.initial
        return {
            year: {name: source.get(field_name(year, name)) for name in INPUT_FIELDS}
            for year in self.years
        }

    def rows_to_save(self, existing_years) -> dict[int, dict]:
        """Years with a value, plus years already stored (so that clearing a year clears it)."""
        return {
            year: values
            for year, values in self.values().items()
            if year in existing_years or any(v is not None for v in values.values())
        }
