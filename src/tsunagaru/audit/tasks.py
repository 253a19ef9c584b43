"""Background tasks of the audit app."""

from __future__ import annotations

import csv
import datetime
import io
import json
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django_tasks import task

from tsunagaru.audit import labels
from tsunagaru.audit.selectors import AuditFilter, event_list
from tsunagaru.core import services as core_services
from tsunagaru.core.models import Job
from tsunagaru.core.spreadsheet import safe_cell

_BATCH = 500
# The CSV's columns, headed in the site's language for the auditors who open it in Excel.
_COLUMNS = (
    _("ID"),
    _("When"),
    _("Who"),
    _("Action"),
    _("Action code"),
    _("Object type"),
    _("Object id"),
    _("Object"),
    _("Before"),
    _("After"),
    _("Note"),
    _("IP address"),
)


@task()
def export_audit_csv(*, job_id: str, filters: dict[str, Any]) -> None:
    """Write the filtered audit log to a CSV (UTF-8 with BOM, so Excel opens it) for a job."""
    job = Job.objects.get(pk=job_id)
    try:
        with override(settings.LANGUAGE_CODE):
            content = _build_csv(job, _filter_from_dict(filters))
    except Exception as error:
        core_services.job_fail(job=job, message=str(error))
        raise
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    core_services.job_succeed(
        job=job,
        filename=f"audit-{stamp}.csv",
        content=content,
        message=str(_("The export is ready.")),
    )


def _build_csv(job: Job, filters: AuditFilter) -> bytes:
    events = event_list(filters=filters)
    total = events.count()
    core_services.job_progress(job=job, done=0, total=total)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(column) for column in _COLUMNS])
    for done, event in enumerate(events.iterator(chunk_size=_BATCH), start=1):
        writer.writerow(
            safe_cell(value)
            for value in [
                event.pk,
                timezone.localtime(event.created_at).isoformat(),
                event.actor_label,
                labels.action_label(event.action),
                event.action,
                labels.kind_label(event.target_type),
                event.target_id,
                event.target_label,
                _json(event.before),
                _json(event.after),
                event.note,
                event.ip_address or "",
            ]
        )
        if done % _BATCH == 0:
            core_services.job_progress(job=job, done=done, total=total)
    return buffer.getvalue().encode("utf-8-sig")


def _json(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _filter_from_dict(data: dict[str, Any]) -> AuditFilter:
    def day(value: Any) -> datetime.date | None:
        return datetime.date.fromisoformat(value) if value else None

    return AuditFilter(
        action=data.get("action", ""),
        actor=data.get("actor", ""),
        target_type=data.get("target_type"),
        target_id=data.get("target_id", ""),
        date_from=day(data.get("date_from")),
        date_to=day(data.get("date_to")),
    )


def filter_to_dict(filters: AuditFilter) -> dict[str, Any]:
    """JSON-safe task arguments (tasks may run in another process)."""
    return {
        "action": filters.action,
        "actor": filters.actor,
        "target_type": filters.target_type,
        "target_id": filters.target_id,
        "date_from": filters.date_from.isoformat() if filters.date_from else "",
        "date_to": filters.date_to.isoformat() if filters.date_to else "",
    }
