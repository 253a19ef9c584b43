"""The REST API (django-ninja), with its OpenAPI schema at /api/openapi.json."""

from __future__ import annotations

from ninja import NinjaAPI

from tsunagaru.guideline.api import router as guideline_router

api = NinjaAPI(title="tsunagaru", version="1", urls_namespace="api", docs_url=None)
api.add_router("", guideline_router)

urlpatterns = api.urls[0]
