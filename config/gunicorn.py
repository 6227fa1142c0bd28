"""gunicorn's configuration: `gunicorn -c config/gunicorn.py config.wsgi`.

Sync workers, one request at a time per process, no threads: WeasyPrint renders through Pango,
which is not thread-safe. More throughput is more processes (WEB_CONCURRENCY) or more machines.
Every value comes from the environment (README, Production).
"""

import multiprocessing
import os

from gunicorn.glogging import Logger

from config import logs


def _bind() -> list[str]:
    if os.environ.get("GUNICORN_BIND"):
        return [b.strip() for b in os.environ["GUNICORN_BIND"].split(",") if b.strip()]
    if os.environ.get("PORT"):
        return [f"0.0.0.0:{int(os.environ['PORT'])}"]
    return ["127.0.0.1:8000"]


def _workers() -> int:
    if os.environ.get("WEB_CONCURRENCY"):
        return max(1, int(os.environ["WEB_CONCURRENCY"]))
    # The usual 2 × CPUs + 1, capped: each process holds WeasyPrint and its fonts (~150 MB)
    # and a database connection; past 8, add machines rather than processes.
    return min(2 * multiprocessing.cpu_count() + 1, 8)


bind = _bind()
workers = _workers()
worker_class = "sync"
threads = 1
# A request (a PDF, an export) may take this long before its worker is killed and restarted.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# A worker is replaced after this many requests (jittered, so not all at once): what a
# long-lived process accumulates (font caches, fragmentation) is given back.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = max_requests // 10
# The proxies whose X-Forwarded-* headers are believed (comma-separated addresses or networks).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No gunicornc control socket: one per user's home would clash between several gunicorns.
control_socket_disable = True

# Logs: the access log on stdout, gunicorn's own on stderr, in LOG_FORMAT (json by default).
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "INFO").lower()


class AccessLogger(Logger):
    """gunicorn's logger with the access log as one record a request: method, path (never the
    query string, which may hold an address), status, duration, size, and the request's id and
    user id that the application left in the environ (config.logs)."""

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        status = str(resp.status).split(None, 1)[0]
        method, path = environ.get("REQUEST_METHOD"), environ.get("PATH_INFO")
        self.access_log.info(
            "%s %s %s",
            method,
            path,
            status,
            extra={
                "request_id": environ.get(logs.ENVIRON_REQUEST_ID),
                "user_id": environ.get(logs.ENVIRON_USER_ID),
                "method": method,
                "path": path,
                "status": int(status) if status.isdigit() else status,
                "duration_ms": round(request_time.total_seconds() * 1000, 1),
                "bytes": getattr(resp, "sent", None),
            },
        )


logger_class = AccessLogger
logconfig_dict = logs.gunicorn_logging_config(
    fmt=os.environ.get("LOG_FORMAT", "json"), level=loglevel.upper()
)
