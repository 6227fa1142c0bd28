"""Settings shared by every environment; values come from environment variables."""

from datetime import timedelta

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, env, mail_addresses
from config.logs import logging_config

SECRET_KEY = env("SECRET_KEY", default=None)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "simple_history",
    "django_htmx",
    "viewflow",
    "viewflow.workflow",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "approvals",
    "workflow",
    "documents",
]

# Background work (config.background): jobs are rows of this database, written in the
# transaction that causes them and run by `manage.py db_worker` processes.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MIDDLEWARE = [
    # First: the request's id, on its log lines and in the response (config.logs).
    "config.middleware.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The signed-in user's numeric id on the log lines.
    "config.middleware.RequestUserMiddleware",
    # Records who made each change kept in an edit history (accounts.history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # After authentication: a signed-in user's kept language applies when there is no cookie.
    "config.middleware.ChosenLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Staff and administrators reach nothing but the second-factor set-up until they have one.
    "accounts.middleware.SecondFactorRequiredMiddleware",
    # Last, as django-axes asks: it answers a locked-out sign-in.
    "axes.middleware.AxesMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # viewflow's SiteMiddleware for the staff site (AUTOREGISTER is off, see VIEWFLOW below).
    "workflow.middleware.StaffSiteMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
            "libraries": {"form_errors": "config.form_errors"},
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "approvals:home"
LOGOUT_REDIRECT_URL = "account_login"

# Sign-in, sign-up, password reset and e-mail verification: django-allauth (accounts.adapter).
# Applicants sign up with their e-mail address, which is their login name and must be verified;
# sign-up and reset never tell whether an address is registered.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignUpForm"}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# A new applicant confirms the address, is signed in, and goes on to the company profile.
ACCOUNT_SIGNUP_REDIRECT_URL = "approvals:company"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[経営革新計画 電子申請] "
ACCOUNT_SESSION_REMEMBER = False
# allauth's rate limits (on the shared cache) stay as they are for sign-up, reset and
# verification; failed sign-ins are limited per address only, 20 a minute, since the count per
# account is django-axes's lockout below (allauth's own, 5 per account, would come first and
# leave nothing to lock).
ACCOUNT_RATE_LIMITS = {"login_failed": "20/m/ip"}
# Second factor: TOTP with recovery codes, required for every staff role and the administrator
# (accounts.middleware), optional for applicants.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", default="kakushin")

# Lockout (django-axes): 10 wrong passwords for one login name lock it for 30 minutes, on the
# site, the admin and the API token endpoint alike.
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out"
AXES_USERNAME_CALLABLE = "accounts.lockout.login_name"
# Locked by account, not by address: a prefecture's offices share a few addresses behind their
# proxies, and one clerk's typos must not lock a whole floor out. Guessing across many accounts
# from one address is slowed by allauth's rate limits (failed sign-ins per address) and the
# token endpoint's throttle instead.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# API tokens (django-rest-knox): stored hashed, one per client sign-in, expiring after a working
# day, ended by logging out (on the site or POST /api/v1/auth/logout/).
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env.int("API_TOKEN_HOURS", default=8)),
    "AUTO_REFRESH": False,
}

# The shared cache (throttles, rate limits, used TOTP codes): Redis when REDIS_URL is set, which
# more than one process needs; this process's memory otherwise.
REDIS_URL = env("REDIS_URL", default="")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
# One date style per language (config/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "private")

# Attachments and issued documents live in private storage and are only ever served through
# views that check permissions: a folder outside any public URL by default, or an S3-compatible
# bucket (STORAGE_BACKEND=s3) whose objects are never public and never overwritten.
STORAGE_BACKEND = env("STORAGE_BACKEND", default="local")
LOCAL_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": MEDIA_ROOT, "base_url": None},
}
STORAGES = {
    "default": LOCAL_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if STORAGE_BACKEND == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "access_key": env("AWS_ACCESS_KEY_ID"),
            "secret_key": env("AWS_SECRET_ACCESS_KEY"),
            # django-storages would otherwise replace an object stored under the same key.
            "file_overwrite": False,
            # No ACL on upload: objects stay private, and the bucket should block public access.
            "default_acl": None,
            # Any URL the storage hands out is a short-lived signed one, never a public link.
            "querystring_auth": True,
        },
    }
elif STORAGE_BACKEND != "local":
    raise ImproperlyConfigured("STORAGE_BACKEND must be 'local' or 's3'.")
# Files written to the local folder are readable by the service's own user only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Uploads. Django caps neither the size nor the total of uploaded files, so an attachment over
# the limit is cut off while it arrives (documents.attachments.uploads) and refused with a message.
KAKUSHIN_MAX_UPLOAD_MB = env.int("KAKUSHIN_MAX_UPLOAD_MB", default=10)
KAKUSHIN_MAX_UPLOAD_BYTES = KAKUSHIN_MAX_UPLOAD_MB * 1024 * 1024
# A clamd socket (e.g. /run/clamav/clamd.ctl) to scan every attachment in, or empty for none
# (documents.attachments.inspection; the other checks run either way).
CLAMAV_SOCKET = env("CLAMAV_SOCKET", default="")
FILE_UPLOAD_HANDLERS = [
    "documents.attachments.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# A file above this is spooled to a temporary file instead of being held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB
# Form fields other than files (the figures table is the largest form, a few KB).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB
# One upload form holds a few files per kind; more than this is refused as a bad request.
DATA_UPLOAD_MAX_NUMBER_FILES = 20

# Sessions last a working day and are refreshed on activity, so an applicant who pauses
# over a figure is not thrown out mid-section.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="kakushin@localhost")
# The sender of the error mails to ADMINS.
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# An SMTP server that stops answering must not hold a web process for long.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# Who gets a mail for every server error: "Name <address>,other@example.jp".
ADMINS = mail_addresses(env("ADMINS", default=""))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_ANON_RATE", default="120/min"),
        "user": env("API_USER_RATE", default="600/min"),
        "token": env("API_TOKEN_RATE", default="10/min"),
    },
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "config.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    "DEFAULT_METADATA_CLASS": "config.rest.PlainMetadata",
    "DEFAULT_PARSER_CLASSES": ["config.rest.JSONParser"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "kakushin API",
    "DESCRIPTION": "経営革新計画の承認 (Business Innovation Plan approvals) — REST API v1",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # One name per choice set: fields called `status`/`step` carry different sets in the
    # application and task schemas; the application's keep the names they always had.
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "StatusEnum": "approvals.constants.Status",
        "StepEnum": "approvals.constants.Step",
        "ApplicationKindEnum": "approvals.constants.ApplicationKind",
        "AttachmentKindEnum": "documents.constants.AttachmentKind",
        "TaskStatusEnum": "workflow.constants.API_TASK_STATUSES",
        "TaskStepEnum": "workflow.api.task_serializers.TASK_STEPS",
        "DecisionEnum": "workflow.api.task_serializers.DECISION_CODES",
        "RevocationDecisionEnum": "approvals.constants.RevocationDecision",
        "RevocationGroundEnum": "approvals.constants.RevocationGround",
        "FollowUpKindEnum": "approvals.constants.FollowUpKind",
        "ItemProgressEnum": "approvals.constants.ItemProgress",
        "PlanSectionEnum": "approvals.constants.PlanSection",
        "AdviceSectionEnum": "approvals.support.advice.SECTION_CHOICES",
    },
}

VIEWFLOW = {"AUTOREGISTER": False}

# The Django admin's path, from the environment: not the address every scanner tries first.
ADMIN_URL = env("ADMIN_URL", default="admin/")
if not ADMIN_URL.endswith("/") or ADMIN_URL.startswith("/"):
    raise ImproperlyConfigured("ADMIN_URL is a path like 'office-admin/' (no leading slash).")

# Content-Security-Policy: everything from the site itself, nothing inline (no inline script or
# style in any template; htmx's injected indicator style is turned off in base.html). The API
# documentation page relaxes it for ReDoc alone (config.urls).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Features no page of the site uses, refused to every page (config.middleware).
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
# Where the source of this installation is published (AGPL-3.0 §13 offers it to every user of
# the service); the footer's ソースコード page links there.
KAKUSHIN_SOURCE_URL = env("KAKUSHIN_SOURCE_URL", default="")

# The CSRF failure page in the site's layout (Django's own renders without the request).
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
# The prefecture this installation serves, as the authority row (approvals.Authority) is
# created with it on first use; from then on Authority.prefecture, edited in the admin with
# its history, is the one source (the jurisdiction check, the notices): changing this setting
# later changes nothing.
KAKUSHIN_PREFECTURE = env("KAKUSHIN_PREFECTURE", default="神奈川県")
# WeasyPrint speed patches (documents.pdf_patches); off, PDFs stay correct, only slower to make.
KAKUSHIN_PDF_PATCHES = env.bool("KAKUSHIN_PDF_PATCHES", default=True)

# Readable lines by default; one JSON object a line (LOG_FORMAT=json, production's default)
# where a log collector reads them. Each line carries its request's id and user id (config.logs).
LOG_FORMAT = env("LOG_FORMAT", default="text")
LOGGING = logging_config(fmt=LOG_FORMAT, level=env("LOG_LEVEL", default="INFO"))

# Absolute address of the site, for links in e-mails.
KAKUSHIN_SITE_URL = env("KAKUSHIN_SITE_URL", default="http://127.0.0.1:8000")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "workflow.permissions.RolePermissionBackend",
]
