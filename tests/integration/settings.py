"""Settings of the processes the integration tests start (gunicorn, db_worker, sweep_tasks):
the development settings as the environment sets them (PostgreSQL, S3, SMTP come from the
variables the fixtures pass), with debug off and one test-only app, `tests.integration.hooks`,
whose render gate lets a test hold a worker inside the notice's rendering. Never used outside
tests/integration."""

from config.settings.local import *  # noqa: F403
from config.settings.local import INSTALLED_APPS, env

DEBUG = False
INSTALLED_APPS = [*INSTALLED_APPS, "tests.integration.hooks.IntegrationHooks"]

EMAIL_HOST = env("EMAIL_HOST", default="127.0.0.1")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)

# The test process makes the users with the test settings' fast hasher (tests/factories.py):
# the same here, so that a sign-in neither fails nor spends a second re-hashing the password.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
