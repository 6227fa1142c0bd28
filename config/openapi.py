"""The OpenAPI schema's generator: drf-spectacular's, documenting the errors of the framework
on each operation (a module of its own: settings name it, and it imports DRF's settings)."""

from drf_spectacular import openapi
from rest_framework.permissions import AllowAny

from config.rest import ErrorSerializer


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, with the errors DRF answers around any view documented on
    each operation that can get them (in the error shape), beside the view's own
    (`error_responses`), so a client, and the schema fuzz (tests/api/test_schema_fuzz.py),
    find every status the server can send:

    - 400 where a body is read (unreadable JSON, too deep, too large) — its fields' errors too;
    - 401 where a token is read: a wrong, expired or ended token (knox), even on public reads;
    - 403 where a permission other than AllowAny is checked (and the session's CSRF check);
    - 404 where the path names an object, and on paginated lists (a page past the end);
    - 415 where a body is read in a media type the view does not parse;
    - 429 where a throttle counts the request.

    An optional query parameter may also be sent empty (`?status=`, `?page=`): DRF reads an
    empty value as an absent one, and the schema says so (`allowEmptyValue`).

    `_get_parameters` and `_get_response_bodies` are drf-spectacular's (0.30) own steps
    building an operation's parameters and responses.
    """

    def _get_parameters(self):
        parameters = super()._get_parameters()
        for parameter in parameters:
            if parameter["in"] == "query" and not parameter.get("required"):
                parameter["allowEmptyValue"] = True
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self.framework_errors():
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(
                    ErrorSerializer, str(code), direction=direction
                )
        return responses

    def framework_errors(self) -> list[int]:
        view = self.view
        reads_body = self.method in ("POST", "PUT", "PATCH") and bool(self.get_request_serializer())
        paginated = self._is_list_view() and self._get_paginator() is not None
        guarded = any(not isinstance(p, AllowAny) for p in view.get_permissions())
        checks = {
            400: reads_body,
            401: bool(view.get_authenticators()),
            403: guarded,
            404: "{" in self.path or (self.method == "GET" and paginated),
            415: reads_body,
            429: bool(view.get_throttles()),
        }
        return [code for code, applies in checks.items() if applies]
