"""Reads of the audit log."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

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
