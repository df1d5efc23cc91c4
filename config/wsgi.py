"""WSGI entry point for gunicorn."""

import os

# One BLAS thread per web process. Several gunicorn workers share the cores, and OpenBLAS threads that
# spin-wait after a similarity product in one worker starve the request in the next: with two workers
# this alone took the hybrid search page from 62 to 87 ms at p95 (bench/RESULTS.md).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
# The same for the embedding model (OpenMP): one thread per web worker.
os.environ.setdefault("SEARCH_EMBED_THREADS", "1")

from django.core.wsgi import get_wsgi_application  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
application = get_wsgi_application()
