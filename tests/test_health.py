"""The health endpoints the load balancer asks: /healthz (the process answers) and /readyz (the
database, the cache, the storage answer, no migration is waiting, a worker takes due tasks),
never cached."""

import json
import socket
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings

from config import health


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_liveness_answers_without_the_database(client):
    """No `db` fixture: pytest-django fails the test if the endpoint touches the database."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {}}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readiness_answers_ok_when_everything_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {
        "database": "ok",
        "cache": "ok",
        "storage": "ok",
        "migrations": "ok",
        "workers": "ok",
    }
    assert "no-store" in response["Cache-Control"]


def _unavailable(client, failing: str):
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"][failing] == "failed"
    assert "no-store" in response["Cache-Control"]
    # Only check names and verdicts: no message, trace or address of a service.
    assert set(body) == {"status", "checks"}
    assert set(body["checks"].values()) <= {"ok", "failed"}
    assert b"127.0.0.1" not in response.content
    assert b"Traceback" not in response.content
    return body["checks"]


@pytest.mark.django_db
def test_readiness_fails_when_the_cache_does_not_answer(client):
    port = _closed_port()
    redis = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }
    with override_settings(CACHES=redis):
        checks = _unavailable(client, "cache")
    assert checks["database"] == "ok"


@pytest.mark.django_db
def test_readiness_fails_when_the_database_does_not_answer(client, monkeypatch):
    """A connection to a database that is not there (a file in a missing folder on SQLite, a
    database that does not exist on PostgreSQL)."""
    real = connections["default"]
    settings = {**real.settings_dict, "NAME": "/nonexistent-folder/readyz/absent"}
    absent = real.__class__(settings, alias="readyz-absent")
    monkeypatch.setattr(health, "connection", absent)
    try:
        checks = _unavailable(client, "database")
    finally:
        absent.close()
    assert checks["cache"] == "ok"


@pytest.mark.django_db
def test_readiness_fails_when_the_storage_does_not_answer(client):
    with mock.patch.object(
        default_storage, "exists", side_effect=ConnectionError("endpoint unreachable")
    ):
        checks = _unavailable(client, "storage")
    assert checks["database"] == "ok"


@pytest.mark.django_db
def test_readiness_fails_while_a_migration_is_not_applied(client):
    """As between deploying new code and running `migrate`."""
    recorder = MigrationRecorder(connection)
    latest = max(name for app, name in recorder.applied_migrations() if app == "approvals")
    recorder.record_unapplied("approvals", latest)
    checks = _unavailable(client, "migrations")
    assert checks["database"] == "ok"


@pytest.mark.django_db
def test_readiness_fails_when_no_worker_takes_a_due_task(client, queue):
    """On the database queue a job due for more than five minutes means no worker runs."""
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from config import background
    from documents.tasks import notice_issue_task

    background.enqueue(notice_issue_task, 1)
    assert client.get("/readyz").status_code == 200  # just enqueued: a worker has time
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=6))
    checks = _unavailable(client, "workers")
    assert checks["database"] == "ok"


def test_health_checks_are_a_list_another_part_can_extend(client, db):
    """The background tasks add "a worker was seen lately" the same way."""
    health.check("example")(mock.Mock(side_effect=RuntimeError("no worker")))
    try:
        checks = _unavailable(client, "example")
    finally:
        health.CHECKS.pop()
    assert checks["database"] == "ok"
    assert client.get("/readyz").status_code == 200


def test_health_endpoints_are_open_to_a_member_of_staff_without_a_second_factor(client, db):
    """A signed-in clerk who has not yet set up the second factor is sent to set it up from
    every page, but the health endpoints still answer."""
    from accounts.services import user_upsert

    clerk, _ = user_upsert(username="clerk-no-otp", role="intake", password="pass-word-123")
    client.force_login(clerk)
    assert client.get("/staff/").status_code == 302
    assert client.get("/healthz").status_code == 200
    response = client.get("/readyz")
    assert response.status_code == 200
    assert json.loads(response.content)["status"] == "ok"
