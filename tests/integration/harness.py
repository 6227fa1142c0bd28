"""The pieces of the integration tests: processes with their logs, polling, the S3 server and
the SMTP sink that can be stopped and started again on the same port, and the journey to a
decision through HTTP as an integration drives it (API.md)."""

from __future__ import annotations

import contextlib
import email
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from email import policy
from pathlib import Path
from urllib.parse import quote

import boto3
import requests
from aiosmtpd.controller import Controller
from allauth.mfa.totp.internal.auth import format_hotp_value, generate_totp_secret, hotp_value
from moto.server import ThreadedMotoServer

from accounts.mfa import provision
from tests import factories
from tests.api.test_applications import EVERY_PART
from tests.factories import MINIMAL_PDF

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PASSWORD = "pass-word-123"
BUCKET = "kakushin-integration"
REGION = "ap-northeast-1"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "kakushin-test", "AWS_SECRET_ACCESS_KEY": "kakushin-test"}
# How long a condition may take before a test gives up on it (a PDF on a busy 2-core machine
# takes a few seconds; a process boots in a few more).
PATIENCE = 90


# --- ports and polling ------------------------------------------------------------------------

_handed_out: set[int] = set()


def free_port() -> int:
    """A free loopback port: from KAKUSHIN_TEST_PORTS ("8200-8299") when set (a shared machine
    gives each user a range), else any the system offers. Never the same one twice."""
    span = os.environ.get("KAKUSHIN_TEST_PORTS", "")
    candidates = range(int(span.split("-")[0]), int(span.split("-")[1]) + 1) if span else [0]
    for port in candidates:
        if port in _handed_out:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            chosen = probe.getsockname()[1]
        _handed_out.add(chosen)
        return chosen
    raise RuntimeError(f"no free port in {span}")


_T0 = time.monotonic()


def note(what: str) -> None:
    """A line with the time since the session started, on stderr (shown with -s, or in a
    failing test's captured output): where the time of a slow run went."""
    print(f"[integration {time.monotonic() - _T0:7.1f} s] {what}", file=sys.stderr)


def wait_for(condition, what: str, timeout: float = PATIENCE, interval: float = 0.2):
    """Poll `condition()` until it returns something truthy (returned); fail after `timeout`
    seconds with `what` and the tails of the processes' logs."""
    deadline = time.monotonic() + timeout
    note(f"waiting for {what}")
    while True:
        value = condition()
        if value:
            note(f"done: {what}")
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}\n{logs()}")
        time.sleep(interval)


# --- processes --------------------------------------------------------------------------------

RUNNING: list[Process] = []


class Process:
    """A child process in a session of its own (so that its children can be ended with it),
    its stdout and stderr together in a temporary log file."""

    def __init__(self, name: str, argv: list, env: dict):
        self.name = name
        self.log_path = Path(tempfile.mkstemp(prefix=f"kakushin-{name}-", suffix=".log")[1])
        with self.log_path.open("wb") as log:
            self.popen = subprocess.Popen(
                [str(a) for a in argv],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        RUNNING.append(self)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def kill(self) -> None:
        """SIGKILL, as the kernel's OOM killer or a lost machine would."""
        os.kill(self.pid, signal.SIGKILL)
        self.popen.wait(timeout=30)

    def stop(self, timeout: float = 20) -> None:
        """SIGTERM, then SIGKILL to its whole process group if it is still there after
        `timeout` seconds; forgotten afterwards (its log goes with it)."""
        if self.alive():
            self.popen.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.popen.wait(timeout=timeout)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)  # whatever it left behind (gunicorn's workers)
        self.popen.wait(timeout=30)
        if self in RUNNING:
            RUNNING.remove(self)
        self.log_path.unlink(missing_ok=True)

    def tail(self, chars: int = 6000) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""
        return text[-chars:]


def stop_all(processes: list[Process]) -> None:
    """SIGTERM to all at once, then each stopped as `Process.stop` does."""
    for process in processes:
        if process.alive():
            process.popen.terminate()
    for process in processes:
        process.stop()


def logs() -> str:
    """The end of every running (or crashed) process's log, for a failure's report."""
    parts = []
    for process in RUNNING:
        state = "running" if process.alive() else f"exited {process.popen.returncode}"
        parts.append(f"----- {process.name} (pid {process.pid}, {state}) -----\n{process.tail()}")
    return "\n".join(parts)


def run_command(env: dict, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """`manage.py ARGS` in a process of its own, to its end."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# --- S3 and SMTP, each able to go down and come back on the same port ---------------------------


class S3Server:
    """moto's S3 server on loopback (a thread of the test process: its buckets outlive a stop,
    as a real service's data outlives an outage)."""

    def __init__(self):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.server: ThreadedMotoServer | None = None

    def start(self) -> None:
        if self.server is not None:
            return
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()
        bucket_names = [b["Name"] for b in self.client().list_buckets()["Buckets"]]
        if BUCKET not in bucket_names:
            self.client().create_bucket(
                Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
            )

    def stop(self) -> None:
        """Down: the port refuses connections (moto's stop leaves its socket listening)."""
        if self.server is None:
            return
        self.server.stop()
        self.server._server.server_close()
        self.server = None

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        )

    def read(self, key: str) -> bytes:
        return self.client().get_object(Bucket=BUCKET, Key=key)["Body"].read()

    def keys(self, prefix: str = "") -> list[str]:
        listed = self.client().list_objects_v2(Bucket=BUCKET, Prefix=prefix)
        return [item["Key"] for item in listed.get("Contents", [])]


class SMTPSink:
    """An SMTP server on loopback (aiosmtpd) that keeps every message it accepts."""

    def __init__(self):
        self.port = free_port()
        self.messages: list[email.message.EmailMessage] = []
        self.controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def start(self) -> None:
        if self.controller is None:
            self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
            self.controller.start()

    def stop(self) -> None:
        """Down: the port refuses connections."""
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def about(self, reference: str, subject: str = "") -> list[email.message.EmailMessage]:
        """The messages whose subject names the application's reference (and `subject`)."""
        return [
            m
            for m in self.messages
            if reference in str(m["Subject"]) and subject in str(m["Subject"])
        ]


# --- the services and their environment -------------------------------------------------------


def database_url(settings_dict: dict) -> str:
    user = quote(settings_dict.get("USER") or "")
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{quote(password)}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


@dataclass
class Stack:
    """What every scenario shares: the database, S3, the SMTP sink, gunicorn."""

    database_url: str
    s3: S3Server
    smtp: SMTPSink
    scratch: Path
    web: Process | None = None
    web_port: int = 0
    web_checked: bool = False

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def env(self, **extra) -> dict:
        """The environment of a process of the installation (tests.integration.settings)."""
        kept = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("GUNICORN_", "SENTRY_", "AWS_", "EMAIL_", "KAKUSHIN_"))
        }
        for name in ("WEB_CONCURRENCY", "PORT", "REDIS_URL", "DJANGO_SETTINGS_MODULE"):
            kept.pop(name, None)
        kept.update(
            DJANGO_SETTINGS_MODULE="tests.integration.settings",
            DATABASE_URL=self.database_url,
            SECRET_KEY="integration-tests-only-not-a-secret",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            LOG_FORMAT="text",
            LOG_LEVEL="INFO",
            PYTHONUNBUFFERED="1",
            # Sign-ins of many tests from one address within a minute.
            API_TOKEN_RATE="1000/min",
            API_ANON_RATE="1000/min",
            STORAGE_BACKEND="s3",
            AWS_STORAGE_BUCKET_NAME=BUCKET,
            AWS_S3_ENDPOINT_URL=self.s3.endpoint,
            AWS_S3_REGION_NAME=REGION,
            # S3 down fails an attempt in a second, not after botocore's own back-off.
            AWS_MAX_ATTEMPTS="2",
            AWS_RETRY_MODE="standard",
            **CREDENTIALS,
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(self.smtp.port),
            EMAIL_TIMEOUT="5",
            MEDIA_ROOT=str(self.scratch / "media"),
            STATIC_ROOT=str(self.scratch / "static"),
            KAKUSHIN_SITE_URL=self.base_url,
        )
        kept.update(extra)
        return kept

    def start_web(self) -> None:
        self.web_port = free_port()
        self.web = Process(
            "gunicorn",
            [BIN / "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
            self.env(GUNICORN_BIND=f"127.0.0.1:{self.web_port}", WEB_CONCURRENCY="2"),
        )

    def web_ready(self) -> None:
        if self.web_checked:
            return

        def answers():
            if not self.web.alive():
                raise AssertionError(f"gunicorn exited\n{logs()}")
            try:
                return requests.get(f"{self.base_url}/healthz", timeout=30).status_code == 200
            except (requests.ConnectionError, requests.Timeout):
                return False

        wait_for(answers, "gunicorn to answer /healthz")
        self.web_checked = True

    def start_worker(self, name: str, gate: Path) -> Process:
        return Process(
            name,
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--interval",
                "0.5",
                "--no-startup-delay",
                "--worker-id",
                name,
            ],
            self.env(KAKUSHIN_TEST_RENDER_GATE=str(gate)),
        )


# --- HTTP clients -------------------------------------------------------------------------------


class Api:
    """A client of /api/v1/ with a token, over real HTTP."""

    def __init__(self, base_url: str, token: str | None = None):
        self.base = base_url.rstrip("/") + "/api/v1/"
        self.session = requests.Session()
        if token:
            self.session.headers["Authorization"] = f"Token {token}"

    def _url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def get(self, path, **kwargs):
        return self.session.get(self._url(path), timeout=60, **kwargs)

    def post(self, path, body=None, **kwargs):
        return self.session.post(self._url(path), json=body, timeout=60, **kwargs)

    def patch(self, path, body):
        return self.session.patch(self._url(path), json=body, timeout=60)


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def token_client(base_url: str, username: str, secret: str | None = None) -> Api:
    """Sign in through POST /api/v1/auth/token/: the password, and for staff the current TOTP
    code as `otp`."""
    api = Api(base_url)
    for _attempt in range(3):
        body = {"username": username, "password": PASSWORD}
        if secret:
            body["otp"] = totp_code(secret)
        response = api.post("auth/token/", body)
        if response.status_code == 200:
            return Api(base_url, response.json()["token"])
        # A code read at the end of its 30 s may be stale on arrival on a loaded machine (and a
        # code is accepted once): try again with the next period's code.
        time.sleep(30 - time.time() % 30 + 1)
    raise AssertionError(f"no token for {username}: {response.status_code} {response.text}")


def browser_session(base_url: str, username: str, recovery_code: str) -> requests.Session:
    """Sign in on the site as a member of staff does: the password, then the second factor."""
    session = requests.Session()

    def csrf(page: requests.Response) -> str:
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert found, f"no CSRF token on {page.url}"
        return found.group(1)

    login = session.get(f"{base_url}/accounts/login/", timeout=30)
    page = session.post(
        login.url,
        data={"login": username, "password": PASSWORD, "csrfmiddlewaretoken": csrf(login)},
        headers={"Referer": login.url},
        timeout=30,
    )
    assert "/accounts/2fa/authenticate/" in page.url, page.url
    done = session.post(
        page.url,
        data={"code": recovery_code, "csrfmiddlewaretoken": csrf(page)},
        headers={"Referer": page.url},
        timeout=30,
    )
    assert "/accounts/" not in done.url, f"second factor refused: {done.url}"
    return session


# --- the people and the journey ---------------------------------------------------------------


@dataclass
class People:
    """An applicant with their company, and three members of staff, one for each step."""

    applicant: object
    company: object
    staff: dict
    secrets: dict
    recovery: dict


def make_people(tag: str) -> People:
    """Written by the test process into the shared database (a migrated, committed one),
    with the authority's governor named (no decision is taken without one)."""
    from approvals.models import Authority

    Authority.objects.update_or_create(pk=1, defaults={"governor_name": "試験 知事"})
    applicant = factories.make_user("applicant", username=f"applicant-{tag}@example.jp")
    company = factories.make_company(applicant, email=f"office-{tag}@example.jp")
    staff, secrets, recovery = {}, {}, {}
    for role in ("intake", "reviewer", "approver"):
        user = factories.make_user(role, username=f"{role}-{tag}")
        secrets[role] = generate_totp_secret()
        recovery[role] = provision(user, secrets[role])[0]
        staff[role] = user
    return People(applicant, company, staff, secrets, recovery)


def submit_application(stack: Stack, people: People) -> dict:
    """The applicant's part through HTTP: a draft, filled in, its attachments (into S3),
    submitted. Returns the application as the API shows it."""
    note("submitting")
    api = token_client(stack.base_url, people.applicant.username)
    created = api.post("applications/", {})
    assert created.status_code == 201, created.text
    pk = created.json()["id"]
    patched = api.patch(f"applications/{pk}/", EVERY_PART)
    assert patched.status_code == 200, patched.text
    for kind, name in (
        ("articles", "定款.pdf"),
        ("financials", "決算書_令和6年度.pdf"),
        ("financials", "決算書_令和5年度.pdf"),
        ("registry", "履歴事項全部証明書.pdf"),
    ):
        upload = api.session.post(
            api._url(f"applications/{pk}/attachments/"),
            data={"kind": kind},
            files={"file": (name, MINIMAL_PDF, "application/pdf")},
            timeout=60,
        )
        assert upload.status_code == 201, upload.text
    submitted = api.post(f"applications/{pk}/submit/", {"acknowledge_failures": False})
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["status"] == "submitted"
    note("submitted")
    return submitted.json()


def staff_client(stack: Stack, people: People, role: str) -> Api:
    return token_client(stack.base_url, people.staff[role].username, people.secrets[role])


def open_task(api: Api, application_id: int, step: str) -> int:
    def listed():
        response = api.get("tasks/", params={"status": "open"})
        assert response.status_code == 200, response.text
        found = [
            t
            for t in response.json()["results"]
            if t["application"] == application_id and t["step"] == step
        ]
        return found[0]["id"] if found else None

    return wait_for(listed, f"the open {step} task of application {application_id}")


def complete_step(api: Api, application_id: int, step: str, decision: str, **body) -> dict:
    task = open_task(api, application_id, step)
    claimed = api.post(f"tasks/{task}/claim/")
    assert claimed.status_code == 200, claimed.text
    done = api.post(f"tasks/{task}/complete/", {"decision": decision, "comment": "", **body})
    assert done.status_code == 200, done.text
    return done.json()


def bring_to_decision(stack: Stack, people: People, application_id: int) -> None:
    """Intake accepts, the reviewer recommends approval: two members of staff, by token."""
    intake = staff_client(stack, people, "intake")
    accepted = complete_step(intake, application_id, "intake", "accept")
    assert accepted["application_status"] == "under_review"
    checklist = {"novelty": True, "feasibility": True, "funding": True, "policy": True}
    reviewed = complete_step(
        staff_client(stack, people, "reviewer"),
        application_id,
        "review",
        "recommend_approval",
        checklist=checklist,
        comment="妥当",
    )
    assert reviewed["application_status"] == "awaiting_decision"
    note("reviewed")


def approve(stack: Stack, people: People, application_id: int) -> dict:
    """The approver's decision through HTTP; answered without waiting for the notice or mail."""
    api = staff_client(stack, people, "approver")
    decided = complete_step(api, application_id, "decision", "approve")
    assert decided["application_status"] == "approved"
    note("approved")
    shown = api.get(f"applications/{application_id}/")
    assert shown.status_code == 200, shown.text
    return shown.json()


# --- what the workers left in the database (read by the test process) -------------------------


def notice_of(application_id: int):
    from documents.constants import DocumentKind
    from documents.models import IssuedDocument

    return IssuedDocument.objects.filter(
        application_id=application_id, kind=DocumentKind.APPROVAL_NOTICE
    ).first()


def notice_state(application_id: int) -> str | None:
    document = notice_of(application_id)
    return document.state if document else None


def notice_jobs(application_id: int) -> list:
    from django_tasks_db.models import DBTaskResult

    from documents.tasks import notice_issue_task

    return list(
        DBTaskResult.objects.filter(
            task_path=notice_issue_task.module_path, args_kwargs__args=[application_id]
        ).order_by("enqueued_at")
    )


def mail_jobs(mail_id: int) -> list:
    from django_tasks_db.models import DBTaskResult

    from approvals.tasks import mail_send_task

    return list(
        DBTaskResult.objects.filter(
            task_path=mail_send_task.module_path, args_kwargs__args=[mail_id]
        ).order_by("enqueued_at")
    )


def queue_idle() -> bool:
    """No job running, and none due (a retry waiting for its time does not count)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).exists()
    return not running and not DBTaskResult.objects.ready().exists()


def sweep_here() -> str:
    """`manage.py sweep_tasks` in the test process (with the `queue` fixture: the database
    backend), what it printed: a check afterwards that costs no process start."""
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("sweep_tasks", stdout=out)
    return out.getvalue()


def make_due(job) -> None:
    """As if the pause before a retry had passed (tests/queue.py)."""
    from tests.queue import make_due as due

    due(job)
