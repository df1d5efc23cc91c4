"""Production: refuses to start without a secret key; secure defaults everywhere else."""

from django.core.exceptions import ImproperlyConfigured

from config import env

from .base import *  # noqa: F401,F403
from .base import SECRET_KEY

if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")

DEBUG = env.env_bool("DJANGO_DEBUG", False)
WISSENSSPEICHER = {
    "LOAD_DEMO_DATA": env.env_bool("LOAD_DEMO_DATA", False),
    "PAGE_SIZE": env.env_int("MEASURE_PAGE_SIZE", 20),
    "API_PAGE_SIZE": env.env_int("API_PAGE_SIZE", 50),
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.env_int("DJANGO_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.env_bool("DJANGO_HSTS_PRELOAD", False)
# security.W021 (HSTS preload not set) is silenced while preloading is off, on purpose: the preload list
# takes only registrable domains and then binds every subdomain for months, so it is the decision of
# whoever owns the domain the site runs under (usually a municipality's or operator's subdomain), made
# with DJANGO_HSTS_PRELOAD=true; HSTS itself (SECURE_HSTS_SECONDS) is on either way.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
