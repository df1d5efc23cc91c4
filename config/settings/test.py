"""Test settings: fast hashing, in-memory mail, plain static storage."""


import tempfile
from pathlib import Path

from .base import *  # noqa: F401,F403
from .base import STORAGES

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WISSENSSPEICHER = {"LOAD_DEMO_DATA": False, "PAGE_SIZE": 20, "API_PAGE_SIZE": 50}

# Tests serve static files through the finders; no collectstatic output is needed.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None
SEARCH_EMBED_IN_BACKGROUND = False
SEARCH_STAMP_INTERVAL = 0  # every test has its own database state
# Files uploaded by tests (and by the demo data some tests load) never land in the project's var/ folder.
MEDIA_ROOT = str(Path(tempfile.gettempdir()) / "wissensspeicher-test-media")
