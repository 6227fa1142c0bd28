"""gunicorn's configuration for the approvals benchmark: the project's own (config/gunicorn.py),
plus hooks around each approving request (POST …/tasks/<id>/complete/) that count its database
queries and its time inside the worker, written one line a request to a file per worker in
BENCH_APPROVALS_DIR. With BENCH_APPROVALS_PROFILE=1 the same requests also run under cProfile,
whose statistics each worker writes there when it exits. Used only by benchmarks/approvals.py:
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

    count = [0]

    def counting(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

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
    milliseconds = (time.perf_counter() - began) * 1000
    with open(os.path.join(_DIRECTORY, f"queries-{os.getpid()}.txt"), "a") as out:
        out.write(f"{resp.status_code} {count[0]} {milliseconds:.2f}\n")


def worker_exit(server, worker):
    if "profile" in _state:
        _state["profile"].dump_stats(os.path.join(_DIRECTORY, f"profile-{os.getpid()}.prof"))
