"""Production settings: no default secret, and `check --deploy` passes given the variables."""

import os
import subprocess
import sys
from pathlib import Path

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
