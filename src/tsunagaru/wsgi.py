"""WSGI entry point: `gunicorn tsunagaru.wsgi`."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagaru.settings")
# One BLAS thread per web process (set before NumPy loads): the workers already run side by
# side, and OpenBLAS's own threads spinning beside them made each ranking twice as slow.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

application = get_wsgi_application()
