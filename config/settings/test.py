"""Test settings: fast hashing, in-memory e-mail, isolated storage."""

import tempfile

from .base import *  # noqa: F403
from .base import LOCAL_STORAGE, STORAGES

SECRET_KEY = "test-secret-key-only-for-the-test-suite"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# django-axes needs the request in every authenticate(), which the test client's login() does
# not pass; the lockout tests turn it on themselves.
AXES_ENABLED = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="kakushin-test-media-")
# Always the local folder, whatever STORAGE_BACKEND says; the S3 tests switch to moto themselves.
STORAGES = {
    **STORAGES,
    "default": {**LOCAL_STORAGE, "OPTIONS": {**LOCAL_STORAGE["OPTIONS"], "location": MEDIA_ROOT}},
}
# Tasks run in the test process once the transaction that enqueued them commits (which a
# test's own transaction never does unless it asks: django_capture_on_commit_callbacks); the
# tests of the queue itself switch to the database backend and run a real worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
