"""Local development (`make run`): a throwaway secret key; DEBUG only when DJANGO_DEBUG=true."""

from config import env

from .base import *  # noqa: F401,F403

DEBUG = env.env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env.env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")
EMAIL_BACKEND = env.env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
