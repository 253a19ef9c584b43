"""Reads of the municipality, its places and background jobs."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from tsunagaru.core.models import Area, District, Job, Municipality


def current_municipality() -> Municipality | None:
    """The municipality this installation serves (settings.MUNICIPALITY_CODE), if loaded."""
    return Municipality.objects.filter(code=settings.MUNICIPALITY_CODE).first()


def area_list(*, municipality: Municipality) -> QuerySet[Area]:
    """Areas with their active districts, in display order, in two queries."""
    districts = District.objects.filter(is_active=True).order_by("order", "pk")
    return municipality.areas.prefetch_related(Prefetch("districts", queryset=districts))


def job_list(*, owner_id: int) -> QuerySet[Job]:
    """The background jobs a user started, newest first."""
    return Job.objects.filter(started_by_id=owner_id)
