"""The one way to write to the audit log."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models

from tsunagaru.audit.models import AuditEvent
from tsunagaru.core.request_context import current_ip_address

if TYPE_CHECKING:
    from tsunagaru.accounts.models import User

# Never copied into the log, whatever the caller passes: these names, or names ending in them.
_SECRET_NAMES = ("password", "secret", "token", "_key", "recovery_codes")


def audit_record(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    target: models.Model | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    """Record that `actor` did `action` (a dotted name such as "user.role_change") to `target`.

    `before` and `after` are the changed values; they are made JSON-safe and secrets are
    dropped. Call it inside the same transaction as the change, so both land or neither does.
    """
    user = actor if actor is not None and actor.is_authenticated else None
    event = AuditEvent(
        actor=user,
        actor_label=_label(user) if user is not None else "",
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        before=_json_safe(before) if before is not None else None,
        after=_json_safe(after) if after is not None else None,
        note=note[:500],
        ip_address=current_ip_address(),
    )
    event.save()
    return event


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of `fields` on `instance`, for `before=` / `after=`."""
    return {name: getattr(instance, name) for name in fields}


def _label(user: User) -> str:
    return user.email or str(user.pk)


def _is_secret(key: str) -> bool:
    key = key.lower()
    return key == "key" or key.endswith(_SECRET_NAMES)


def _json_safe(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        str(key): _json_value(value) for key, value in values.items() if not _is_secret(str(key))
    }


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return {"id": value.pk, "label": str(value)}
    if isinstance(value, Mapping):
        return _json_safe(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_value(v) for v in value]
    return str(value)


def audit_record_many(
    *,
    actor: User | None,
    action: str,
    targets: Iterable[models.Model],
    after: Mapping[str, Any] | None = None,
    note: str = "",
) -> int:
    """Record the same action on many objects at once (an import of thousands of rows).

    One entry per object, written in batches; same rules as audit_record.
    """
    ip_address = current_ip_address()
    label = _label(actor) if actor is not None else ""
    safe_after = _json_safe(after) if after is not None else None
    events = []
    content_types: dict[type[models.Model], ContentType] = {}
    for target in targets:
        model = type(target)
        if model not in content_types:
            content_types[model] = ContentType.objects.get_for_model(model)
        events.append(
            AuditEvent(
                actor=actor,
                actor_label=label,
                action=action,
                target_type=content_types[model],
                target_id=str(target.pk),
                target_label=str(target)[:300],
                after=safe_after,
                note=note[:500],
                ip_address=ip_address,
            )
        )
    AuditEvent.objects.bulk_create(events, batch_size=1000)
    return len(events)
