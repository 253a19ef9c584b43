"""The REST API (django-ninja), with its OpenAPI schema at /api/openapi.json."""

from __future__ import annotations

from ninja import NinjaAPI

from tsunagaru.guideline.api import router as guideline_router
from tsunagaru.proposals.api import router as proposals_router

api = NinjaAPI(title="tsunagaru", version="1", urls_namespace="api", docs_url=None)
api.add_router("", guideline_router)
api.add_router("", proposals_router)

urlpatterns = api.urls[0]
