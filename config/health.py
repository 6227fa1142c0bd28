"""Health endpoints for the load balancer and the orchestrator.

- `/healthz` (liveness): the process answers. Touches nothing else, so a database outage does
  not get every web process restarted.
- `/readyz` (readiness): every check in `CHECKS` passes: the database answers, the cache
  answers, the default storage answers, no migration is waiting, no due background task has
  waited more than 5 minutes for a worker (config.background). 503 names the failing checks
  and nothing more (no message, no trace: the details go to the log).

A check is a function that returns normally when all is well and raises otherwise; `@check(name)`
adds one (e.g. the background tasks' "a worker was seen lately"). Neither endpoint needs a
sign-in, a second factor or HTTPS (settings.SECURE_REDIRECT_EXEMPT), and neither is ever cached.
The load balancer must ask with a Host header that is in ALLOWED_HOSTS, or Django answers 400.
"""

import logging
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

CHECKS: list[tuple[str, Callable[[], None]]] = []


class NotReady(Exception):
    """A check found something wrong that raised nothing by itself."""


def check(name: str):
    """Adds the decorated function to the readiness checks under `name`."""

    def register(function):
        CHECKS.append((name, function))
        return function

    return register


@check("database")
def database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


@check("cache")
def shared_cache():
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        if cache.get(key) != "ok":
            raise NotReady("the cache did not keep a value")
    finally:
        cache.delete(key)


@check("storage")
def storage():
    # A name nothing is stored under: the answer does not matter, reaching the storage does.
    default_storage.exists("readyz-probe")


@check("migrations")
def migrations():
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise NotReady("migrations not applied")


@check("workers")
def workers():
    from config import background

    if background.stores_jobs():
        silent = background.workers_silent()
        if silent is not None:
            raise NotReady(f"a due task has waited {silent} for a worker")


def run_checks() -> dict[str, str]:
    results = {}
    for name, function in CHECKS:
        try:
            function()
        except Exception:
            logger.exception("Readiness check %s failed", name)
            results[name] = "failed"
        else:
            results[name] = "ok"
    return results


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok", "checks": {}})


@never_cache
@require_safe
def readyz(request):
    checks = run_checks()
    ok = all(result == "ok" for result in checks.values())
    body = {"status": "ok" if ok else "unavailable", "checks": checks}
    return JsonResponse(body, status=200 if ok else 503)
