"""The processing-period clock with 1,000 and then 100,000 applications in PostgreSQL.

Goal (issue 17): the staff queue sorted by due date costs a number of queries that does not
depend on the register's size, and so do the processing-time statistics of the target
dashboard (approvals.targets.processing_times).

Seeding: the staff pages benchmark's (benchmarks.staff_pages): ten template applications
through the real procedure (draft, intake, held, inbox, review, decision, returned, approved,
refused, withdrawn), each copied with INSERT … SELECT generate_series, ids shifted and times
moved back a minute per copy; every stored column (the decision's working days too) is the
template's. Unlike the staff pages, the intake queue grows with the register here: 4 % of it
waits for intake (40 at 1,000, 4,000 at 100,000), the worst case for a sort the application
computes; the other open steps hold 40 each, the rest are decided or drafts.

Measured through Django's test Client as the intake clerk: the queue by arrival (the default,
a database sort), the queue by due date (?sort=due), the inbox by due date, and the public
processing-times API with the target memo emptied before each request (so it counts); then,
called directly, the statistics (`processing_times()`) and what they would cost without the
stored figures: the clock recomputed from every decided application's versions and history
(`recompute_decision_clocks(save=False)`, once), and rebuilding the tally from the stored
figures (`rebuild_processing_counts()`, what the migration does: a grouped query of every
decided application). Baseline: a trivial view through the same client at
the same size; every figure is a ratio against it.

Run alone (a subprocess on PostgreSQL, database test_kakushin_bench_clock, dropped at the
end unless BENCH_KEEP_DATABASE=1; skipped with a message if PostgreSQL cannot be reached):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kakushin_bench \\
        uv run python -m benchmarks.clock
"""

import os
import statistics
import subprocess
import sys
import time

from benchmarks import staff_pages

BENCH_DATABASE = "test_kakushin_bench_clock"
SMALL, LARGE = staff_pages.SMALL, staff_pages.LARGE
QUEUE_SHARE = 0.04  # of the register waiting for intake
ROUNDS, WARMUP = 9, 2
PAGE_LABELS = ("queue by arrival", "queue by due date", "inbox by due date")


def run() -> None:
    """Run the benchmark in a process of its own, on PostgreSQL (see the module docstring)."""
    from benchmarks.targets import bench_database_url

    url = bench_database_url(os.environ.get("DATABASE_URL", ""))
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    sys.stdout.flush()
    result = subprocess.run([sys.executable, "-m", "benchmarks.clock"], env=env, check=False)
    if result.returncode:
        print(f"Clock benchmark failed (exit status {result.returncode}); see above.")


def _plan(size: int) -> dict[str, int]:
    """staff_pages' register with the intake queue at QUEUE_SHARE of it."""
    counts = staff_pages._plan(size)
    waiting = max(counts["intake"], int(size * QUEUE_SHARE))
    counts["draft"] -= waiting - counts["intake"]
    counts["intake"] = waiting
    return counts


def _spread_clock_figures(cursor) -> None:
    """Copies keep their template's figures: spread the due dates over 50 days and the
    decisions over 0–59 working days (those past 30 late), then rebuild the tally from them,
    as the migration does, so it holds the rows such a register would have."""
    from approvals.models import Application
    from approvals.targets.processing_times import rebuild_processing_counts

    table = Application._meta.db_table
    cursor.execute(
        f"UPDATE {table} SET processing_due_on = processing_due_on + (id % 50)::int "
        "WHERE processing_due_on IS NOT NULL"
    )
    cursor.execute(
        f"UPDATE {table} SET decision_working_days = id % 60, "
        "decided_within_period = (id % 60) <= 30 WHERE decision_working_days IS NOT NULL"
    )
    rebuild_processing_counts()


class Register(staff_pages.Register):
    def grow_to(self, size: int) -> float:
        from viewflow.workflow.models import Task

        began = time.perf_counter()
        for state, wanted in _plan(size).items():
            more = wanted - 1 - self.copies[state]
            if more <= 0:
                continue
            first = self.next_copy
            staff_pages._copy(
                self.cursor, self.models, self.spans, self.rows[state], first, first + more - 1
            )
            self.copies[state] += more
            self.next_copy += more
        staff_pages._spread_owners(self.cursor, self.users, self.spans[Task])
        _spread_clock_figures(self.cursor)
        self.cursor.execute("VACUUM (ANALYZE)")
        return time.perf_counter() - began


def _requests() -> list[tuple[str, str, dict]]:
    from django.urls import reverse

    queue, inbox = reverse("staff:application:queue"), reverse("staff:application:inbox")
    return [
        ("trivial view (baseline)", reverse("bench-trivial"), {}),
        ("queue by arrival", queue, {}),
        ("queue by due date", queue, {"sort": "due"}),
        ("inbox by due date", inbox, {"sort": "due"}),
        ("processing-times API (memo emptied)", "/api/v1/targets/processing-times/", {}),
    ]


def _calls() -> list[tuple[str, object]]:
    from approvals.targets.processing_times import all_processing_times, rebuild_processing_counts

    return [
        ("statistics (from the tally)", all_processing_times),
        ("tally rebuilt from the stored figures", rebuild_processing_counts),
    ]


def _from_histories() -> None:
    """What the statistics would cost with nothing stored: every decided application's clock
    from its versions and history (measured once: tens of seconds at 100,000)."""
    from approvals.processing import clock_settings, recompute_decision_clocks

    recompute_decision_clocks(clock_settings(), save=False)


def _measure(client) -> tuple[dict, dict]:
    """Queries of each request and call, then medians over rounds in which each runs once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from approvals.targets.memo import memo

    requests, calls = _requests(), _calls()
    queries = {}
    for label, url, query in requests:
        client.get(url, query)
        memo.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, query)
        if response.status_code != 200:
            raise RuntimeError(f"{label}: HTTP {response.status_code}")
        queries[label] = len(captured)
    for label, call in calls:
        with CaptureQueriesContext(connection) as captured:
            call()
        queries[label] = len(captured)
    samples = {label: [] for label, *_rest in requests + calls}
    for turn in range(WARMUP + ROUNDS):
        for label, url, query in requests:
            memo.clear()
            began = time.perf_counter()
            client.get(url, query)
            if turn >= WARMUP:
                samples[label].append(time.perf_counter() - began)
        for label, call in calls:
            began = time.perf_counter()
            call()
            if turn >= WARMUP:
                samples[label].append(time.perf_counter() - began)
    medians = {k: statistics.median(v) for k, v in samples.items()}
    label = "statistics recomputed from the histories (once)"
    with CaptureQueriesContext(connection) as captured:
        began = time.perf_counter()
        _from_histories()
        medians[label] = time.perf_counter() - began
    queries[label] = len(captured)
    return queries, medians


def _benchmark() -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment
    from viewflow.workflow.models import Task

    from approvals.models import Application

    setup_test_environment()
    connection.settings_dict["TEST"]["NAME"] = BENCH_DATABASE
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with override_settings(ROOT_URLCONF="benchmarks.staff_pages"):
            began = time.perf_counter()
            users, _admin, applicant = staff_pages._users()
            templates = staff_pages._templates(users, applicant)
            template_seconds = time.perf_counter() - began
            client = Client()
            client.force_login(users["intake"][0])
            results = {}
            with connection.cursor() as cursor:
                register = Register(cursor, users, templates)
                for size in (SMALL, LARGE):
                    seconds = register.grow_to(size)
                    counts = (
                        Application.objects.count(),
                        Application.objects.filter(decided_at__isnull=False).count(),
                        Task.objects.filter(flow_task__endswith="intake", status="NEW").count(),
                    )
                    results[size] = (seconds, counts, *_measure(client))
        _print(connection.pg_version, template_seconds, results)
    finally:
        if not os.environ.get("BENCH_KEEP_DATABASE"):
            connection.creation.destroy_test_db(old_name, verbosity=0)


def _print(server, template_seconds, results) -> None:
    major, minor = divmod(server, 10000)
    print(
        f"Processing-period clock with {LARGE:,} applications (PostgreSQL {major}.{minor}, "
        f"database {BENCH_DATABASE}); templates through the flow in {template_seconds:.1f} s"
    )
    for size, (seconds, (applications, decided, waiting), *_rest) in results.items():
        print(
            f"  {size:>7,}: {applications:,} applications, {decided:,} decided, {waiting:,} "
            f"waiting for intake (copied and VACUUM (ANALYZE) in {seconds:.1f} s)"
        )
    small, large = results[SMALL], results[LARGE]
    labels = list(small[3])
    print(f"{'Queries':<50} {SMALL:>8,} {LARGE:>9,}")
    for label in labels:
        q1, q2 = small[2][label], large[2][label]
        print(f"  {label:<48} {q1:>8} {q2:>9}   {'equal' if q1 == q2 else 'GROWS'}")
    print(
        f"Medians of {ROUNDS} rounds, × the trivial view at the same size; growth = "
        "(× at 100k) / (× at 1k)"
    )
    print(f"{'':<50} {'at 1,000':>22} {'at 100,000':>22} {'growth':>8}")
    base = "trivial view (baseline)"
    for label in labels:
        ratios, cells = [], []
        for result in (small, large):
            medians = result[3]
            ratio = medians[label] / medians[base]
            ratios.append(ratio)
            cells.append(f"{medians[label] * 1000:9.2f} ms {ratio:7.2f}×")
        print(f"{label:<50} {cells[0]:>22} {cells[1]:>22} {ratios[1] / ratios[0]:7.2f}×")


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.db import connection

    from benchmarks.targets import _unreachable

    if connection.vendor != "postgresql":
        print(f"Clock benchmark skipped: it needs PostgreSQL, DATABASE_URL is {connection.vendor}")
        return 0
    reason = _unreachable(connection.settings_dict)
    if reason:
        print(f"Clock benchmark skipped: PostgreSQL is unreachable ({reason})")
        return 0
    _benchmark()
    return 0


if __name__ == "__main__":
    sys.exit(main())
