#!/usr/bin/env bash
# `make run`'s last step: the development web server and one task worker together (the worker
# issues notices and sends e-mails, see config/background.py); Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.local/bin:$PATH"

uv run python manage.py db_worker --interval 1 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true' EXIT INT TERM
uv run python manage.py runserver 127.0.0.1:8000
