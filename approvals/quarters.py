"""Quarters of a plan as the schedule (別表2) writes them: "1-1" is plan year 1, quarter 1.

Values are checked where they come in (the form's choices, the API's QuarterField, the model's
quarter_validator); these read a value already checked.
"""

from django.utils.translation import gettext as _


def quarter_key(value: str) -> tuple[int, int]:
    """(year, quarter), for ordering and for comparing with the plan's final year."""
    year, quarter = value.split("-")
    return int(year), int(quarter)


def quarter_label(value: str) -> str:
    """「2年目 第3四半期」."""
    year, quarter = quarter_key(value)
    return _("%(year)d年目 第%(quarter)d四半期") % {"year": year, "quarter": quarter}
