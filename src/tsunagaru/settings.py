"""The one settings module. Everything that differs between machines comes from the environment.

`docs/operations.md` lists every variable. Helpers below fail loudly on a value they cannot read,
so a typo in production stops the server instead of silently falling back to a default.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", PROJECT_DIR / "var"))

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# A placeholder key is tolerated only while DEBUG is on; production refuses to start without one.
_DEV_SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = _DEV_SECRET_KEY
elif not DEBUG and SECRET_KEY == _DEV_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY is the development placeholder; set a real one.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The site's public address, for links in e-mails (which may be sent outside a request).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Our apps first, so their templates override those of the libraries below.
    "tsunagaru.core",
    "tsunagaru.accounts",
    "tsunagaru.audit",
    "tsunagaru.guideline",
    "tsunagaru.search",
    "tsunagaru.partners",
    "tsunagaru.matching",
    "tsunagaru.cases",
    "tsunagaru.notices",
    "tsunagaru.proposals",
    "tsunagaru.legal",
    "tsunagaru.info",
    "tsunagaru.knowledge",
    "tsunagaru.academy",
    "tsunagaru.support",
    "tsunagaru.community",
    "tsunagaru.grants",
    "tsunagaru.translations",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "template_partials.apps.SimpleAppConfig",
    "django_tasks",
    "django_tasks_db",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tsunagaru.core.request_context.RequestContextMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tsunagaru.accounts.middleware.RequireTwoFactorMiddleware",
    "tsunagaru.legal.middleware.ConsentMiddleware",
    "tsunagaru.core.furigana.FuriganaMiddleware",
]

ROOT_URLCONF = "tsunagaru.urls"
WSGI_APPLICATION = "tsunagaru.wsgi.application"

_LOADERS: list[Any] = [
    "django.template.loaders.filesystem.Loader",
    "django.template.loaders.app_directories.Loader",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # "page.html#fragment" names come from the partials loader around the cached one.
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [("django.template.loaders.cached.Loader", _LOADERS)],
                )
            ],
            "builtins": ["template_partials.templatetags.partials"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "tsunagaru.core.context_processors.site",
            ],
        },
    }
]

# Database: SQLite under var/ unless DATABASE_URL names another (PostgreSQL in production).
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tsunagaru.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Ours adds the planner's statistics (PRAGMA optimize) when a connection closes.
    DATABASES["default"]["ENGINE"] = "tsunagaru.core.sqlite"
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers go on while one request writes; IMMEDIATE takes the write lock at
        # BEGIN, so two writers queue up instead of failing with "database is locked" mid-way.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # ":memory:" (Django's default, said aloud): pytest-xdist's workers then each keep their
    # own in-memory database; a file name gets the worker's suffix (test.sqlite3_gw0).
    DATABASES["default"]["TEST"] = {"NAME": env_str("SQLITE_TEST_NAME") or ":memory:"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A database cache works with several processes and needs no extra server.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "tsunagaru_cache",
    },
    # Per process, for reference data read on every list page (filter choices): a change in
    # the admin shows within a minute.
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tsunagaru-local",
        "TIMEOUT": 60,
    },
}

# Every rate limit of the site, in one place: "amount/period/per", several joined by commas;
# period s, m, h or d (optionally with a number: 5m); per "ip" = the client's address (see
# core.request_context.client_ip, the address our proxy saw when BEHIND_TLS_PROXY is on), per
# "key" = the thing acted on (the e-mail signed in with, the group written to). Counters live in
# the default cache. allauth reads its actions (login, login_failed, signup, reset_password, ...)
# through ACCOUNT_RATE_LIMITS; tsunagaru.core.ratelimits reads the others.
RATE_LIMITS: dict[str, str] = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    # The anonymous contact form of a group: per client and per group.
    "contact": "5/h/ip,20/d/key",
    # Questions to the support centre: per client, and per e-mail address or phone (key).
    "support_ask": "5/h/ip,20/d/ip,5/d/key",
}
ACCOUNT_RATE_LIMITS = RATE_LIMITS

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"

# django-allauth: e-mail is the login; the address must be verified before first use.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_SIGNUP_FORM_CLASS = "tsunagaru.accounts.forms.SignupExtraForm"
ACCOUNT_ADAPTER = "tsunagaru.accounts.adapters.AccountAdapter"
# One subject prefix for every mail the site sends (ours through core.mail.mail_subject).
EMAIL_SUBJECT_PREFIX = env_str("EMAIL_SUBJECT_PREFIX", "[つながる] ")
ACCOUNT_EMAIL_SUBJECT_PREFIX = EMAIL_SUBJECT_PREFIX
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Security notices (password changed, two-factor turned off, ...) go to the account's address.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# allauth's forms with our labels, so every language (also やさしい日本語) reads our words.
_OUR_FORMS = "tsunagaru.accounts.allauth_forms."
ACCOUNT_FORMS = {
    name: _OUR_FORMS + cls
    for name, cls in {
        "login": "LoginForm",
        "signup": "SignupForm",
        "add_email": "AddEmailForm",
        "change_password": "ChangePasswordForm",
        "set_password": "SetPasswordForm",
        "reset_password": "ResetPasswordForm",
        "reset_password_from_key": "ResetPasswordKeyForm",
        "reauthenticate": "ReauthenticateForm",
    }.items()
}
MFA_FORMS = {
    "authenticate": _OUR_FORMS + "MFAAuthenticateForm",
    "reauthenticate": _OUR_FORMS + "MFAReauthenticateForm",
    "activate_totp": _OUR_FORMS + "ActivateTOTPForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "tsunagaru.accounts.adapters.MFAAdapter"
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "つながる")

# Mail: SMTP (by default to a mail server on this machine); while DEBUG is on and no EMAIL_HOST
# is given, each mail is printed to stdout in short: recipients, subject and links.
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    # SMTP; a mail the server cannot take now is sent again by the task worker (core.mail).
    "tsunagaru.core.mail.RetryingSMTPBackend"
    if "EMAIL_HOST" in os.environ or not DEBUG
    else "tsunagaru.core.mail.ShortConsoleBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "つながる <noreply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Language and time. やさしい日本語 is its own locale (ja-easy → locale/ja_Easy/); where it
# has no entry, Django falls back to the default language, Japanese.
LANGUAGE_CODE = "ja"
LANGUAGES = [
    ("ja", _("Japanese")),
    ("en", _("English")),
    ("ja-easy", _("Easy Japanese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "tsunagaru_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
# The city's own static files (its logo, favicon), kept outside the code so an upgrade keeps
# them. First, so a file there replaces the package's file of the same path.
if env_str("LOCAL_STATIC_DIR"):
    STATICFILES_DIRS.insert(0, Path(env_str("LOCAL_STATIC_DIR")))
# The logo in the header: a static file path (under LOCAL_STATIC_DIR for the city's own) or a
# URL (https://… or /…). Start-up checks that a static path exists (core.checks).
SITE_LOGO = env_str("SITE_LOGO", "img/logo.svg")
MEDIA_ROOT = VAR_DIR / "media"
# The stored matching index (`manage.py matching_index`), mapped read-only by every process.
MATCHING_INDEX_DIR = Path(env_str("MATCHING_INDEX_DIR", str(VAR_DIR / "matching-index")))
# The open data files as last written (info.opendata_files), shared by every process.
OPENDATA_DIR = Path(env_str("OPENDATA_DIR", str(VAR_DIR / "opendata")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Background tasks: the database backend, worked by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Security. CSP is on in every mode so that an inline script fails in development too.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
CSRF_FAILURE_VIEW = "tsunagaru.core.views.csrf_failure"
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
# Behind nginx (docs/operations.md) every request comes from 127.0.0.1: the client's address
# is the last X-Forwarded-For entry, the one the proxy wrote (audit log and rate limits).
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if BEHIND_TLS_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Logs go to stdout; the process manager (systemd, a container runtime) keeps them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every typesetting step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The running municipality, loaded into the database by migrations and editable there; this
# code only picks which one is "ours" when several are stored.
MUNICIPALITY_CODE = env_str("MUNICIPALITY_CODE", "032158")

# 後援名義 requests (info.sponsorship): the results report is due this many days after the
# event's last day; decision letters are numbered 「<prefix>第N号」, counted per fiscal year.
SPONSORSHIP_REPORT_DAYS = env_int("SPONSORSHIP_REPORT_DAYS", 30)
SPONSORSHIP_LETTER_PREFIX = env_str("SPONSORSHIP_LETTER_PREFIX", "奥協")
# The collaboration section: the city department (its name as registered on the site) that
# decides requests to the city as a whole; empty, or no such department: any member of staff.
SPONSORSHIP_CITY_DESK = env_str("SPONSORSHIP_CITY_DESK", "奥州市 協働まちづくり部 地域づくり推進課")
