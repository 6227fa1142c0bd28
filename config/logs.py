"""Logging: readable lines in development, one JSON object a line in production.

Every record carries the request it was written for (`request_id`: the caller's `X-Request-ID`
when it is well-formed, else a new one; the response echoes it) and the signed-in user's
numeric id (`user_id`, never a name or an address: logs hold no personal data). Both live in
context variables that `RequestContextMiddleware` sets for each request; gunicorn's access log
reads them from the WSGI environ instead, since it writes after the response has gone.

Django-free on purpose: `config/gunicorn.py` builds gunicorn's logging from here before any
setting is read.
"""

import logging
import re
import uuid
from contextvars import ContextVar

from pythonjsonlogger.core import RESERVED_ATTRS

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
user_id: ContextVar[int | None] = ContextVar("user_id", default=None)

# Where the access log finds both in the WSGI environ (request.META is that dict).
ENVIRON_REQUEST_ID = "kakushin.request_id"
ENVIRON_USER_ID = "kakushin.user_id"

# A caller's id is kept when it looks like one (a UUID, a load balancer's trace id): letters,
# digits and -_.: only, at most 128; anything else could forge log lines or fill the disk.
WELL_FORMED_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def request_id_from(header: str | None) -> str:
    """The caller's request id when well-formed, otherwise a fresh one."""
    if header and WELL_FORMED_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


class RequestContextFilter(logging.Filter):
    """Adds `request_id` and `user_id` to every record (None outside a request)."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        if not hasattr(record, "user_id"):
            record.user_id = user_id.get()
        return True


# The fields every JSON line starts with; a record's `extra` fields follow. Django's
# `django.request` passes the request object itself as extra: left out (its repr holds the
# query string, which may hold an address).
JSON_FIELDS = ["levelname", "name", "message", "request_id", "user_id"]
JSON_RENAMED = {"levelname": "level", "name": "logger"}
JSON_LEFT_OUT = [*RESERVED_ATTRS, "request", "taskName", "color_message"]

TEXT_FORMAT = "%(levelname)s %(name)s: %(message)s"


def formatters() -> dict:
    return {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": JSON_FIELDS,
            "rename_fields": JSON_RENAMED,
            "reserved_attrs": JSON_LEFT_OUT,
            # ISO 8601 in UTC ("2026-12-02T01:02:03.456000+00:00"), whatever TIME_ZONE says.
            "timestamp": True,
            "json_ensure_ascii": False,
        },
        "text": {"format": TEXT_FORMAT},
    }


def logging_config(*, fmt: str, level: str) -> dict:
    """The `LOGGING` dict of the settings: `fmt` is "json" or "text"."""
    if fmt not in ("json", "text"):
        raise ValueError("LOG_FORMAT must be 'json' or 'text'.")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_context": {"()": "config.logs.RequestContextFilter"}},
        "formatters": formatters(),
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": fmt,
                "filters": ["request_context"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        # django-axes announces itself at every start (every manage.py command); its failed
        # sign-ins and lockouts (axes.handlers) are still logged.
        "loggers": {"axes.apps": {"level": "WARNING"}},
    }


def gunicorn_logging_config(*, fmt: str, level: str) -> dict:
    """gunicorn's `logconfig_dict`: its access log on stdout, its own messages (and anything
    logged before Django configures the rest) on stderr."""
    config = logging_config(fmt=fmt, level=level)
    config["handlers"]["stdout"] = {**config["handlers"]["console"], "stream": "ext://sys.stdout"}
    config["loggers"] = {
        "gunicorn.error": {"level": level, "handlers": ["console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
    }
    return config
