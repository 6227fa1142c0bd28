"""API errors in the contract's shape: `{"detail": "...", "errors": {field: [messages]}}`.

Every error a client can cause ends here as a 4xx with that shape, never a 500: domain errors
(`ApplicationError`) are conflicts (409), validation errors from serializers or from a model's
`full_clean` are 400, unreadable JSON is 400. Nested errors (a figure in a list of figures) are
flattened into messages under their top-level field, prefixed with where they occurred, so
`errors` always maps a contract field name to a list of strings.

A refusal of the separation of duties or of a task (`NotPermitted`) is 403, a missing
comment (`CommentRequired`) is 400 on `comment`, and a domain error that asks the client to
come back (`retry_after`, e.g. a busy flow lock in workflow.services) carries `Retry-After`.
A view that cannot answer just now raises `Unavailable` (503).

Project-wide, so it knows no app's internals beyond approvals' domain errors, which every
app's errors build on; the apps' API modules raise `Conflict` and `Unavailable` from here. The
pieces that know no app at all (the error body's schema, the JSON parser, OPTIONS) are in
config.rest, which accounts, below approvals, may use too.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from approvals.errors import ApplicationError, ApplicationGone, CommentRequired, NotPermitted
from config.rest import TooDeep

NON_FIELD = "non_field_errors"
# One message for "absent" and "not yours": a 404 must not tell them apart.
NOT_FOUND = _("見つかりません。")
TOO_LARGE = _("リクエストが大きすぎるか、項目が多すぎます。分けて送ってください。")


class Conflict(exceptions.APIException):
    """409 raised by a view: the request is well-formed but the current state refuses it."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = _("現在の状態ではこの操作を行えません。")
    default_code = "conflict"

    def __init__(self, detail=None, errors=None, extra=None):
        super().__init__(detail)
        self.errors = errors or {}
        self.extra = extra or {}  # further top-level keys of the body (e.g. who decided)


class Unavailable(exceptions.APIException):
    """503: the answer could not be made just now (e.g. a PDF); the client may try again."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = _("ただいま処理できません。時間をおいてもう一度お試しください。")
    default_code = "unavailable"


def exception_handler(exc, context):
    if isinstance(exc, NotPermitted):
        exc = exceptions.PermissionDenied(exc.message)
    elif isinstance(exc, ApplicationGone):
        exc = exceptions.NotFound(exc.message)
    elif isinstance(exc, CommentRequired):
        exc = exceptions.ValidationError({"comment": [exc.message]})
    elif isinstance(exc, ApplicationError):
        # The reasons go into `detail` as well, for clients that only show `detail`.
        errors = {NON_FIELD: exc.reasons} if exc.reasons else {}
        retry_after = getattr(exc, "retry_after", None)
        return Response(
            {"detail": " ".join([exc.message, *exc.reasons]), "errors": errors},
            status=status.HTTP_409_CONFLICT,
            headers={"Retry-After": str(retry_after)} if retry_after else None,
        )
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_django_messages(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(NOT_FOUND)
    elif isinstance(exc, exceptions.ParseError) and not isinstance(exc, TooDeep):
        exc = exceptions.ParseError(
            _("リクエストの本文を読み取れません（JSONの形式が正しくありません）。")
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = flatten(exc.detail)
        response.data = {"detail": _validation_summary(errors), "errors": errors}
    elif isinstance(exc, Conflict):
        response.data = {
            "detail": response.data["detail"],
            "errors": flatten(exc.errors),
            **exc.extra,
        }
    elif isinstance(response.data, dict) and "detail" in response.data:
        response.data = {"detail": response.data["detail"], "errors": {}}
    return response


def _validation_summary(errors: dict[str, list[str]]) -> str:
    """A one-line `detail` naming the first problem, for clients that show only `detail`."""
    located = [
        message if field == NON_FIELD or message.startswith(field) else f"{field}: {message}"
        for field, messages in errors.items()
        for message in messages
    ]
    summary = str(_("入力内容に誤りがあります。"))
    if not located:
        return summary
    more = len(located) - 1
    suffix = str(_("（ほか%(n)d件）")) % {"n": more} if more else ""
    return f"{summary}{located[0]}{suffix}"


def _django_messages(exc: DjangoValidationError):
    return exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD: exc.messages}


def flatten(detail) -> dict[str, list[str]]:
    """`{field: [messages]}` from DRF's error detail, however deeply nested."""
    if not isinstance(detail, dict):
        detail = {NON_FIELD: detail}
    return {str(field): _messages(errors, str(field), top=True) for field, errors in detail.items()}


def _messages(errors, where: str, top: bool = False) -> list[str]:
    """Messages of one field; below the top level each says where: `figures[1].sales: ...`."""
    if isinstance(errors, dict):
        return [
            message
            for key, value in errors.items()
            for message in _messages(value, _join(where, key))
        ]
    if isinstance(errors, list | tuple):
        if all(not isinstance(e, dict | list | tuple) for e in errors):
            return [str(e) if top else f"{where}: {e}" for e in errors]
        return [
            message
            for index, value in enumerate(errors)
            for message in _messages(value, _join(where, index))
        ]
    return [str(errors) if top else f"{where}: {errors}"]


def _join(where: str, key) -> str:
    if key == NON_FIELD:
        return where
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}"
