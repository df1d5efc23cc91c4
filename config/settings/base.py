"""Settings shared by every environment; dev/test/production only override.

All environment reads go through config.env (see .env.example for the variables).
"""

from __future__ import annotations

import hashlib
import os

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config import env

BASE_DIR = env.BASE_DIR
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = env.env_str("DJANGO_SECRET_KEY", "")
DEBUG = env.env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env.env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "csp",
    "simple_history",
    "wissensspeicher.core",
    "wissensspeicher.accounts",
    "wissensspeicher.municipalities",
    "wissensspeicher.measures",
    "wissensspeicher.search",
    "wissensspeicher.marketplace",
    "wissensspeicher.events",
    "wissensspeicher.startsmart",
    "wissensspeicher.communities",
    "wissensspeicher.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wissensspeicher.accounts.middleware.SecondFactorRequiredMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses any login attempt while the account or the address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Accounts (django-allauth): e-mail address and password, address verified before the first login.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Wissensspeicher] "
ACCOUNT_ADAPTER = "wissensspeicher.accounts.adapter.AccountAdapter"
ACCOUNT_USER_DISPLAY = "wissensspeicher.accounts.adapter.user_display"
ACCOUNT_SIGNUP_FORM_CLASS = "wissensspeicher.accounts.forms.SignupProfileForm"
ACCOUNT_PRESERVE_USERNAME_CASING = False
# Rate limits (allauth): per IP and per key; a hit answers 429 with a German/English page.
ACCOUNT_RATE_LIMITS = {
    "signup": "10/h/ip",
    "login": "30/m/ip",
    # Per account, django-axes (below) locks after five failures and shows its lockout page; an allauth
    # per-key limit at or below that would answer first with a bare form error and hide the lockout.
    "login_failed": "10/m/ip",
    "reset_password": "5/h/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "3/10m/key",
    "change_password": "5/m/user",
}
# Second factor: TOTP apps plus recovery codes; moderators and admins must use it, members may.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Wissensspeicher"

# django-axes: five failed logins lock the account and, separately, the address for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "wissensspeicher.accounts.security.login_identifier"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no version banner on every management command

# Content-Security-Policy: everything from our own origin, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # data: for the TOTP QR code
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

SIMPLE_HISTORY_REVERT_DISABLED = True

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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wissensspeicher.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(env.database_url(), conn_max_age=env.env_int("DATABASE_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets gunicorn workers read while one writes; a busy timeout avoids "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "frontend" / "static"]
# Uploaded files (documents of peer learnings and working groups). Deliberately no MEDIA_URL: nothing
# under MEDIA_ROOT is served publicly; views deliver each file after a permission check.
MEDIA_ROOT = env.env_str("MEDIA_ROOT", str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.env_str("LOG_LEVEL", "INFO")},
}

# E-mail: SMTP in production (EMAIL_HOST etc.), printed to the console in development.
EMAIL_BACKEND = env.env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env.env_str("DEFAULT_FROM_EMAIL", "Wissensspeicher <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Only for EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (browser journeys read mails there).
EMAIL_FILE_PATH = env.env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
# Who receives "Barriere melden" reports (BITV 2.0 feedback mechanism).
ACCESSIBILITY_CONTACT_EMAIL = env.env_str("ACCESSIBILITY_CONTACT_EMAIL", "barrierefreiheit@localhost")
# Links in e-mails that scheduled commands send (no request to take the host from).
SITE_URL = env.env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Search index (derived data, rebuilt by `manage.py search_reindex`). One directory per database,
# so two databases on one machine never share an index.
_database_identity = f"{DATABASES['default'].get('HOST', '')}/{DATABASES['default'].get('NAME', '')}"
SEARCH_INDEX_DIR = env.env_str(
    "SEARCH_INDEX_DIR", str(VAR_DIR / "search" / hashlib.sha256(_database_identity.encode()).hexdigest()[:12])
)
# Bulk changes (imports) are embedded in a background thread; tests embed synchronously.
SEARCH_EMBED_IN_BACKGROUND = True
# Semantic ranking with the bundled embedding model; off = lexical search only (and no embedding work).
SEARCH_SEMANTIC = env.env_bool("SEARCH_SEMANTIC", True)
# Threads of the embedding model: every core for imports and `search_reindex` (a measure is several
# passages, ~6 per second per thread here); config/wsgi.py sets 1 for web workers, which share the cores.
SEARCH_EMBED_THREADS = env.env_int("SEARCH_EMBED_THREADS", min(os.cpu_count() or 1, 4))
# Synonym and embedding versions are read from the database at most this often per process
# (seconds): an admin's edit reaches every worker within this time, and queries skip a round trip.
SEARCH_STAMP_INTERVAL = 0.5
# Memory budget (MB) of the index writer when `search_reindex` rebuilds the index. Every time the
# budget fills, the writer starts a new segment, and each query visits every segment: 512 MB keeps
# 100,000 measures in one segment (~20 % faster queries than four). Edits use a small writer.
SEARCH_REBUILD_HEAP_MB = env.env_int("SEARCH_REBUILD_HEAP_MB", 512)

# Product settings
WISSENSSPEICHER = {
    # Demo content (fictional measures) is loaded by `make run`; production loads it only when asked.
    "LOAD_DEMO_DATA": env.env_bool("LOAD_DEMO_DATA", True),
    "PAGE_SIZE": env.env_int("MEASURE_PAGE_SIZE", 20),
    "API_PAGE_SIZE": env.env_int("API_PAGE_SIZE", 50),
}
