"""The production web server as started in production: `gunicorn -c config/gunicorn.py
config.wsgi` loads, and a real gunicorn answers /healthz with the request's id, writing its
access log as one JSON object a line on stdout."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.test_settings import PRODUCTION

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def _environment(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GUNICORN_", "SENTRY_"))}
    env.pop("WEB_CONCURRENCY", None)
    env.pop("PORT", None)
    env.update(PRODUCTION)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        STATIC_ROOT=tempfile.mkdtemp(prefix="kakushin-static-"),
        **extra,
    )
    return env


def test_the_gunicorn_configuration_loads_with_the_application(gunicorn):
    result = subprocess.run(
        [GUNICORN, "--check-config", "-c", "config/gunicorn.py", "config.wsgi"],
        cwd=ROOT,
        env=_environment(WEB_CONCURRENCY="3"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_the_configuration_reads_its_environment():
    """Bind and workers from the environment; sync workers, never threads (Pango)."""
    script = (
        "import runpy, json;"
        "c = runpy.run_path('config/gunicorn.py');"
        "print(json.dumps([c['bind'], c['workers'], c['worker_class'], c['threads'],"
        " c['forwarded_allow_ips'], c['accesslog']]))"
    )

    def read(**env):
        out = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=_environment(**env),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    assert read(PORT="8123", WEB_CONCURRENCY="5", FORWARDED_ALLOW_IPS="10.0.0.0/8") == [
        ["0.0.0.0:8123"],
        5,
        "sync",
        1,
        "10.0.0.0/8",
        "-",
    ]
    bind, workers, *_ = read(GUNICORN_BIND="unix:/run/kakushin.sock", PORT="8123")
    assert bind == ["unix:/run/kakushin.sock"]
    assert 1 <= workers <= 8


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def gunicorn():
    """A real gunicorn on a free loopback port, started when the module's first test starts
    (it boots while the other tests run); yields the port and its stdout and stderr files."""
    try:
        port = _free_port()
    except OSError as error:
        pytest.skip(f"cannot bind a loopback port: {error}")
    with tempfile.TemporaryFile("w+") as log, tempfile.TemporaryFile("w+") as errors:
        server = subprocess.Popen(
            [GUNICORN, "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=ROOT,
            env=_environment(GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="1"),
            stdout=log,
            stderr=errors,
        )
        try:
            yield server, port, log, errors
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _get(server, port: int, path: str, **headers):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    deadline = time.monotonic() + 60
    while True:
        try:
            # The first answer waits for the worker to load the application.
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.headers, response.read()
        except urllib.error.URLError as error:
            if not isinstance(error.reason, ConnectionRefusedError):
                raise
            if server.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_a_real_gunicorn_answers_the_liveness_check(gunicorn):
    server, port, log, errors = gunicorn
    status, headers, body = _get(server, port, "/healthz", **{"X-Request-ID": "gunicorn-test-1"})
    assert status == 200
    assert json.loads(body)["status"] == "ok"
    assert headers["X-Request-ID"] == "gunicorn-test-1"
    assert "no-store" in headers["Cache-Control"]

    # The access line is written once the response has gone: ask again to be sure it is out.
    _get(server, port, "/healthz")
    log.seek(0)
    access = [json.loads(line) for line in log.read().splitlines() if line.strip()]
    matching = [entry for entry in access if entry.get("request_id") == "gunicorn-test-1"]
    assert len(matching) == 1, access
    (line,) = matching
    assert line["logger"] == "gunicorn.access"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/healthz", 200)
    assert line["user_id"] is None
    assert line["timestamp"].endswith("+00:00")
    # gunicorn's own messages (booting, the worker) are JSON too, on stderr.
    errors.seek(0)
    own = errors.read()
    started = [json.loads(text) for text in own.splitlines() if text.startswith("{")]
    assert any(entry["logger"] == "gunicorn.error" for entry in started), own
