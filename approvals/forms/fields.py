"""Form fields for numbers and dates as Japanese applicants type them.

IMEs produce full-width digits (１２３), Japanese separators (１，２３４ / 1、234) and typographic
minus signs; financial statements write losses as ▲500 or △500. The fields accept all of these,
and say in Japanese what is wrong with anything else, so the applicant can fix that one cell.
"""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from approvals.identifiers import normalize_number

_INTEGER = re.compile(r"[+-]?\d+", re.ASCII)
_DECIMAL = re.compile(r"[+-]?\d*\.\d+", re.ASCII)
# 会計の慣習: ▲/△ before a number marks a negative amount.
_NEGATIVE_MARKS = ("▲", "△")
_YEAR_MONTH = re.compile(r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*月?", re.ASCII)


def numeric_input(**attrs) -> forms.TextInput:
    return forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", **attrs})


class LooseIntegerField(forms.Field):
    """An integer typed the Japanese way; None when left empty."""

    default_error_messages = {
        "invalid": _("半角・全角の数字で入力してください（例: 1,234）。"),
        "decimal": _("小数は入力できません。整数で入力してください。"),
        "max_digits": _("%(max_digits)d桁以内で入力してください。"),
        "min_value": _("%(min_value)d以上の数を入力してください。"),
    }

    def __init__(self, *, max_digits=12, min_value=None, **kwargs):
        self.max_digits = max_digits
        self.min_value = min_value
        kwargs.setdefault("widget", numeric_input())
        super().__init__(**kwargs)

    def to_python(self, value):
        text = normalize_number(value if isinstance(value, str) else str(value or ""))
        if text.startswith(_NEGATIVE_MARKS):
            text = "-" + text[1:]
        if not text:
            return None
        if _DECIMAL.fullmatch(text):
            raise ValidationError(self.error_messages["decimal"], code="decimal")
        if not _INTEGER.fullmatch(text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if len(text.lstrip("+-").lstrip("0")) > self.max_digits:
            raise ValidationError(
                self.error_messages["max_digits"],
                code="max_digits",
                params={"max_digits": self.max_digits},
            )
        number = int(text)
        if self.min_value is not None and number < self.min_value:
            raise ValidationError(
                self.error_messages["min_value"],
                code="min_value",
                params={"min_value": self.min_value},
            )
        return number


class YearMonthField(forms.Field):
    """A month typed as 2027-04, 2027/4 or ２０２７年４月; cleaned to the first day of the month."""

    default_error_messages = {
        "invalid": _("「2027年4月」のように、年（4桁）と月を入力してください。"),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        # Shown as the page's language writes a month (2027年4月, April 2027 → "2027-04" in
        # English, which the field reads back as well as every form above).
        if not isinstance(value, date):
            return value
        if get_language() == "en":
            return f"{value:%Y-%m}"
        return f"{value.year}年{value.month}月"

    def to_python(self, value):
        text = normalize_number(value if isinstance(value, str) else "")
        if not text:
            return None
        match = _YEAR_MONTH.fullmatch(text)
        if match is None or not 1 <= int(match[2]) <= 12:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return date(int(match[1]), int(match[2]), 1)
