"""Production settings: no default secret, and `check --deploy` passes given the variables."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from whitenoise.storage import CompressedManifestStaticFilesStorage

from config.staticfiles import StaticFilesStorage

ROOT = Path(__file__).resolve().parent.parent


def _check_deploy(**env):
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL"}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    base.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _check_deploy(ALLOWED_HOSTS="kakushin.example.jp", DATABASE_URL="sqlite:///:memory:")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


PRODUCTION = {
    "SECRET_KEY": "k" * 20 + "-long-random-production-secret-0123456789abcdef",
    "ALLOWED_HOSTS": "kakushin.example.jp",
    "DATABASE_URL": "sqlite:///:memory:",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def test_production_passes_the_deploy_check_with_its_variables():
    result = _check_deploy(**PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_refuses_to_start_without_a_shared_cache():
    """Throttles and sign-in limits kept in one worker's memory would not limit anything."""
    result = _check_deploy(**{**PRODUCTION, "REDIS_URL": ""})
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr


def test_interface_is_japanese_even_for_an_english_browser(client, db):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "ja"
    assert 'lang="ja"' in response.content.decode()


def test_the_language_switcher_choice_is_kept(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/accounts/login/")
    assert response["Content-Language"] == "en"
    assert 'lang="en"' in response.content.decode()


# What the production settings make of their environment, read in a fresh process.
_INSPECT = """
import json, sys
import django
from django.conf import settings
django.setup()
out = {
    "staticfiles": settings.STORAGES["staticfiles"]["BACKEND"],
    "middleware": settings.MIDDLEWARE,
    "log_formatter": settings.LOGGING["handlers"]["console"]["formatter"],
    "redirect_exempt": settings.SECURE_REDIRECT_EXEMPT,
    "email": [settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT,
              settings.EMAIL_HOST_USER, settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT],
    "admins": [list(pair) for pair in settings.ADMINS],
    "server_email": settings.SERVER_EMAIL,
    "sentry_imported": "sentry_sdk" in sys.modules,
}
if out["sentry_imported"]:
    import sentry_sdk
    options = sentry_sdk.get_client().options
    out["sentry"] = [options["send_default_pii"], options["release"], options["dsn"]]
print(json.dumps(out))
"""


def _production(**env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SENTRY_", "EMAIL_"))}
    base.update(DJANGO_SETTINGS_MODULE="config.settings.production", **PRODUCTION, **env)
    result = subprocess.run(
        [sys.executable, "-c", _INSPECT],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_production_serves_hashed_compressed_static_files_with_whitenoise():
    """Right after SecurityMiddleware (HTTPS redirect and headers first), before sessions."""
    seen = _production()
    assert seen["staticfiles"] == "config.staticfiles.StaticFilesStorage"
    assert issubclass(StaticFilesStorage, CompressedManifestStaticFilesStorage)
    middleware = seen["middleware"]
    security = middleware.index("django.middleware.security.SecurityMiddleware")
    assert middleware[security + 1] == "whitenoise.middleware.WhiteNoiseMiddleware"
    assert seen["log_formatter"] == "json"
    assert seen["redirect_exempt"] == [r"^healthz$", r"^readyz$"]
    assert seen["sentry_imported"] is False


def test_development_and_tests_keep_the_plain_static_storage_and_readable_logs(settings):
    assert settings.STORAGES["staticfiles"]["BACKEND"] == (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    assert "whitenoise.middleware.WhiteNoiseMiddleware" not in settings.MIDDLEWARE
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "text"


def test_production_reads_mail_from_an_email_url_and_admins_from_a_list():
    seen = _production(
        EMAIL_URL="smtp+tls://mailer:secret@smtp.example.jp:587",
        EMAIL_TIMEOUT="7",
        ADMINS="情報システム課 <it@example.jp>,ops@example.jp",
        DEFAULT_FROM_EMAIL="kakushin@example.jp",
    )
    assert seen["email"] == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.jp",
        587,
        "mailer",
        True,
        7,
    ]
    assert seen["admins"] == [["情報システム課", "it@example.jp"], ["", "ops@example.jp"]]
    assert seen["server_email"] == "kakushin@example.jp"


def test_sentry_starts_only_with_a_dsn_and_sends_no_personal_data():
    seen = _production(SENTRY_DSN="http://public@127.0.0.1:9/1", SENTRY_RELEASE="2026.12.1")
    assert seen["sentry_imported"] is True
    assert seen["sentry"] == [False, "2026.12.1", "http://public@127.0.0.1:9/1"]


def test_the_readme_lists_every_environment_variable_the_settings_read():
    """An operator finds every variable with its meaning and default in one table."""
    read = set()
    for path in [*(ROOT / "config" / "settings").glob("*.py"), ROOT / "config" / "gunicorn.py"]:
        text = path.read_text()
        read |= set(re.findall(r'\benv(?:\.\w+)?\(\s*"([A-Z0-9_]+)"', text))
        read |= set(re.findall(r'os\.environ(?:\.get\(|\[)\s*"([A-Z0-9_]+)"', text))
    assert {"SECRET_KEY", "WEB_CONCURRENCY", "AWS_S3_ENDPOINT_URL"} <= read
    readme = (ROOT / "README.md").read_text()
    production = readme[readme.index("## Production") :]
    assert sorted(name for name in read if f"`{name}`" not in production) == []
