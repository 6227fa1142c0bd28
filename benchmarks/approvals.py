"""Approvals through the API: 8 deciders at once against gunicorn and one task worker.

Goals (issue 14): ≥ 40 approvals/s, p95 of the approving request ≤ 300 ms, every notice issued
≤ 5 s after its decision committed, approval numbers gapless and unique.

Seeding (in this process, test settings, on a database of its own, kakushin_bench_approvals,
created with the migrations and dropped at the end): TEMPLATES applications are taken through
the real procedure — factories.make_application (plan, figures, attachments), submission,
intake's acceptance and the review's recommendation through workflow.services — so each waits
at the decision step with its process, tasks and history as the flow wrote them; then their
rows in every table that refers to an application, a process or a task are copied with
INSERT … SELECT generate_series (benchmarks/staff_pages.py's copier: ids shifted, unique text
suffixed) up to APPLICATIONS, and the tables' id sequences moved past the copies. One intake
clerk and one reviewer did those steps; the 8 deciders (approvers with a second factor) took
no step of them, so the separation of duties lets each decide any of them. The jobs the
seeding queued (the application forms of the submitted versions) are deleted: the worker
starts with an empty queue and runs only what the decisions enqueue (notices and e-mails).

Serving: `gunicorn -c benchmarks/approvals_gunicorn.py config.wsgi` — the project's
config/gunicorn.py with 2 sync workers and hooks that count the queries of each approving
request — and one `manage.py db_worker --interval 1`, both on the production settings
(PostgreSQL, Redis at REDIS_URL, local storage in a temporary folder, e-mail to memory: no mail
server is measured). The user throttle is raised (API_USER_RATE) so that it never answers 429:
a decider here approves faster than a person.

Measured: each decider signs in through POST /api/v1/auth/token/ (password and TOTP code),
then, baseline first, GET /api/v1/me/ BASELINE_REQUESTS times in all across the 8 (a trivial
authenticated API request at the same concurrency), then the decisions: each decider lists its
open tasks (GET /api/v1/tasks/), takes its own eighth of the list, claims each task (a 409
means another decider took it: next) and approves it, then lists again, until the list is
empty. Reported: approvals/s over the wall time of the decisions, p50/p95 of the approving
request (and of the claim and the list), as ratios against the baseline's; queries per
approving request and where its time in the worker goes (benchmarks/approvals_gunicorn.py's
hooks); the time from the decision (Application.decided_at, taken in the deciding
transaction, so a little before its commit) to the notice's IssuedDocument.issued_at,
p50/p95/max; the worker's jobs (wait, run); and the checks — every application approved, the
fiscal year's numbers 1…N with none missing or twice, one issued approval notice per application.

Profile: BENCH_APPROVALS_PROFILE=1 runs the approving requests under cProfile in the gunicorn
workers and prints the functions with the most cumulative time.

Run alone (a subprocess on PostgreSQL; skipped with a message if PostgreSQL or Redis cannot be
reached; ports 8100–8199):

    uv run python -m benchmarks approvals [--quick]

`--quick` seeds QUICK_APPLICATIONS instead (under a minute on a quiet machine; the migrations
of the fresh database are most of it). BENCH_KEEP_DATABASE=1 keeps the database,
BENCH_KEEP_LOGS=1 the servers' logs (kept anyway when the run fails).
"""

import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATABASE = "kakushin_bench_approvals"
APPLICATIONS, QUICK_APPLICATIONS = 300, 40
TEMPLATES = 5  # through the flow; the rest are copies of their rows (a multiple of this)
BASELINE_REQUESTS, QUICK_BASELINE_REQUESTS = 400, 80
DECIDERS = 8
WEB_WORKERS = 2
PORTS = range(8100, 8200)
# A Redis database of the benchmark's own (throttles, used TOTP codes); keys expire by themselves.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
PASSWORD = "bench-pass-word-123"
RATE_GOAL, P95_GOAL, NOTICE_GOAL = 40.0, 0.300, 5.0
NOTICE_WAIT = 180  # seconds to wait for the last notice before reporting what is missing
TOP_FUNCTIONS = 60


def run(quick: bool = False) -> None:
    """Run the benchmark in a process of its own, on PostgreSQL (see the module docstring)."""
    from benchmarks.targets import bench_database_url

    url = bench_database_url(os.environ.get("DATABASE_URL", ""))
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    sys.stdout.flush()
    command = [sys.executable, "-m", "benchmarks.approvals", *(["--quick"] if quick else [])]
    process = subprocess.Popen(command, env=env)
    try:
        returncode = process.wait()
    except KeyboardInterrupt:
        # Ctrl-C reached the benchmark too: let it stop its servers and drop its database
        # (subprocess.run would kill it a quarter of a second later, leaving both behind).
        process.wait()
        raise
    if returncode:
        print(f"Approvals benchmark failed (exit status {returncode}); see above.")


# --- seeding: the real procedure ----------------------------------------------------------


def _seed(count: int) -> tuple[list, list[int]]:
    """The deciders (user, TOTP secret, a recovery code) and the ids of `count` applications
    at the decision: TEMPLATES through the real procedure, then copies of their rows."""
    from allauth.mfa.totp.internal.auth import generate_totp_secret
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.core.management.color import no_style
    from django.db import connection
    from django.test.utils import override_settings
    from django_tasks_db.models import DBTaskResult

    from accounts.mfa import provision
    from accounts.models import User
    from approvals.constants import Status, Step
    from approvals.models import Application
    from benchmarks.staff_pages import _cloned_models, _copy, _parents_first, _row_ids, _spans
    from tests import factories
    from workflow import services

    intake = factories.make_user("intake", username="bench-intake")
    reviewer = factories.make_user("reviewer", username="bench-reviewer")
    deciders = []
    for n in range(DECIDERS):
        user = factories.make_user("approver", username=f"bench-approver-{n}")
        secret = generate_totp_secret()  # a fresh one each run: no code seen as used before
        recovery = provision(user, secret)
        deciders.append((user, secret, recovery[0]))
    # The servers run the production settings, whose hashers the test settings' MD5 is not.
    password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    User.objects.filter(pk__in=[user.pk for user, *_codes in deciders]).update(password=password)
    checklist = {"novelty": True, "feasibility": True, "funding": True, "policy": True}
    templates = []
    # Jobs as rows (as in production), not run in this process: the forms are not rendered.
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        for n in range(TEMPLATES):
            applicant = factories.make_user("applicant", username=f"bench-applicant-{n}@example.jp")
            company = factories.make_company(applicant, name=f"株式会社ベンチ精工{n}")
            application = factories.make_application(company, applicant)
            services.application_submit(
                application=application, actor=applicant, acknowledge_failures=False
            )
            task = services.open_task(application, Step.INTAKE)
            services.task_complete(task=task, user=intake, decision="accept")
            task = services.open_task(application, Step.REVIEW)
            services.task_complete(
                task=task,
                user=reviewer,
                decision="recommend_approval",
                comment="妥当",
                checklist=checklist,
            )
            templates.append(application.pk)
        DBTaskResult.objects.all().delete()
    models = _parents_first(_cloned_models())
    with connection.cursor() as cursor:
        copies = count // TEMPLATES - 1
        if copies > 0:
            _copy(cursor, models, _spans(cursor, models), _row_ids(models, templates), 1, copies)
        # The copies took ids past the sequences: move them on, or the decisions' rows collide.
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
        cursor.execute("VACUUM (ANALYZE)")
    ids = list(
        Application.objects.filter(status=Status.AWAITING_DECISION).values_list("pk", flat=True)
    )
    if len(ids) != count:
        raise RuntimeError(f"seeded {len(ids)} applications at the decision, not {count}")
    return deciders, ids


# --- processes ----------------------------------------------------------------------------


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS.start}–{PORTS.stop - 1}")


class Processes:
    """gunicorn and the worker, each in a process group of its own, stopped on leaving (an
    error, Ctrl-C or SIGTERM included): SIGTERM to the group, SIGKILL after a grace period."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.running: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, command: list[str], env: dict) -> subprocess.Popen:
        log = open(self.directory / f"{name}.log", "w")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        self.running.append((name, process))
        return process

    def check(self) -> None:
        for name, process in self.running:
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited ({process.returncode}); {self.tail(name)}")

    def tail(self, name: str, lines: int = 30) -> str:
        path = self.directory / f"{name}.log"
        text = path.read_text(errors="replace").splitlines()[-lines:] if path.exists() else []
        return "its last lines:\n" + "\n".join(text)

    def stop(self) -> None:
        for _name, process in self.running:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for _name, process in self.running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.running.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def _server_environment(database_url: str, media_root: str, directory: Path, port: int) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GUNICORN_", "SENTRY_", "API_", "EMAIL_"))
        and k not in ("WEB_CONCURRENCY", "PORT", "DATABASE_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="bench-" + "k" * 20 + "-not-a-production-secret-0123456789abcdef",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_URL,
        SECURE_SSL_REDIRECT="False",
        STATIC_ROOT=str(directory / "static"),
        MEDIA_ROOT=media_root,
        STORAGE_BACKEND="local",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        API_USER_RATE="1000000/min",
        API_TOKEN_RATE="1000/min",
        LOG_LEVEL="WARNING",
        WEB_CONCURRENCY=str(WEB_WORKERS),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_MAX_REQUESTS="100000",  # no worker restarts in the middle of a run
        BENCH_APPROVALS_DIR=str(directory),
    )
    return env


def _start_web(processes: Processes, env: dict) -> None:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "-c", "benchmarks/approvals_gunicorn.py", "config.wsgi"]
    processes.start("gunicorn", command, env)


def _start_worker(processes: Processes, env: dict) -> None:
    command = [sys.executable, "manage.py", "db_worker", "--interval", "1", "--no-startup-delay"]
    processes.start("db_worker", command, env)


# --- the clients --------------------------------------------------------------------------


class Api:
    """One HTTP request a connection (gunicorn's sync workers close each connection)."""

    def __init__(self, port: int, token: str | None = None):
        self.port, self.token = port, token

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, object, float]:
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        began = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            raw = response.read()
        finally:
            connection.close()
        seconds = time.perf_counter() - began
        try:
            payload = json.loads(raw) if raw else None
        except ValueError:
            payload = raw[:500]
        return response.status, payload, seconds


def _wait_until_up(port: int, processes: Processes, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while True:
        processes.check()
        try:
            status, _body, _s = Api(port).call("GET", "/healthz")
            if status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"gunicorn did not answer /healthz in {timeout:.0f} s")
        time.sleep(0.2)


def _sign_in(port: int, user, secret: str, recovery_code: str) -> Api:
    """A token for the user: password and the current TOTP code — or, when the code's 30 s
    ran out while the request waited behind the others' password checks (a loaded machine),
    a recovery code, the other second factor the endpoint takes."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    codes = [format_hotp_value(hotp_value(secret, int(time.time()) // 30)), recovery_code]
    for code in codes:
        body = {"username": user.username, "password": PASSWORD, "otp": code}
        status, payload, _s = Api(port).call("POST", "/api/v1/auth/token/", body)
        if status == 200:
            return Api(port, payload["token"])
        if not (status == 401 and isinstance(payload, dict) and payload.get("mfa_required")):
            break
    raise RuntimeError(f"no token for {user.username}: HTTP {status} {payload}")


def _concurrently(work, apis) -> float:
    """Run work(index, api) in a thread per client, all released together; the wall seconds."""
    errors = []
    barrier = threading.Barrier(len(apis) + 1)

    def body(index, api):
        barrier.wait()
        try:
            work(index, api)
        except BaseException as error:  # reported in the main thread
            errors.append(error)

    threads = [threading.Thread(target=body, args=item, daemon=True) for item in enumerate(apis)]
    for thread in threads:
        thread.start()
    barrier.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    if errors:
        raise errors[0]
    return wall


def _baseline(apis, total: int) -> tuple[float, list[float]]:
    """GET /api/v1/me/ `total` times across the clients: (requests/s, latencies)."""
    latencies = []
    each = total // len(apis)

    def work(_index, api):
        for _ in range(each):
            status, payload, seconds = api.call("GET", "/api/v1/me/")
            if status != 200:
                raise RuntimeError(f"GET /api/v1/me/: HTTP {status} {payload}")
            latencies.append(seconds)

    wall = _concurrently(work, apis)
    return len(latencies) / wall, latencies


def _decide(apis, usernames) -> dict:
    """Every decider claims and approves until no open task is left."""
    results = {"approve": [], "claim": [], "list": [], "claim_conflicts": 0, "late": 0}
    lock = threading.Lock()

    def work(index, api):
        me = usernames[index]
        pending = []
        while True:
            if not pending:
                status, page, seconds = api.call("GET", "/api/v1/tasks/?status=open")
                if status != 200:
                    raise RuntimeError(f"task list: HTTP {status} {page}")
                with lock:
                    results["list"].append(seconds)
                tasks = [
                    t
                    for t in page["results"]
                    if t["step"] == "decision" and t["owner"] in (None, me)
                ]
                if not tasks:
                    return
                # Its own share of the list, so the deciders rarely reach for the same task;
                # listed again once done (another may have left some of its share).
                first, last = (n * len(tasks) // len(apis) for n in (index, index + 1))
                pending = tasks[first:last] or [tasks[index % len(tasks)]]
            task = pending.pop(0)
            if task["owner"] is None:
                status, payload, seconds = api.call("POST", f"/api/v1/tasks/{task['id']}/claim/")
                if status == 409:
                    with lock:
                        results["claim_conflicts"] += 1
                    continue
                if status != 200:
                    raise RuntimeError(f"claim {task['id']}: HTTP {status} {payload}")
                with lock:
                    results["claim"].append(seconds)
            body = {"decision": "approve", "comment": ""}
            status, payload, seconds = api.call(
                "POST", f"/api/v1/tasks/{task['id']}/complete/", body
            )
            if status == 409:  # cannot happen once claimed; counted, not hidden
                with lock:
                    results["late"] += 1
                continue
            if status != 200:
                raise RuntimeError(f"approve {task['id']}: HTTP {status} {payload}")
            with lock:
                results["approve"].append(seconds)

    results["wall"] = _concurrently(work, apis)
    return results


# --- after the run: notices and checks ----------------------------------------------------


def _wait_for_notices(ids: list[int], processes: Processes) -> float:
    from documents.constants import DocumentKind, DocumentState
    from documents.models import IssuedDocument

    began = time.perf_counter()
    notices = IssuedDocument.objects.filter(
        application_id__in=ids, kind=DocumentKind.APPROVAL_NOTICE, state=DocumentState.ISSUED
    )
    while notices.count() < len(ids) and time.perf_counter() - began < NOTICE_WAIT:
        processes.check()
        time.sleep(0.5)
    return time.perf_counter() - began


def _checks(ids: list[int]) -> tuple[list[str], list[float], dict]:
    """(failed checks, seconds from decision to notice, the worker's job times)."""
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    from approvals.constants import Status
    from approvals.models import Application, Approval
    from documents.constants import DocumentKind, DocumentState
    from documents.models import IssuedDocument

    failed = []
    statuses = dict(
        Application.objects.filter(pk__in=ids)
        .values_list("status")
        .annotate(n=Count("*"))
        .order_by()
    )
    if statuses != {Status.APPROVED: len(ids)}:
        failed.append(f"applications by status: {statuses}")
    approvals = list(
        Approval.objects.filter(application_id__in=ids).values_list(
            "fiscal_year", "sequence", "number"
        )
    )
    years = {year for year, _s, _n in approvals}
    sequences = sorted(sequence for _y, sequence, _n in approvals)
    if len(years) != 1 or sequences != list(range(1, len(ids) + 1)):
        failed.append(f"approval numbers not 1…{len(ids)} in one fiscal year: {years}, {sequences}")
    if len({number for *_rest, number in approvals}) != len(approvals):
        failed.append("approval numbers repeated")
    notices = IssuedDocument.objects.filter(
        application_id__in=ids, kind=DocumentKind.APPROVAL_NOTICE
    )
    per_application = dict(notices.values_list("application_id").annotate(n=Count("*")).order_by())
    if set(per_application) != set(ids) or set(per_application.values()) != {1}:
        missing = len(set(ids) - set(per_application))
        extra = sum(1 for n in per_application.values() if n > 1)
        failed.append(f"notices: {missing} applications without one, {extra} with more than one")
    states = dict(notices.values_list("state").annotate(n=Count("*")).order_by())
    if states.get(DocumentState.ISSUED, 0) != len(ids):
        failed.append(f"notices by state: {states}")
    delays = [
        (issued - decided).total_seconds()
        for issued, decided in notices.filter(state=DocumentState.ISSUED).values_list(
            "issued_at", "application__decided_at"
        )
    ]
    jobs = DBTaskResult.objects.filter(finished_at__isnull=False)
    job_times = {}
    for path, enqueued, started, finished in jobs.values_list(
        "task_path", "enqueued_at", "started_at", "finished_at"
    ):
        name = path.rpartition(".")[2]
        waits, runs = job_times.setdefault(name, ([], []))
        waits.append((started - enqueued).total_seconds())
        runs.append((finished - started).total_seconds())
    return failed, delays, job_times


def _worker_lines(directory: Path) -> list[tuple]:
    """(status, queries, seconds in the worker, in queries, waiting for the number counter,
    holding it) of each approving request, as the gunicorn hooks wrote them."""
    lines = []
    for path in directory.glob("queries-*.txt"):
        for line in path.read_text().splitlines():
            status, queries, *seconds = line.split()
            lines.append((int(status), int(queries), *map(float, seconds)))
    return lines


def _profile_summary(directory: Path) -> None:
    import io
    import pstats

    files = [str(p) for p in directory.glob("profile-*.prof")]
    if not files:
        print("No profile written (BENCH_APPROVALS_PROFILE=1 and the workers' exit write it).")
        return
    stats = pstats.Stats(files[0], stream=io.StringIO())
    for path in files[1:]:
        stats.add(path)
    out = io.StringIO()
    stats.stream = out
    stats.sort_stats("cumulative").print_stats(TOP_FUNCTIONS)
    print(f"cProfile of the approving requests in {len(files)} gunicorn workers (cumulative):")
    print(out.getvalue())
    out = io.StringIO()
    stats.stream = out
    stats.sort_stats("tottime").print_stats(TOP_FUNCTIONS)
    print("The same by own time:")
    print(out.getvalue())


# --- report -------------------------------------------------------------------------------


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def _print(setup: dict, baseline: tuple, decided: dict, served, checks, notice_wait) -> None:
    failed, delays, job_times = checks
    rate, base_latencies = baseline
    base50, base95 = _percentile(base_latencies, 0.5), _percentile(base_latencies, 0.95)
    approvals = decided["approve"]
    approvals_per_second = len(approvals) / decided["wall"]
    p50, p95 = _percentile(approvals, 0.5), _percentile(approvals, 0.95)

    def verdict(ok):
        return "met" if ok else "NOT MET"

    print(
        f"Approvals through the API: {setup['applications']} applications at the decision, "
        f"{DECIDERS} deciders, gunicorn with {WEB_WORKERS} sync workers and one db_worker "
        f"(PostgreSQL {setup['server']}, database {BENCH_DATABASE}, dropped afterwards); "
        f"seeded through the flow in {setup['seed']:.1f} s"
    )
    print(
        f"Baseline: GET /api/v1/me/ × {len(base_latencies)} by the same {DECIDERS} clients: "
        f"{rate:.1f} requests/s, p50 {base50 * 1000:.1f} ms, p95 {base95 * 1000:.1f} ms"
    )
    print(f"{'':<36} {'figure':>12} {'× baseline':>11}  goal")
    print(
        f"{'approvals/s':<36} {approvals_per_second:>12.1f} {approvals_per_second / rate:>10.2f}×"
        f"  ≥ {RATE_GOAL:.0f}/s: {verdict(approvals_per_second >= RATE_GOAL)}"
    )
    print(f"{'approving request p50':<36} {p50 * 1000:>9.1f} ms {p50 / base50:>10.2f}×")
    print(
        f"{'approving request p95':<36} {p95 * 1000:>9.1f} ms {p95 / base95:>10.2f}×"
        f"  ≤ {P95_GOAL * 1000:.0f} ms: {verdict(p95 <= P95_GOAL)}"
    )
    for label, values in (("claim", decided["claim"]), ("task list", decided["list"])):
        for q in (0.5, 0.95):
            value = _percentile(values, q)
            base = base50 if q == 0.5 else base95
            name = f"{label} p{round(q * 100)}"
            print(f"{name:<36} {value * 1000:>9.1f} ms {value / base:>10.2f}×")
    if delays:
        worst = max(delays)
        for name, value in (
            ("decision → notice issued p50", _percentile(delays, 0.5)),
            ("decision → notice issued p95", _percentile(delays, 0.95)),
        ):
            print(f"{name:<36} {value:>10.2f} s")
        print(
            f"{'decision → notice issued max':<36} {worst:>10.2f} s {'':>11}"
            f"  ≤ {NOTICE_GOAL:.0f} s:"
            f" {verdict(worst <= NOTICE_GOAL)}"
        )
    print(
        f"{'claims lost to another decider':<36} {decided['claim_conflicts']:>12}"
        f"\n{'approvals refused after a claim':<36} {decided['late']:>12}"
        f"\n{'last notice issued after the run':<36} {notice_wait:>10.2f} s"
    )
    approving = [line for line in served if line[0] == 200]
    if approving:
        queries = [line[1] for line in approving]
        print(
            f"{'queries per approving request':<36} {statistics.median(queries):>12.0f}"
            f"  (min {min(queries)}, max {max(queries)}; counted in the gunicorn workers)"
        )
        for position, label in (
            (2, "in the worker"),
            (3, "  of which in its queries"),
            (4, "  of which waiting for the number"),
            (5, "holding the number to the end"),
        ):
            values = [line[position] for line in approving]
            print(
                f"{label + ' p50 / p95':<36} {_percentile(values, 0.5) * 1000:>9.1f} ms"
                f" / {_percentile(values, 0.95) * 1000:.1f} ms"
            )
        held = sum(line[5] for line in approving)
        print(
            f"{'number held, in all / decision wall':<36} {held / decided['wall']:>11.0%}"
            "  (approvals are serialised on the counter row from its lock to the commit)"
        )
    for name, (waits, runs) in sorted(job_times.items()):
        print(
            f"  {name}: {len(runs)} jobs, wait p50 {_percentile(waits, 0.5):.2f} s "
            f"max {max(waits):.2f} s, run p50 {_percentile(runs, 0.5) * 1000:.0f} ms "
            f"p95 {_percentile(runs, 0.95) * 1000:.0f} ms"
        )
    checks_line = (
        "; ".join(failed)
        if failed
        else (
            f"all {setup['applications']} approved, numbers 1…{setup['applications']} gapless and "
            "unique, one issued notice each"
        )
    )
    print(f"Checks: {'FAILED: ' if failed else ''}{checks_line}")


# --- the run ------------------------------------------------------------------------------


def _step(text: str, began: float) -> None:
    print(f"  [{time.perf_counter() - began:6.1f} s] {text}", flush=True)


def _benchmark(quick: bool) -> int:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    count = QUICK_APPLICATIONS if quick else APPLICATIONS
    began = time.perf_counter()
    setup_test_environment()
    connection.settings_dict["TEST"]["NAME"] = BENCH_DATABASE
    directory = Path(tempfile.mkdtemp(prefix="kakushin-bench-approvals-"))
    media_root = settings.MEDIA_ROOT
    old_name = None
    failed = True
    try:
        _step(f"creating {BENCH_DATABASE} (migrations)", began)
        old_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
        sd = connection.settings_dict
        database_url = (
            f"postgres://{sd['USER'] or 'postgres'}"
            f"{':' + sd['PASSWORD'] if sd['PASSWORD'] else ''}"
            f"@{sd['HOST'] or '127.0.0.1'}:{sd['PORT'] or 5432}/{sd['NAME']}"
        )
        port = _free_port()
        env = _server_environment(database_url, media_root, directory, port)
        with Processes(directory) as processes:
            _start_web(processes, env)  # it boots while the seeding runs
            _step(f"seeding {count} applications; gunicorn starting on port {port}", began)
            seeding = time.perf_counter()
            deciders, ids = _seed(count)
            seed_seconds = time.perf_counter() - seeding
            connection.close()  # only the servers' connections while they run
            _start_worker(processes, env)
            _wait_until_up(port, processes)
            _step("signing in the deciders (password and TOTP code)", began)
            apis = [None] * len(deciders)

            def sign_in(index, _api):
                apis[index] = _sign_in(port, *deciders[index])

            _concurrently(sign_in, apis)
            usernames = [user.username for user, *_codes in deciders]
            for api in apis:  # warm-up: each worker past its first requests
                api.call("GET", "/api/v1/me/")
                api.call("GET", "/api/v1/tasks/?status=open")
            _step("baseline", began)
            baseline = _baseline(apis, QUICK_BASELINE_REQUESTS if quick else BASELINE_REQUESTS)
            _step("deciding", began)
            decided = _decide(apis, usernames)
            _step("waiting for the notices", began)
            notice_wait = _wait_for_notices(ids, processes)
            processes.check()
            processes.stop()  # the gunicorn workers write their profiles as they exit
        checks = _checks(ids)
        major, minor = divmod(connection.pg_version, 10000)
        setup = {"applications": count, "server": f"{major}.{minor}", "seed": seed_seconds}
        _step("done", began)
        _print(setup, baseline, decided, _worker_lines(directory), checks, notice_wait)
        if os.environ.get("BENCH_APPROVALS_PROFILE") == "1":
            _profile_summary(directory)
        failed = bool(checks[0])
    finally:
        connection.close()
        if old_name is not None and not os.environ.get("BENCH_KEEP_DATABASE"):
            connection.creation.destroy_test_db(old_name, verbosity=0)
        if failed or os.environ.get("BENCH_KEEP_LOGS"):
            print(f"Server logs kept in {directory}")
        else:
            shutil.rmtree(directory, ignore_errors=True)
        shutil.rmtree(media_root, ignore_errors=True)
    return 1 if failed else 0


def _redis_unreachable() -> str | None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        return str(error)
    return None


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.db import connection

    from benchmarks.targets import _unreachable

    quick = "--quick" in argv
    if connection.vendor != "postgresql":
        print(
            f"Approvals benchmark skipped: it needs PostgreSQL, DATABASE_URL is {connection.vendor}"
        )
        return 0
    reason = _unreachable(connection.settings_dict)
    if reason:
        print(f"Approvals benchmark skipped: PostgreSQL is unreachable ({reason})")
        return 0
    reason = _redis_unreachable()
    if reason:
        print(f"Approvals benchmark skipped: Redis at {REDIS_URL} is unreachable ({reason})")
        return 0
    # SIGTERM (a killed `make bench`) unwinds like Ctrl-C: the servers are stopped, the
    # database dropped.
    signal.signal(signal.SIGTERM, _interrupted)
    return _benchmark(quick)


def _interrupted(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
