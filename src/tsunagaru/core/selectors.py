"""Reads of the municipality, its places, background jobs and the furigana dictionary."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import caches
from django.db.models import Prefetch, QuerySet

from tsunagaru.core.models import Area, District, Job, Municipality, WordReading

MUNICIPALITY_CACHE_KEY = "core:municipality"


def current_municipality() -> Municipality | None:
    """The municipality this installation serves (settings.MUNICIPALITY_CODE), if loaded.

    Every page shows its name: kept a minute per process (settings.CACHES["local"]).
    """
    cache = caches["local"]
    municipality: Municipality | None = cache.get(MUNICIPALITY_CACHE_KEY)
    if municipality is None:
        municipality = Municipality.objects.filter(code=settings.MUNICIPALITY_CODE).first()
        if municipality is not None:
            cache.set(MUNICIPALITY_CACHE_KEY, municipality)
    return municipality


def area_list(*, municipality: Municipality) -> QuerySet[Area]:
    """Areas with their active districts, in display order, in two queries."""
    districts = District.objects.filter(is_active=True).order_by("order", "pk")
    return municipality.areas.prefetch_related(Prefetch("districts", queryset=districts))


def job_list(*, owner_id: int) -> QuerySet[Job]:
    """The background jobs a user started, newest first."""
    return Job.objects.filter(started_by_id=owner_id)


def word_reading_list() -> QuerySet[WordReading]:
    """The furigana dictionary's words, in the order of their readings (あいうえお順)."""
    return WordReading.objects.order_by("reading", "surface")
