"""Settings shared by every environment; dev/test/production only override.

All environment reads go through config.env (see .env.example for the variables).
"""

from __future__ import annotations

import hashlib

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
    "wissensspeicher.core",
    "wissensspeicher.municipalities",
    "wissensspeicher.measures",
    "wissensspeicher.search",
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
]

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
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
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "frontend" / "static"]
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
# Synonym and embedding versions are read from the database at most this often per process
# (seconds): an admin's edit reaches every worker within this time, and queries skip a round trip.
SEARCH_STAMP_INTERVAL = 0.5

# Product settings
WISSENSSPEICHER = {
    # Demo content (fictional measures) is loaded by `make run`; production loads it only when asked.
    "LOAD_DEMO_DATA": env.env_bool("LOAD_DEMO_DATA", True),
    "PAGE_SIZE": env.env_int("MEASURE_PAGE_SIZE", 20),
    "API_PAGE_SIZE": env.env_int("API_PAGE_SIZE", 50),
}
