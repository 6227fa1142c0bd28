"""Serializer fields for values as the plan's forms write them: months, quarters, 千円 amounts."""

import re
from datetime import date

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from approvals.identifiers import POSTAL_CODE_PATTERN, normalize_number

# 千円: a trillion yen is far beyond any SME plan and well inside a BigIntegerField.
AMOUNT_LIMIT = 10**9
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)
_QUARTER = re.compile(r"(10|[1-9])-([1-4])", re.ASCII)


# The years the field accepts (2000–2100) and real months, in ASCII digits as it reads them.
@extend_schema_field(
    {
        "type": "string",
        "pattern": r"^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])$",
        "example": "2027-04",
    }
)
class YearMonthField(serializers.Field):
    """`"YYYY-MM"` in and out; stored as the first day of that month."""

    default_error_messages = {
        "invalid": _("「2027-04」（年-月）の形式で入力してください。"),
    }

    def to_internal_value(self, data):
        match = _YEAR_MONTH.fullmatch(data) if isinstance(data, str) else None
        if match is None:
            self.fail("invalid")
        year, month = int(match[1]), int(match[2])
        if not (2000 <= year <= 2100 and 1 <= month <= 12):
            self.fail("invalid")
        return date(year, month, 1)

    def to_representation(self, value):
        return value.strftime("%Y-%m")


@extend_schema_field({"type": "string", "pattern": r"^(10|[1-9])-[1-4]$", "example": "1-1"})
class QuarterField(serializers.CharField):
    """A quarter of the plan, `"year-quarter"`: "1-1" is the first quarter of plan year 1."""

    default_error_messages = {
        "invalid": _("「1-1」（1年目第1四半期）の形式で入力してください。"),
    }

    def to_internal_value(self, data):
        value = super().to_internal_value(data).strip()
        if not _QUARTER.fullmatch(value):
            self.fail("invalid")
        return value


@extend_schema_field({"type": "string", "pattern": POSTAL_CODE_PATTERN, "example": "2310023"})
class PostalCodeField(serializers.CharField):
    """A postal code as typed ("231-0023", "２３１００２３"); the serializer normalizes it."""


@extend_schema_field(OpenApiTypes.INT)
class AmountField(serializers.IntegerField):
    """An integer amount in 千円; typed forms such as "１，２３４" are accepted as 1234."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", -AMOUNT_LIMIT)
        kwargs.setdefault("max_value", AMOUNT_LIMIT)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str) and len(data) <= self.MAX_STRING_LENGTH:
            data = normalize_number(data)
        return super().to_internal_value(data)
