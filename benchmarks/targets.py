"""Target ② with 1,000,000 approvals in PostgreSQL: queries per request and median times.

Goal (issue): the target ② page and API keep the same number of queries whatever the data,
and their median time stays within 2× of a trivial Django view measured in the same run.

Measured, through Django's test Client: the public dashboard (/targets/), the same page as
policy staff (with its drill-down of the latest year by region, industry and activity type),
GET /api/v1/targets/target-2/, the CSV, and the breakdown API by region, industry and
activity type (policy staff). Baselines: a trivial view returning HttpResponse("ok"), reached
through this module's urlconf (the project's URLs plus bench/trivial/; nothing is added to the
project), once anonymously and once signed in as policy staff. Each request is compared with
the trivial view through the same client, so both pay the same middleware and session costs.

Queries are counted (CaptureQueriesContext) and medians taken after seeding 1,000 approvals
and again at 1,000,000; the goal is judged at 1,000,000, and the growth column shows how much
of the time grows with the data. Seeding is raw SQL (INSERT … SELECT generate_series):
5,000 companies over every region, eight industries and two places outside the prefecture;
one approved application per approval with one or two activity types; approvals dated
evenly from FY2007 to today, in the order a live system adds them, one in ten a change
approval (which must not count); one legacy approval per hundred. Then VACUUM (ANALYZE):
statistics and visibility map as autovacuum keeps them (index-only scans rely on the latter).
The day tally and the drill-down's tally that approval_grant keeps (ApprovalDayCount,
ApprovalBreakdownCount; the approval records the company's region and industry) are filled as
those approvals would have left them, and the API's cumulative actual is checked against a
count of the approvals themselves made directly in SQL. Two more references: a page of the site
with no data (the base template only) shows what is left once template rendering is accounted
for, and the trivial view plus the token read (the one query a warm target request makes to
know it is not stale) shows the floor that freshness alone puts under every target request.

The public figures are kept in the target memo between approvals (approvals.targets.memo), so
the medians above are what a visitor gets between two approvals: one query for the token. The
seeding replaces the token as approval_grant does, and the first request after an approval,
which builds everything again, is measured separately.

Why a subprocess: the settings read DATABASE_URL once, when Django is set up, and
`python -m benchmarks` sets up Django (on SQLite unless told otherwise) before the
benchmarks are imported. Rather than swap the database of a configured process, `run()`
starts `python -m benchmarks.targets` with DATABASE_URL pointing at PostgreSQL: the one in
DATABASE_URL if it is PostgreSQL, else postgres://postgres@127.0.0.1:5432/kakushin_bench.
That process creates its own database, test_kakushin_bench (never the test suite's
test_<name>), and drops it at the end. If PostgreSQL cannot be reached it prints why the
benchmark is skipped and exits 0, so the other benchmarks are unaffected.
"""

import os
import subprocess
import sys
import time
from datetime import date

from django.http import HttpResponse
from django.urls import include, path

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/kakushin_bench"
BENCH_DATABASE = "test_kakushin_bench"
POSTGRES_SCHEMES = ("postgres", "postgresql", "pgsql", "postgis")
SMALL, LARGE = 1_000, 1_000_000
COMPANIES = 5_000
GOAL_RATIO = 2.0
FIRST_YEAR = 2007

# Municipalities in every region of Kanagawa, and two outside it (region "").
MUNICIPALITIES = (
    ("神奈川県", "横浜市中区"),
    ("神奈川県", "川崎市"),
    ("神奈川県", "相模原市"),
    ("神奈川県", "横須賀市"),
    ("神奈川県", "藤沢市"),
    ("神奈川県", "厚木市"),
    ("神奈川県", "小田原市"),
    ("神奈川県", "鎌倉市"),
    ("神奈川県", "平塚市"),
    ("東京都", "千代田区"),
    ("静岡県", "熱海市"),
)


SITE_PAGE = "site page, base template, no data"
TOKEN_FLOOR = "trivial view + the token read (floor)"
REFERENCES = (SITE_PAGE, TOKEN_FLOOR)
PUBLIC = ("dashboard /targets/", "API target-2", "CSV target-2.csv")
COLD = (*PUBLIC, "dashboard as policy (+ drill-down)")


def trivial_view(request):
    return HttpResponse("ok")


def token_floor_view(request):
    """The trivial view plus the one query every warm target request makes (the token read):
    the least a response that is never stale can cost while the figures live in PostgreSQL."""
    from approvals.targets.memo import current_token

    current_token()
    return HttpResponse("ok")


def site_page_view(request):
    """A page of the site with no data: the base template (header, menu, footer) only."""
    from django.template import engines

    template = engines["django"].from_string(
        '{% extends "base.html" %}{% block content %}<h1>ok</h1>{% endblock %}'
    )
    return HttpResponse(template.render({}, request))


def __getattr__(name: str):
    """`urlpatterns` (this module is the urlconf while measuring): the project's URLs plus the
    trivial view. Built on first use, since `python -m benchmarks.targets` imports this module
    before Django is set up and config.urls imports models."""
    if name == "urlpatterns":
        return [
            path("bench/trivial/", trivial_view, name="bench-trivial"),
            path("bench/site-page/", site_page_view, name="bench-site-page"),
            path("bench/token-floor/", token_floor_view, name="bench-token-floor"),
            path("", include("config.urls")),
        ]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def bench_database_url(database_url: str) -> str:
    scheme = database_url.partition("://")[0].lower()
    return database_url if scheme in POSTGRES_SCHEMES else DEFAULT_DATABASE_URL


def run() -> None:
    """Run the benchmark in a process of its own, on PostgreSQL (see the module docstring)."""
    url = bench_database_url(os.environ.get("DATABASE_URL", ""))
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    sys.stdout.flush()
    result = subprocess.run([sys.executable, "-m", "benchmarks.targets"], env=env, check=False)
    if result.returncode:
        print(f"Target ② benchmark failed (exit status {result.returncode}); see above.")


def _unreachable(settings_dict: dict) -> str | None:
    """Why PostgreSQL cannot be reached, or None."""
    import psycopg

    try:
        psycopg.connect(
            host=settings_dict["HOST"] or None,
            port=settings_dict["PORT"] or None,
            user=settings_dict["USER"] or None,
            password=settings_dict["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=5,
        ).close()
    except psycopg.Error as error:
        return " ".join(str(error).split()) or type(error).__name__
    return None


def _advance_id_sequence(cursor, table: str) -> None:
    """After rows were inserted with explicit ids, the next ORM insert gets a fresh one."""
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence(%s, 'id'), max(id)) FROM {table}", [table]
    )


def _seed_base(cursor, today: date) -> dict:
    """Users and companies; returns what the approval rows refer to."""
    from allauth.mfa.totp.internal.auth import generate_totp_secret

    from accounts.mfa import provision
    from accounts.services import user_upsert
    from approvals.models import Application, Company
    from approvals.regions import region_for

    approver, _created = user_upsert(username="bench-approver", role="approver")
    policy, _created = user_upsert(username="bench-policy", role="policy")
    provision(policy, generate_totp_secret())  # staff pages open only after the second factor
    cursor.execute(f"SELECT coalesce(max(id), 0) FROM {Company._meta.db_table}")
    company_base = cursor.fetchone()[0]
    industries = [value for value, _label in Company._meta.get_field("industry").choices]
    cursor.execute(
        f"""
        INSERT INTO {Company._meta.db_table} (
            id, corporate_number, name, legal_form, representative_title, representative_name,
            postal_code, prefecture, municipality, address, phone, email, industry, capital,
            employees, fiscal_year_end_month, founded_on, closed_fiscal_years, region,
            created_at, updated_at
        )
        SELECT %(base)s + c, '', '株式会社ベンチ' || c, 'kabushiki', '代表取締役', '神奈川 太郎',
            '2310023', (%(prefectures)s::text[])[1 + c %% %(places)s],
            (%(municipalities)s::text[])[1 + c %% %(places)s], '1-1', '', '',
            (%(industries)s::text[])[1 + (c / %(places)s) %% %(industry_count)s], 10000000,
            20, 3, NULL, 5, (%(regions)s::text[])[1 + c %% %(places)s], now(), now()
        FROM generate_series(0, %(companies)s - 1) AS c
        """,
        {
            "base": company_base,
            "prefectures": [p for p, _m in MUNICIPALITIES],
            "municipalities": [m for _p, m in MUNICIPALITIES],
            "regions": [region_for(m) for _p, m in MUNICIPALITIES],
            "places": len(MUNICIPALITIES),
            "industries": industries,
            "industry_count": len(industries),
            "companies": COMPANIES,
        },
    )
    _advance_id_sequence(cursor, Company._meta.db_table)
    cursor.execute(f"SELECT coalesce(max(id), 0) FROM {Application._meta.db_table}")
    return {
        "approver": approver.pk,
        "policy": policy,
        "company_base": company_base,
        "application_base": cursor.fetchone()[0],
        "today": today,
    }


def _seed_approvals(cursor, base: dict, start: int, stop: int) -> None:
    """Approvals i = start+1 … stop, each on an approved application of its own.

    Laid out as a live system accumulates them: ids in order of the approval date, the dates
    spread evenly from 1 April 2007 to today (so each chunk covers FY2007–2026), numbered
    gaplessly within each fiscal year after the counter's last number; one in ten is a change
    approval, which target ② must not count. Companies and activity types rotate with i.
    """
    from approvals.fiscal import fiscal_year_of
    from approvals.models import (
        Application,
        ApplicationActivity,
        Approval,
        ApprovalBreakdownCount,
        ApprovalCounter,
        ApprovalDayCount,
        Company,
        LegacyApproval,
    )

    first_day = date(FIRST_YEAR, 4, 1)
    params = {
        "lo": start + 1,
        "hi": stop,
        "count": stop - start,
        "first_day": first_day,
        "span": (base["today"] - first_day).days + 1,
        "app_base": base["application_base"],
        "company_base": base["company_base"],
        "companies": COMPANIES,
        "user": base["approver"],
        "codes": [value for value, _label in ApplicationActivity._meta.get_field("code").choices],
        "first": FIRST_YEAR,
        "last_legacy": fiscal_year_of(base["today"]) - 1,
    }
    cursor.execute(
        f"""
        INSERT INTO {Application._meta.db_table} (
            id, company_id, reference, status, rule_set, theme, existing_business, content,
            novelty, plan_start, period_years, rd_years, acknowledged_failures, version,
            submitted_at, decided_at, created_by_id, created_at, updated_at
        )
        SELECT %(app_base)s + i, %(company_base)s + (i::bigint * 7919) %% %(companies)s,
            'BENCH-' || i, 'approved', '2020', 'ベンチマーク計画 ' || i, '', '', '', NULL, 3, 0,
            false, 1, now(), now(), %(user)s, now(), now()
        FROM generate_series(%(lo)s, %(hi)s) AS i
        """,
        params,
    )
    cursor.execute(
        f"""
        INSERT INTO {ApplicationActivity._meta.db_table} (application_id, code)
        SELECT %(app_base)s + i, (%(codes)s::text[])[1 + i %% 5]
        FROM generate_series(%(lo)s, %(hi)s) AS i
        UNION ALL
        SELECT %(app_base)s + i, (%(codes)s::text[])[1 + (i + 2) %% 5]
        FROM generate_series(%(lo)s, %(hi)s) AS i WHERE i %% 3 = 0
        """,
        params,
    )
    cursor.execute(
        f"""
        WITH dated AS (
            SELECT i, day, EXTRACT(YEAR FROM day - INTERVAL '3 months')::int AS fy
            FROM generate_series(%(lo)s, %(hi)s) AS i,
                LATERAL (
                    SELECT %(first_day)s::date
                        + ((i - %(lo)s)::bigint * %(span)s / %(count)s)::int AS day
                ) AS d
        ), numbered AS (
            SELECT dated.*, coalesce(c.last_number, 0)
                + row_number() OVER (PARTITION BY dated.fy ORDER BY dated.i) AS seq
            FROM dated LEFT JOIN {ApprovalCounter._meta.db_table} AS c ON c.fiscal_year = dated.fy
        )
        INSERT INTO {Approval._meta.db_table} (
            application_id, fiscal_year, sequence, number, approved_on, kind, approved_by_id,
            region, industry, issuer_title, issuer_name, issuer_prefecture, created_at
        )
        SELECT %(app_base)s + i, fy, seq, '経革第' || seq || '号', day,
            CASE WHEN i %% 10 = 3 THEN 'change' ELSE 'new' END, %(user)s,
            company.region, company.industry, '神奈川県知事', '神奈川 太郎', '神奈川県', now()
        FROM numbered JOIN {Company._meta.db_table} AS company
            ON company.id = %(company_base)s + (i::bigint * 7919) %% %(companies)s
        ORDER BY i
        """,
        params,
    )
    # Imported legacy approvals (one per 100 approvals), FY2007 to last year.
    cursor.execute(
        f"""
        INSERT INTO {LegacyApproval._meta.db_table} (
            approved_on, fiscal_year, company_name, theme, number, municipality, region,
            industry, activity_types, imported_at
        )
        SELECT make_date(fy, 4, 1) + (i %% 365), fy, '旧ベンチ' || i, '過去の計画 ' || i, '',
            '小田原市', '県西', 'retail', 'new_product,rnd', now()
        FROM generate_series(%(lo)s / 100 + 1, %(hi)s / 100) AS i,
            LATERAL (SELECT %(first)s + i %% (%(last_legacy)s - %(first)s + 1) AS fy) AS y
        """,
        params,
    )
    # The day tally approval_grant keeps in each approving transaction, as it stands after them.
    cursor.execute(
        f"""
        INSERT INTO {ApprovalDayCount._meta.db_table} (day, fiscal_year, new_plans)
        SELECT approved_on, fiscal_year, count(*) FROM {Approval._meta.db_table}
        WHERE kind = 'new' GROUP BY approved_on, fiscal_year
        ON CONFLICT (day) DO UPDATE SET new_plans = EXCLUDED.new_plans
        """
    )
    # The drill-down's tally, kept by approval_grant too: the chunk's approvals added.
    tally = ApprovalBreakdownCount._meta.db_table
    new_in_chunk = """a.kind = 'new'
        AND a.application_id BETWEEN %(app_base)s + %(lo)s AND %(app_base)s + %(hi)s"""
    cursor.execute(
        f"""
        INSERT INTO {tally} (fiscal_year, dimension, key, new_plans)
        SELECT a.fiscal_year, 'region', a.region, count(*)
        FROM {Approval._meta.db_table} AS a WHERE {new_in_chunk}
        GROUP BY a.fiscal_year, a.region
        UNION ALL
        SELECT a.fiscal_year, 'industry', a.industry, count(*)
        FROM {Approval._meta.db_table} AS a WHERE {new_in_chunk}
        GROUP BY a.fiscal_year, a.industry
        UNION ALL
        SELECT a.fiscal_year, 'activity_type', act.code, count(*)
        FROM {Approval._meta.db_table} AS a
        JOIN {ApplicationActivity._meta.db_table} AS act ON act.application_id = a.application_id
        WHERE {new_in_chunk}
        GROUP BY a.fiscal_year, act.code
        ON CONFLICT (fiscal_year, dimension, key)
            DO UPDATE SET new_plans = {tally}.new_plans + EXCLUDED.new_plans
        """,
        params,
    )
    cursor.execute(
        f"""
        INSERT INTO {ApprovalCounter._meta.db_table} (fiscal_year, last_number)
        SELECT fiscal_year, max(sequence) FROM {Approval._meta.db_table} GROUP BY fiscal_year
        ON CONFLICT (fiscal_year) DO UPDATE SET last_number = EXCLUDED.last_number
        """
    )
    _advance_id_sequence(cursor, Application._meta.db_table)


def _seed(cursor, base: dict, start: int, stop: int) -> float:
    from approvals.targets.memo import bump_target_revision

    began = time.perf_counter()
    _seed_approvals(cursor, base, start, stop)
    bump_target_revision()  # as each approval_grant does: what was kept is no longer served
    # As autovacuum leaves a table that grew by inserts: statistics and visibility map.
    cursor.execute("VACUUM (ANALYZE)")
    return time.perf_counter() - began


def _requests() -> list[tuple[str, str, str, dict]]:
    """(label, client, path, query) of every measured request; baselines first."""
    from django.urls import reverse

    code = "target-2"
    breakdown = reverse("approvals_api:target-breakdown", args=[code])
    trivial = reverse("bench-trivial")
    return [
        ("trivial view, anonymous (baseline)", "anonymous", trivial, {}),
        (TOKEN_FLOOR, "anonymous", reverse("bench-token-floor"), {}),
        (SITE_PAGE, "anonymous", reverse("bench-site-page"), {}),
        ("dashboard /targets/", "anonymous", reverse("approvals:targets"), {}),
        ("API target-2", "anonymous", reverse("approvals_api:target-detail", args=[code]), {}),
        ("CSV target-2.csv", "anonymous", reverse("approvals_api:target-csv", args=[code]), {}),
        ("trivial view, policy (baseline)", "policy", trivial, {}),
        ("dashboard as policy (+ drill-down)", "policy", reverse("approvals:targets"), {}),
        *(
            (f"breakdown API by {by}, FY2025", "policy", breakdown, {"by": by, "fiscal_year": 2025})
            for by in ("region", "industry", "activity_type")
        ),
    ]


def _query_counts(clients: dict, requests: list) -> dict[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for label, who, url, query in requests:
        clients[who].get(url, query)  # first-request work (caches, session) is not counted
        with CaptureQueriesContext(connection) as captured:
            response = clients[who].get(url, query)
        if response.status_code != 200:
            raise RuntimeError(f"{label}: HTTP {response.status_code}")
        counts[label] = len(captured)
    return counts


def _medians(clients: dict, requests: list) -> dict[str, float]:
    from benchmarks.timing import median_seconds

    return {
        label: median_seconds(lambda who=who, url=url, query=query: clients[who].get(url, query))
        for label, who, url, query in requests
    }


def _cold_medians(clients: dict, requests: list) -> dict[str, float]:
    """The first request after an approval: the token replaced, then the request (which
    builds the figures again). The replacement is an UPDATE in its own transaction, timed
    with the request, as a small overstatement."""
    from approvals.targets.memo import bump_target_revision
    from benchmarks.timing import median_seconds

    return {
        label: median_seconds(
            lambda who=who, url=url: (bump_target_revision(), clients[who].get(url)), repeat=30
        )
        for label, who, url, _query in requests
        if label in COLD
    }


def _check_counts(cursor, clients: dict) -> str:
    """The API's cumulative actual for the current year against a count made here."""
    from django.urls import reverse

    from approvals.models import Approval, LegacyApproval, TargetSeries

    series = TargetSeries.objects.get(code="target-2")
    cursor.execute(
        f"SELECT count(*) FROM {Approval._meta.db_table} WHERE kind = 'new' AND approved_on > %s",
        [series.baseline_as_of],
    )
    expected = series.baseline_count + cursor.fetchone()[0]
    cursor.execute(
        f"SELECT count(*) FROM {LegacyApproval._meta.db_table} WHERE approved_on > %s",
        [series.baseline_as_of],
    )
    expected += cursor.fetchone()[0]
    body = clients["anonymous"].get(reverse("approvals_api:target-detail", args=["target-2"]))
    actual = max(y["actual"] or 0 for y in body.json()["years"])
    verdict = "equal" if actual == expected else "DIFFERENT"
    return f"API cumulative actual {actual:,}, counted directly {expected:,}: {verdict}"


def _benchmark() -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment
    from django.utils import timezone

    from approvals.models import Approval

    approvals = Approval._meta.db_table
    setup_test_environment()
    connection.settings_dict["TEST"]["NAME"] = BENCH_DATABASE
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with override_settings(ROOT_URLCONF="benchmarks.targets"), connection.cursor() as cursor:
            base = _seed_base(cursor, timezone.localdate())
            clients = {"anonymous": Client(), "policy": Client()}
            clients["policy"].force_login(base["policy"])
            requests = _requests()
            small_seconds = _seed(cursor, base, 0, SMALL)
            small_queries = _query_counts(clients, requests)
            small_medians = _medians(clients, requests)
            large_seconds = _seed(cursor, base, SMALL, LARGE)
            cursor.execute(
                f"SELECT count(*), count(*) FILTER (WHERE kind = 'change') FROM {approvals}"
            )
            total, changes = cursor.fetchone()
            large_queries = _query_counts(clients, requests)
            large_medians = _medians(clients, requests)
            cold = _cold_medians(clients, requests)
            check = _check_counts(cursor, clients)
        _print(
            server=connection.pg_version,
            seeding=(small_seconds, large_seconds),
            rows=(total, changes),
            requests=requests,
            queries=(small_queries, large_queries),
            medians=(small_medians, large_medians),
            cold=cold,
            check=check,
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _print(*, server, seeding, rows, requests, queries, medians, cold, check) -> None:
    major, minor = divmod(server, 10000)
    print(
        f"Target ② with {LARGE:,} approvals (PostgreSQL {major}.{minor}, "
        f"database {BENCH_DATABASE}, dropped afterwards)"
    )
    print(
        f"seeded {SMALL:,} approvals in {seeding[0]:.2f} s, then {LARGE - SMALL:,} more in "
        f"{seeding[1]:.1f} s (INSERT … SELECT generate_series, VACUUM (ANALYZE) included)"
    )
    print(f"{rows[0]:,} approval rows, {rows[1]:,} of them change approvals; {check}")
    print(f"{'Queries per request':<48} {SMALL:>9,} {LARGE:>11,}")
    for label, _who, _url, _query in requests:
        small, large = queries[0][label], queries[1][label]
        verdict = "equal" if small == large else "GROWS"
        print(f"{'  ' + label:<48} {small:>9} {large:>11}   {verdict}")
    print(
        f"Median of 50 after 5 warm-up runs; ratio against the trivial view through the same "
        f"client (goal ≤ {GOAL_RATIO:g}× at {LARGE:,}); growth = median at {LARGE:,} / at {SMALL:,}"
    )
    print(f"{'':<40} {f'at {SMALL:,}':>19} {f'at {LARGE:,}':>19} {'growth':>6}  goal")
    baseline = {}
    for label, who, _url, _query in requests:
        baseline.setdefault(who, label)
        figures = []
        for size in (0, 1):
            seconds = medians[size][label]
            ratio = seconds / medians[size][baseline[who]]
            figures.append(f"{seconds * 1000:8.2f} ms {ratio:6.2f}×")
        growth = medians[1][label] / medians[0][label]
        reference = label in (baseline[who], *REFERENCES)
        verdict = "" if reference else "met" if ratio <= GOAL_RATIO else "NOT MET"
        print(f"{label:<40} {figures[0]:>19} {figures[1]:>19} {growth:5.2f}×  {verdict}")
    for reference, title in (
        (SITE_PAGE, "a page of the site with no data (base template)"),
        (TOKEN_FLOOR, "the trivial view plus the token read"),
    ):
        print(f"Against {title} at {LARGE:,}:")
        for label in PUBLIC:
            print(f"  {label:<38} {medians[1][label] / medians[1][reference]:6.2f}×")
    print(
        f"The first request after an approval at {LARGE:,} (the memo rebuilt; median of 30, "
        f"the token's UPDATE included), against the warm request above:"
    )
    for label in COLD:
        print(f"  {label:<38} {cold[label] * 1000:8.2f} ms {cold[label] / medians[1][label]:6.2f}×")


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.db import connection

    where = f"{connection.settings_dict['HOST'] or 'localhost'}:{connection.settings_dict['PORT']}"
    if connection.vendor != "postgresql":
        print(
            f"Target ② benchmark skipped: it needs PostgreSQL, DATABASE_URL is {connection.vendor}"
        )
        return 0
    reason = _unreachable(connection.settings_dict)
    if reason:
        print(f"Target ② benchmark skipped: PostgreSQL at {where} is unreachable ({reason})")
        return 0
    _benchmark()
    return 0


if __name__ == "__main__":
    sys.exit(main())
