"""Reads of the audit log."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.cache import caches
from django.db.models import QuerySet

from tsunagaru.audit.models import AuditEvent


@dataclass(frozen=True)
class AuditFilter:
    action: str = ""  # a prefix: "user." matches every user action
    actor: str = ""  # part of the e-mail address as recorded
    target_type: int | None = None  # a ContentType id
    target_id: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def event_list(*, filters: AuditFilter) -> QuerySet[AuditEvent]:
    """Audit events matching `filters`, newest first, with actor and type joined in.

    Who may read them is the caller's question (accounts.permissions.can_view_audit_log).
    """
    events = AuditEvent.objects.select_related("actor", "target_type")
    if filters.action:
        events = events.filter(action__startswith=filters.action)
    if filters.actor:
        events = events.filter(actor_label__icontains=filters.actor)
    if filters.target_type:
        events = events.filter(target_type_id=filters.target_type)
    if filters.target_id:
        events = events.filter(target_id=filters.target_id)
    if filters.date_from:
        events = events.filter(created_at__date__gte=filters.date_from)
    if filters.date_to:
        events = events.filter(created_at__date__lte=filters.date_to)
    return events


_CHOICES_SECONDS = 60


def audited_kinds() -> list[int]:
    """Ids of the content types that entries are about: the kinds of objects people act on
    (not every table of the database). Kept a minute per process: the filter needs them on
    every page and a DISTINCT over a long log is not free."""
    cached: list[int] | None = caches["local"].get("audit:kinds")
    if cached is None:
        cached = sorted(
            pk
            for pk in AuditEvent.objects.order_by()
            .values_list("target_type_id", flat=True)
            .distinct()
            if pk is not None
        )
        caches["local"].set("audit:kinds", cached, _CHOICES_SECONDS)
    return cached


def recorded_actions() -> list[str]:
    """Every action code recorded so far (for the filter), kept a minute per process."""
    cached: list[str] | None = caches["local"].get("audit:actions")
    if cached is None:
        cached = sorted(AuditEvent.objects.order_by().values_list("action", flat=True).distinct())
        caches["local"].set("audit:actions", cached, _CHOICES_SECONDS)
    return cached
