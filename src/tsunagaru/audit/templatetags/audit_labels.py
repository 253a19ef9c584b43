"""The audit log in words for its readers (see audit.labels)."""

from __future__ import annotations

from django import template

from tsunagaru.audit import labels
from tsunagaru.audit.models import AuditEvent

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    return labels.action_label(action)


@register.filter
def kind_label(event: AuditEvent) -> str:
    return labels.kind_label(event.target_type)


@register.filter
def changes_in_words(event: AuditEvent) -> list[tuple[str, str, str]]:
    return labels.changes_in_words(event.target_type, event.changes)
