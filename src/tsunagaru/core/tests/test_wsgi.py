"""The WSGI module warms the process up before any request, without touching the database
(gunicorn --preload runs it in the master, whose connections the workers must not inherit)."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import clear_url_caches, get_resolver
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_loading_the_application_builds_every_languages_url_table_without_a_query():
    import tsunagaru.wsgi

    clear_url_caches()
    with CaptureQueriesContext(connection) as queries:
        importlib.reload(tsunagaru.wsgi)

    assert len(queries) == 0
    resolver = get_resolver()
    built = set(resolver._reverse_dict)  # what reverse() would otherwise build on first use
    assert {translation.get_supported_language_variant(c) for c in ("ja", "en", "ja-easy")} <= built
