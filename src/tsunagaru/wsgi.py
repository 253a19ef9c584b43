"""WSGI entry point: `gunicorn tsunagaru.wsgi`."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagaru.settings")
# One BLAS thread per web process (set before NumPy loads): the workers already run side by
# side, and OpenBLAS's own threads spinning beside them made each ranking twice as slow.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

application = get_wsgi_application()


def _warm_up() -> None:
    """Do now what the first request after a restart would otherwise do while a person waits
    (over a second on this machine): import every view through the URL patterns and build each
    language's table of URL names. No database access: safe under `gunicorn --preload`."""
    from django.conf import settings
    from django.urls import get_resolver, reverse
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 - the property imports every URLconf and view
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            reverse("core:home")


_warm_up()
