"""The staff site with 1,000 and then 100,000 applications in PostgreSQL: queries and medians.

Goal (issue 14): the queue, inbox, archive, process list and a task page each stay within
1.25× of their time at 1,000 applications and within 0.2× of Django's admin changelist of the
same rows at 100,000, with a number of queries that does not depend on the register's size.

Seeding. A handful of template applications are taken through the real procedure (factories
and workflow.services, so every row — plan, versions, history, reviews, approvals, refusals,
attachments, processes, tasks and their links — is what the flow writes): a draft, one waiting
for intake, one held by another intake clerk, one held by the measuring clerk, one waiting for
review, one for the decision, one returned for correction, one approved, one refused and one
withdrawn. Then each is copied with INSERT … SELECT … generate_series: every table that
refers to an application, a process or a task (found from the models' foreign keys) gets the
template's rows again with ids shifted by a copy number, unique text suffixed, and times moved
back by a minute per copy. Finished tasks are spread over a pool of clerks per role (the
measuring clerk is one of them), as a prefecture's staff share the work over the years.

The register grows, the work in hand does not: both sizes hold the same 200 applications in
the procedure (40 at each open step) and 5 tasks in the measuring clerk's inbox; the rest are
drafts (10 %) and finished applications (approved, refused, withdrawn). Then VACUUM (ANALYZE).

Measured through Django's test Client (the whole middleware: sessions, authentication, the
second factor, CSP, viewflow's site middleware), as the intake clerk: the queue, the inbox,
the archive, the process list and the task page of a held intake task; as a superuser: the
admin changelists of the same rows (viewflow's Task admin filtered by status NEW, ASSIGNED or
DONE, its Process admin) and the admin page of that task's process. Baseline: a trivial view
through the same client (bench/trivial/), so both pay the same middleware costs; every figure
is a ratio against the baseline measured at the same size, in the same run.

Run alone (a subprocess on PostgreSQL, database test_kakushin_bench_staff, dropped at the end;
skipped with a message if PostgreSQL cannot be reached):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kakushin_bench \
        uv run python -m benchmarks.staff_pages
"""

import os
import subprocess
import sys
import time

from django.http import HttpResponse
from django.urls import include, path

BENCH_DATABASE = "test_kakushin_bench_staff"
SMALL, LARGE = 1_000, 100_000
OPEN_PER_STEP = 40
INBOX = 5
POOL = 20  # clerks per role sharing the finished work
GROWTH_GOAL, ADMIN_GOAL = 1.25, 0.2
PAGES = ("queue", "inbox", "archive", "process list", "task page")
FINISHED_SHARE = {"approved": 0.6, "refused": 0.15, "withdrawn": 0.15}  # drafts: the rest


def trivial_view(request):
    return HttpResponse("ok")


def __getattr__(name: str):
    """`urlpatterns`: the project's URLs plus the trivial view (built once Django is set up)."""
    if name == "urlpatterns":
        return [
            path("bench/trivial/", trivial_view, name="bench-trivial"),
            path("", include("config.urls")),
        ]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run() -> None:
    """Run the benchmark in a process of its own, on PostgreSQL (see the module docstring)."""
    from benchmarks.targets import bench_database_url

    url = bench_database_url(os.environ.get("DATABASE_URL", ""))
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    sys.stdout.flush()
    result = subprocess.run([sys.executable, "-m", "benchmarks.staff_pages"], env=env, check=False)
    if result.returncode:
        print(f"Staff pages benchmark failed (exit status {result.returncode}); see above.")


# --- templates: the real procedure --------------------------------------------------------


def _users():
    from allauth.mfa.totp.internal.auth import generate_totp_secret

    from accounts.mfa import provision
    from tests import factories

    users = {
        role: [factories.make_user(role, username=f"bench-{role}-{n}") for n in range(POOL)]
        for role in ("intake", "reviewer", "approver")
    }
    admin = factories.make_user("admin", username="bench-admin")
    admin.is_staff = admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])
    provision(admin, generate_totp_secret())
    applicant = factories.make_user("applicant", username="bench-applicant@example.jp")
    return users, admin, applicant


def _templates(users, applicant) -> dict[str, int]:
    """{state: application id}, each taken through the flow as staff would."""
    from tests import factories
    from workflow import services

    me, other = users["intake"][0], users["intake"][1]
    reviewer, approver = users["reviewer"][0], users["approver"][0]
    company = factories.make_company(applicant)
    checklist = {"novelty": True, "feasibility": True, "funding": True, "policy": True}

    def step(application, name, user, decision, comment="", **extra):
        task = services.open_task(application, name)
        services.task_complete(task=task, user=user, decision=decision, comment=comment, **extra)

    def claim(application, name, user):
        services.task_claim(task=services.open_task(application, name), user=user)

    def submitted():
        application = factories.make_application(company, applicant)
        services.application_submit(
            application=application, actor=applicant, acknowledge_failures=False
        )
        return application

    made = {"draft": factories.make_application(company, applicant)}
    made["intake"] = submitted()
    made["intake held"] = submitted()
    claim(made["intake held"], "intake", other)
    made["inbox"] = submitted()
    claim(made["inbox"], "intake", me)
    made["review"] = submitted()
    step(made["review"], "intake", me, "accept")
    made["decision"] = submitted()
    step(made["decision"], "intake", me, "accept")
    step(made["decision"], "review", reviewer, "recommend_approval", "妥当", checklist=checklist)
    made["correction"] = submitted()
    step(made["correction"], "intake", me, "return", "売上高の根拠を示してください。")
    for state, decision in (("approved", "approve"), ("refused", "refuse")):
        made[state] = submitted()
        step(made[state], "intake", me, "accept")
        recommendation = "recommend_approval" if decision == "approve" else "recommend_refusal"
        step(made[state], "review", reviewer, recommendation, "所見", checklist=checklist)
        step(made[state], "decision", approver, decision, "理由は審査所見のとおり")
    made["withdrawn"] = submitted()
    services.application_withdraw(application=made["withdrawn"], actor=applicant)
    return {state: application.pk for state, application in made.items()}


# --- copies: INSERT … SELECT generate_series ----------------------------------------------


def _cloned_models() -> list:
    """Application and every model that refers to it, a process or a task (transitively),
    parents first; auto-created many-to-many tables included."""
    from django.apps import apps
    from viewflow.workflow.models import Process

    from approvals.models import Application

    # The process of an application is its child row's parent: start from both.
    order, members = [Application, Process], {Application, Process}
    changed = True
    while changed:
        changed = False
        for model in apps.get_models(include_auto_created=True):
            if model in members or model._meta.proxy:
                continue
            fks = [f for f in model._meta.concrete_fields if f.is_relation and f.many_to_one]
            fks += [f for f in model._meta.concrete_fields if f.one_to_one]
            if any(f.related_model in members for f in fks):
                order.append(model)
                members.add(model)
                changed = True
    return order


def _parents_first(models: list) -> list:
    placed, order = set(), []
    while len(order) < len(models):
        for model in models:
            if model in placed:
                continue
            parents = {  # nullable links (a process's parent task) are empty here
                f.related_model
                for f in model._meta.local_concrete_fields
                if f.is_relation
                and not f.null
                and f.related_model in models
                and f.related_model is not model
            }
            if parents <= placed:
                order.append(model)
                placed.add(model)
    return order


def _row_ids(models: list, application_ids: list[int]) -> dict:
    """{model: template row ids} of the applications, following the foreign keys."""
    from viewflow.workflow.models import Process

    from approvals.models import Application
    from workflow.models import ApplicationProcess

    ids = {Application: set(application_ids)}
    ids[Process] = set(
        ApplicationProcess.objects.filter(application_id__in=application_ids).values_list(
            "pk", flat=True
        )
    )
    for model in models:
        if model in ids:
            continue
        found = set()
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in ids:
                lookup = {f"{field.attname}__in": ids[field.related_model]}
                found |= set(model._default_manager.filter(**lookup).values_list("pk", flat=True))
        ids[model] = found
    return ids


def _spans(cursor, models: list) -> dict:
    """{model: one more than its largest id}: copy c shifts the ids of the model by c × span."""
    spans = {}
    for model in models:
        cursor.execute(
            f"SELECT coalesce(max({model._meta.pk.column}), 0) + 1 FROM {model._meta.db_table}"
        )
        spans[model] = cursor.fetchone()[0]
    return spans


def _unique_columns(model, cloned) -> set[str]:
    """Columns a copy must change to stay unique: unique text or numbers of its own. A unique
    constraint that holds a shifted foreign key is unique already; of one that does not, the
    text columns and the last number (the sequence of (fiscal_year, sequence)) change."""
    from django.db import models as m
    from django.db.models import UniqueConstraint

    own = [f for f in model._meta.concrete_fields if f.unique and not f.primary_key]
    columns = {f.column for f in own if not f.is_relation}
    for constraint in model._meta.constraints:
        if not (isinstance(constraint, UniqueConstraint) and constraint.fields):
            continue
        fields = [model._meta.get_field(name) for name in constraint.fields]
        if any(f.is_relation and f.related_model in cloned for f in fields):
            continue
        columns |= {f.column for f in fields if isinstance(f, m.CharField | m.TextField)}
        numbers = [f for f in fields if isinstance(f, m.IntegerField)]
        if numbers:
            columns.add(numbers[-1].column)
    return columns


def _column_sql(model, field, spans) -> str:
    from django.db import models as m

    column = f't."{field.column}"'
    target = field.related_model if field.is_relation else None
    if field.primary_key and not field.is_relation:
        return f"{column} + c * {spans[model]}"
    if target in spans:
        return f"{column} + c * {spans[target]}"
    if field.column in _unique_columns(model, spans) and not field.is_relation:
        if isinstance(field, m.CharField | m.TextField):
            return f"{column} || '-' || c"
        if isinstance(field, m.IntegerField):
            return f"{column} + c * 1000"
    if isinstance(field, m.DateTimeField):
        return f"{column} - c * interval '1 minute'"
    return column


def _copy(cursor, models, spans, row_ids, first: int, last: int) -> None:
    """Copies first … last (inclusive) of the templates whose rows are in row_ids."""
    for model in models:
        ids = sorted(row_ids.get(model, ()))
        if not ids:
            continue
        fields = model._meta.local_concrete_fields  # a child table holds its own columns
        columns = ", ".join(f'"{f.column}"' for f in fields)
        values = ", ".join(_column_sql(model, f, spans) for f in fields)
        cursor.execute(
            f"""
            INSERT INTO {model._meta.db_table} ({columns})
            SELECT {values} FROM {model._meta.db_table} AS t, generate_series(%s, %s) AS c
            WHERE t.{model._meta.pk.column} = ANY(%s)
            """,
            [first, last, ids],
        )


def _plan(size: int) -> dict[str, int]:
    """How many applications of each state a register of `size` holds (templates included)."""
    counts = {"inbox": INBOX}
    for state in ("intake", "intake held", "review", "decision", "correction"):
        counts[state] = OPEN_PER_STEP
    counts["intake"] -= INBOX  # the held ones are intake tasks too
    rest = size - sum(counts.values())
    for state, share in FINISHED_SHARE.items():
        counts[state] = int(rest * share)
    counts["draft"] = size - sum(counts.values())
    return counts


def _spread_owners(cursor, users, task_span_floor) -> None:
    """Finished tasks of the copies go round a pool of clerks per role."""
    from viewflow.workflow.models import Task

    for pool in users.values():
        ids = [user.pk for user in pool]
        cursor.execute(
            f"""
            UPDATE {Task._meta.db_table} SET owner_id = (%s::int[])[1 + id %% %s]
            WHERE id >= %s AND status = 'DONE' AND owner_id = ANY(%s)
            """,
            [ids, len(ids), task_span_floor, ids],
        )


class Register:
    """The templates and how many copies of each are in the database so far."""

    def __init__(self, cursor, users, templates: dict[str, int]):
        self.cursor, self.users = cursor, users
        self.models = _parents_first(_cloned_models())
        self.spans = _spans(cursor, self.models)
        self.rows = {state: _row_ids(self.models, [pk]) for state, pk in templates.items()}
        self.copies = dict.fromkeys(templates, 0)
        self.next_copy = 1

    def grow_to(self, size: int) -> float:
        from viewflow.workflow.models import Task

        began = time.perf_counter()
        for state, wanted in _plan(size).items():
            more = wanted - 1 - self.copies[state]
            if more <= 0:
                continue
            first = self.next_copy
            _copy(self.cursor, self.models, self.spans, self.rows[state], first, first + more - 1)
            self.copies[state] += more
            self.next_copy += more
        _spread_owners(self.cursor, self.users, self.spans[Task])
        self.cursor.execute("VACUUM (ANALYZE)")
        return time.perf_counter() - began


# --- measuring ------------------------------------------------------------------------------


def _requests(templates: dict[str, int]) -> list[tuple[str, str, str, dict]]:
    """(label, client, url, query) of every measured request; baselines first."""
    from django.urls import reverse

    from workflow.models import ApplicationProcess
    from workflow.services import open_task

    process = ApplicationProcess.objects.get(application_id=templates["inbox"])
    task = open_task(process.application, "intake")
    trivial = reverse("bench-trivial")
    return [
        ("trivial view, clerk (baseline)", "clerk", trivial, {}),
        ("queue", "clerk", reverse("staff:application:queue"), {}),
        ("inbox", "clerk", reverse("staff:application:inbox"), {}),
        ("archive", "clerk", reverse("staff:application:archive"), {}),
        ("process list", "clerk", reverse("staff:application:process_list"), {}),
        ("task page", "clerk", task.flow_task.reverse("execute", args=[process.pk, task.pk]), {}),
        ("trivial view, admin (baseline)", "admin", trivial, {}),
        (
            "admin: queue",
            "admin",
            reverse("admin:viewflow_task_changelist"),
            {"status__exact": "NEW"},
        ),
        (
            "admin: inbox",
            "admin",
            reverse("admin:viewflow_task_changelist"),
            {"status__exact": "ASSIGNED"},
        ),
        (
            "admin: archive",
            "admin",
            reverse("admin:viewflow_task_changelist"),
            {"status__exact": "DONE"},
        ),
        ("admin: process list", "admin", reverse("admin:viewflow_process_changelist"), {}),
        (
            "admin: task page",
            "admin",
            reverse("admin:viewflow_process_change", args=[process.pk]),
            {},
        ),
    ]


def _measure(clients, requests, *, rounds: int = 15, warmup: int = 2) -> tuple[dict, dict]:
    """Queries of each request, then medians over rounds in which every request runs once in
    turn, so that a busy moment of the machine falls on all of them alike."""
    import statistics

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    queries = {}
    for label, who, url, query in requests:
        clients[who].get(url, query)  # first-request work (caches, session) is not counted
        with CaptureQueriesContext(connection) as captured:
            response = clients[who].get(url, query)
        if response.status_code != 200:
            raise RuntimeError(f"{label}: HTTP {response.status_code}")
        queries[label] = len(captured)
    samples = {label: [] for label, *_rest in requests}
    for turn in range(warmup + rounds):
        for label, who, url, query in requests:
            began = time.perf_counter()
            clients[who].get(url, query)
            if turn >= warmup:
                samples[label].append(time.perf_counter() - began)
    return queries, {label: statistics.median(times) for label, times in samples.items()}


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
            users, admin, applicant = _users()
            templates = _templates(users, applicant)
            template_seconds = time.perf_counter() - began
            clients = {"clerk": Client(), "admin": Client()}
            clients["clerk"].force_login(users["intake"][0])
            clients["admin"].force_login(admin)
            requests = _requests(templates)
            results = {}
            with connection.cursor() as cursor:
                register = Register(cursor, users, templates)
                for size in (SMALL, LARGE):
                    seconds = register.grow_to(size)
                    rows = (Application.objects.count(), Task.objects.count())
                    results[size] = (seconds, rows, *_measure(clients, requests))
        _print(connection.pg_version, template_seconds, requests, results)
    finally:
        if not os.environ.get("BENCH_KEEP_DATABASE"):
            connection.creation.destroy_test_db(old_name, verbosity=0)


def _print(server, template_seconds, requests, results) -> None:
    major, minor = divmod(server, 10000)
    print(
        f"Staff pages with {LARGE:,} applications (PostgreSQL {major}.{minor}, database "
        f"{BENCH_DATABASE}, dropped afterwards); templates through the flow in "
        f"{template_seconds:.1f} s"
    )
    for size, (seconds, (applications, tasks), _q, _m) in results.items():
        print(
            f"  {size:>7,}: {applications:,} applications, {tasks:,} tasks "
            f"(copied and VACUUM (ANALYZE) in {seconds:.1f} s)"
        )
    small, large = results[SMALL], results[LARGE]
    print(f"{'Queries per page':<34} {SMALL:>8,} {LARGE:>9,}")
    for label, *_rest in requests:
        q1, q2 = small[2][label], large[2][label]
        print(f"  {label:<32} {q1:>8} {q2:>9}   {'equal' if q1 == q2 else 'GROWS'}")
    baselines = {}
    for label, who, *_rest in requests:
        baselines.setdefault(who, label)
    print(
        "Medians of 15 rounds (every request once a round, after 2 rounds of warm-up), × the "
        "trivial view through the same client at the same size; growth = (× at 100k) / (× at 1k)"
    )
    print(
        f"{'':<32} {'at 1,000':>20} {'at 100,000':>20} {'growth':>7} {'÷ admin':>8}  goals "
        f"(≤ {GROWTH_GOAL}×, ≤ {ADMIN_GOAL}×)"
    )
    for label, who, *_rest in requests:
        ratios = []
        cells = []
        for result in (small, large):
            medians = result[3]
            ratio = medians[label] / medians[baselines[who]]
            ratios.append(ratio)
            cells.append(f"{medians[label] * 1000:8.2f} ms {ratio:6.2f}×")
        growth = ratios[1] / ratios[0]
        line = f"{label:<32} {cells[0]:>20} {cells[1]:>20} {growth:6.2f}×"
        if label in PAGES:
            admin = large[3][f"admin: {label}"] / large[3][baselines["admin"]]
            versus = ratios[1] / admin
            verdicts = (
                "met" if growth <= GROWTH_GOAL else "NOT MET",
                "met" if versus <= ADMIN_GOAL else "NOT MET",
            )
            line += f" {versus:7.2f}×  {verdicts[0]}, {verdicts[1]}"
        print(line)


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.db import connection

    from benchmarks.targets import _unreachable

    where = f"{connection.settings_dict['HOST'] or 'localhost'}:{connection.settings_dict['PORT']}"
    if connection.vendor != "postgresql":
        print(
            "Staff pages benchmark skipped: it needs PostgreSQL, DATABASE_URL is "
            f"{connection.vendor}"
        )
        return 0
    reason = _unreachable(connection.settings_dict)
    if reason:
        print(f"Staff pages benchmark skipped: PostgreSQL at {where} is unreachable ({reason})")
        return 0
    _benchmark()
    return 0


if __name__ == "__main__":
    sys.exit(main())
