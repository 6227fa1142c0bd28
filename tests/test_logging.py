"""Log lines for operations: each request has an id (the caller's X-Request-ID when
well-formed, else a new one) that the response echoes and every line written for it carries,
with the signed-in user's numeric id and never their name or address; in JSON, one object a
line."""

import io
import json
import logging

import pytest
from pythonjsonlogger.json import JsonFormatter

from config import logs


@pytest.fixture
def json_lines():
    """The lines the production handler writes (the JSON formatter and the request filter of
    config.logs) while the test runs, parsed."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    options = {k: v for k, v in logs.formatters()["json"].items() if k != "()"}
    handler.setFormatter(JsonFormatter(**options))
    handler.addFilter(logs.RequestContextFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)


def test_a_well_formed_request_id_is_echoed(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-3f2a9c1e-0001")
    assert response["X-Request-ID"] == "lb-3f2a9c1e-0001"


@pytest.mark.parametrize(
    "sent", ["", "two words", "x" * 129, 'forged"}\n{"level": "INFO', "日本語"]
)
def test_a_missing_or_malformed_request_id_is_replaced_by_a_new_one(client, sent):
    headers = {"HTTP_X_REQUEST_ID": sent} if sent else {}
    first = client.get("/healthz", **headers)["X-Request-ID"]
    second = client.get("/healthz", **headers)["X-Request-ID"]
    assert first != sent and second != sent
    assert first != second
    assert logs.WELL_FORMED_ID.fullmatch(first)


def test_a_log_line_carries_the_request_id_and_the_user_id_but_no_address(
    client, applicant, json_lines
):
    client.force_login(applicant)
    response = client.get("/portal/applications/987654/", HTTP_X_REQUEST_ID="req-abc-123")
    assert response.status_code == 404
    lines = [line for line in json_lines() if line["request_id"] == "req-abc-123"]
    assert lines, json_lines()
    not_found = next(line for line in lines if line["logger"] == "django.request")
    assert not_found["user_id"] == applicant.pk
    assert not_found["level"] == "WARNING"
    assert "/portal/applications/987654/" in not_found["message"]
    assert not_found["timestamp"]
    for line in lines:
        text = json.dumps(line, ensure_ascii=False)
        assert applicant.email not in text
        assert applicant.username not in text


def test_a_signed_out_request_logs_no_user(client, db, json_lines):
    client.get("/no-such-page/", HTTP_X_REQUEST_ID="req-anon-1")
    line = next(line for line in json_lines() if line["request_id"] == "req-anon-1")
    assert line["user_id"] is None


def test_lines_between_requests_belong_to_none(client, json_lines):
    client.get("/healthz", HTTP_X_REQUEST_ID="req-done-1")
    logging.getLogger("kakushin.test").warning("after the request")
    line = next(line for line in json_lines() if line["message"] == "after the request")
    assert line["request_id"] is None
    assert line["user_id"] is None


def test_a_json_line_is_one_valid_object_even_with_a_newline_and_japanese(json_lines):
    logging.getLogger("kakushin.test").warning("一行目\n二行目 %s", "申請")
    (line,) = [line for line in json_lines() if line["logger"] == "kakushin.test"]
    assert line["message"] == "一行目\n二行目 申請"
    assert set(line) >= {"timestamp", "level", "logger", "message", "request_id", "user_id"}


def test_the_log_format_is_chosen_by_name():
    assert logs.logging_config(fmt="json", level="INFO")["handlers"]["console"]["formatter"] == (
        "json"
    )
    with pytest.raises(ValueError, match="LOG_FORMAT"):
        logs.logging_config(fmt="yaml", level="INFO")
