"""The API's building blocks that know no app: the schema of the error body every error
response has (`error_responses` for `extend_schema`; config.openapi documents on every
operation the errors DRF itself answers), the JSON parser refusing bodies nested deeper than
the contract, and OPTIONS answered without introspecting serializers. The error handler that
fills the body is config.api."""

from datetime import date

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, parsers, serializers
from rest_framework.metadata import SimpleMetadata

MAX_JSON_DEPTH = 16  # the deepest body of the contract is 3 (a figure in a list in the plan)


TOO_DEEP = _("リクエストの本文の入れ子が深すぎます。")


class TooDeep(exceptions.ParseError):
    default_detail = TOO_DEEP


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing (400) a body nested deeper than any the contract knows: a
    deeply nested array made json and the serializers recurse until Python gave up (500)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise TooDeep from error
        if _depth(data) > MAX_JSON_DEPTH:
            raise TooDeep
        return data


def _depth(data) -> int:
    """How deep lists and objects nest in `data`, counted without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, depth)
            if depth > MAX_JSON_DEPTH:
                return depth
            stack.extend((item, depth + 1) for item in value)
    return deepest


class PlainMetadata(SimpleMetadata):
    """OPTIONS answers what the endpoint is and what it reads and writes, never its fields:
    DRF's default builds the serializer of each write (reading the object first), which for a
    view without a queryset is a 500 and elsewhere tells more than the schema does."""

    def determine_actions(self, request, view):
        return {}


class ErrorSerializer(serializers.Serializer):
    """The body of every error response (for the schema)."""

    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


def error_responses(*codes: int) -> dict:
    """`extend_schema(responses=...)` entries documenting the error shape for these codes."""
    return {code: ErrorSerializer for code in codes}


def on_or_after(day: date) -> str:
    """A pattern of the ISO dates (`YYYY-MM-DD`, with `format: date`) on or after `day`: JSON
    Schema bounds numbers, not dates, so the bound is spelled digit by digit."""
    year, month, dom = f"{day.year:04d}", f"{day.month:02d}", f"{day.day:02d}"
    later_years = "|".join(_greater(year))
    later_months = "|".join(_greater(month))
    same_or_later_days = "|".join([dom, *_greater(dom)])
    return (
        f"^(?:(?:{later_years})-[0-9]{{2}}-[0-9]{{2}}"
        f"|{year}-(?:{later_months})-[0-9]{{2}}"
        f"|{year}-{month}-(?:{same_or_later_days}))$"
    )


def _greater(digits: str) -> list[str]:
    """Alternatives matching the strings of as many digits that are greater than `digits`."""
    return [
        f"{digits[:i]}[{int(d) + 1}-9]"
        + (f"[0-9]{{{len(digits) - i - 1}}}" if i < len(digits) - 1 else "")
        for i, d in enumerate(digits)
        if d != "9"
    ]
