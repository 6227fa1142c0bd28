"""gunicorn's configuration for the approvals benchmark: the project's own (config/gunicorn.py),
plus hooks around each approving request (POST …/tasks/<id>/complete/) that count its database
queries and time them — the whole request in the worker, its queries, the wait for the fiscal
year's number counter (its SELECT … FOR UPDATE) and the time from that lock to the end of the
request — one line a request, to a file per worker in BENCH_APPROVALS_DIR. With
BENCH_APPROVALS_PROFILE=1 the same requests also run under cProfile, whose statistics each
worker writes there when it exits. Used only by benchmarks/approvals.py:
`gunicorn -c benchmarks/approvals_gunicorn.py config.wsgi`.
"""

import cProfile
import os
import time

from config.gunicorn import *  # noqa: F403

_DIRECTORY = os.environ["BENCH_APPROVALS_DIR"]
_PROFILE = os.environ.get("BENCH_APPROVALS_PROFILE") == "1"
_state = {}


def _approving(req) -> bool:
    return req.method == "POST" and req.path.endswith("/complete/")


def pre_request(worker, req):
    if not _approving(req):
        return
    from django.db import connection

    # [queries, seconds in them, seconds waiting for the year's number counter, when it was had]
    count = [0, 0.0, 0.0, None]

    def counting(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            seconds = time.perf_counter() - began
            count[0] += 1
            count[1] += seconds
            if "approvals_approvalcounter" in sql and "FOR UPDATE" in sql:
                count[2] += seconds
                count[3] = time.perf_counter()

    connection.execute_wrappers.append(counting)
    _state["request"] = (connection, counting, count, time.perf_counter())
    if _PROFILE:
        _state.setdefault("profile", cProfile.Profile()).enable()


def post_request(worker, req, environ, resp):
    entry = _state.pop("request", None)
    if entry is None:
        return
    if _PROFILE:
        _state["profile"].disable()
    connection, counting, count, began = entry
    connection.execute_wrappers.remove(counting)
    ended = time.perf_counter()
    queries, in_queries, counter_wait, counter_had = count
    held = ended - counter_had if counter_had is not None else 0.0
    with open(os.path.join(_DIRECTORY, f"queries-{os.getpid()}.txt"), "a") as out:
        # status, queries, then seconds: the whole request in the worker, in its queries,
        # waiting for the number counter's lock, from that lock to the end of the request
        fields = (resp.status_code, queries, ended - began, in_queries, counter_wait, held)
        out.write(" ".join(map(str, fields)) + "\n")


def worker_exit(server, worker):
    if "profile" in _state:
        _state["profile"].dump_stats(os.path.join(_DIRECTORY, f"profile-{os.getpid()}.prof"))
