"""Fixtures of the integration tests: one migrated PostgreSQL database (pytest-django's test
database, which the started processes share), moto's S3 server, an SMTP sink and one gunicorn
for the whole folder; two fresh db_workers for each module. Every process is ended by its
fixture's finalizer, whatever the test did; a failing test's report ends with their logs."""

import shutil
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.integration import harness


def _on_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


HERE = Path(__file__).resolve().parent
NEEDS_POSTGRES = (
    "integration tests need PostgreSQL shared by real processes (gunicorn, db_worker); "
    "run with DATABASE_URL=postgres://..."
)


def pytest_collection_modifyitems(config, items):
    """On SQLite every test of this folder is skipped before any fixture runs (no test
    database is made for them, no process started)."""
    if _on_postgres():
        return
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.skip(reason=NEEDS_POSTGRES))


@pytest.fixture(scope="package")
def stack(django_db_setup):
    """The database (migrated once by pytest-django), S3, the SMTP sink and gunicorn with two
    workers (config/gunicorn.py), started once for the folder."""
    scratch = Path(tempfile.mkdtemp(prefix="kakushin-integration-"))
    s3 = harness.S3Server()
    smtp = harness.SMTPSink()
    stack = harness.Stack(
        database_url=harness.database_url(connection.settings_dict),
        s3=s3,
        smtp=smtp,
        scratch=scratch,
    )
    try:
        s3.start()
        smtp.start()
        harness.note("starting gunicorn")
        stack.start_web()  # it boots while the module's workers start (services_up waits)
        yield stack
        harness.note("stopping gunicorn")
    finally:
        if stack.web is not None:
            stack.web.stop()
        smtp.stop()
        s3.stop()
        shutil.rmtree(scratch, ignore_errors=True)


@pytest.fixture
def services_up(stack, workers):
    """gunicorn answers, the module's workers are started, and S3 and the SMTP sink are up
    when a test starts and when it ends (a test that takes one down may fail before it brings
    it back)."""
    stack.s3.start()
    stack.smtp.start()
    stack.web_ready()
    harness.note("test starts")
    yield stack
    harness.note("test ends")
    stack.s3.start()
    stack.smtp.start()


class Workers:
    def __init__(self, stack, gate: Path):
        self.gate = gate
        self.processes = [stack.start_worker(f"worker-{n}-{id(self)}", gate) for n in (1, 2)]

    def by_pid(self, pid: int) -> harness.Process:
        (process,) = [p for p in self.processes if p.pid == pid]
        return process

    def stop(self):
        harness.stop_all(self.processes)


@pytest.fixture(scope="module")
def workers(stack):
    """Two `manage.py db_worker` processes for the module's tests, with the render gate of
    tests.integration.hooks (closed unless a test creates the gate file)."""
    gate_folder = Path(tempfile.mkdtemp(prefix="kakushin-gate-"))
    harness.note("starting the workers")
    pool = Workers(stack, gate_folder / "render.gate")
    try:
        yield pool
    finally:
        harness.note("stopping the workers")
        pool.stop()
        harness.note("workers stopped")
        shutil.rmtree(gate_folder, ignore_errors=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and harness.RUNNING:
        report.sections.append(("logs of the started processes", harness.logs()))
    return report
