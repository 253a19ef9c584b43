"""Writes of the core app: background jobs and their progress."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record, snapshot
from tsunagaru.core.models import Area, District, Job, Municipality


def job_start(*, task: Any, kind: str, label: str, by: User, **task_kwargs: Any) -> Job:
    """Record a job for `by` and queue `task(job_id=..., **task_kwargs)` once this commits.

    Queued after commit so that a worker never picks up a task whose job row it can't see.
    """
    with transaction.atomic():
        job = Job.objects.create(kind=kind, label=label, started_by=by)
        audit_record(actor=by, action="job.start", target=job, after={"kind": kind})

        def enqueue() -> None:
            result = task.enqueue(job_id=str(job.pk), **task_kwargs)
            Job.objects.filter(pk=job.pk).update(task_result_id=str(result.id))

        transaction.on_commit(enqueue)
    return job


def job_progress(*, job: Job, done: int, total: int, message: str = "") -> Job:
    """Tell the person watching how far the job got. Moves a queued job to running.

    Not audited: progress is frequent and says nothing about who changed what; the start and
    the outcome of a job are.
    """
    _move(job, to=Job.Status.RUNNING, done=done, total=total, message=message[:500])
    return job


def job_succeed(*, job: Job, filename: str = "", content: bytes = b"", message: str = "") -> Job:
    """Finish the job, keeping its result file (if any) for the person who started it."""
    with transaction.atomic():
        if filename:
            job.result_file.save(filename, ContentFile(content), save=False)
        _move(
            job,
            to=Job.Status.SUCCEEDED,
            done=job.total,
            message=message[:500],
            result_file=job.result_file.name or "",
        )
        audit_record(actor=None, action="job.succeed", target=job, after={"status": job.status})
    return job


def job_fail(*, job: Job, message: str) -> Job:
    with transaction.atomic():
        _move(job, to=Job.Status.FAILED, message=message[:500])
        audit_record(
            actor=None, action="job.fail", target=job, after={"status": job.status}, note=message
        )
    return job


def _move(job: Job, *, to: str, **fields: Any) -> None:
    """Change status with a compare-and-set UPDATE, refusing moves TRANSITIONS does not list."""
    if to not in Job.TRANSITIONS[job.status]:
        raise ValidationError("This job has already finished.", code="invalid_transition")
    values = {"status": to, "updated_at": timezone.now(), **fields}
    updated = Job.objects.filter(pk=job.pk, status=job.status).update(**values)
    if updated != 1:
        raise ValidationError("The job was changed by another process.", code="stale")
    for name, value in values.items():
        setattr(job, name, value)


def place_save(*, place: Municipality | Area | District, by: User) -> None:
    """Save a municipality, area or district edited by staff, with its changes audited.

    Raises ValidationError from full_clean (a wrong 全国地方公共団体コード check digit, say).
    """
    fields = [f.name for f in place._meta.concrete_fields if f.name not in _UNAUDITED]
    old = type(place).objects.filter(pk=place.pk).first() if place.pk else None
    before = snapshot(old, fields) if old is not None else None
    place.full_clean()
    with transaction.atomic():
        place.save()
        after = snapshot(place, fields)
        changed = {k: v for k, v in after.items() if before is None or before.get(k) != v}
        audit_record(
            actor=by,
            action=f"{place._meta.model_name}.{'update' if old else 'create'}",
            target=place,
            before={k: before[k] for k in changed} if before else None,
            after=changed,
        )
    # This process shows the change at once; others within a minute.
    caches["local"].delete_many(["core:municipality", "partners:directory-choices"])


_UNAUDITED = frozenset({"id", "created_at", "updated_at"})


def job_prune(*, older_than: datetime.timedelta) -> int:
    """Delete finished jobs started before now - `older_than`, with their result files.

    Results can hold personal data (an audit export lists e-mail and IP addresses), so they are
    kept only as long as the operator decides. Returns how many jobs were removed.
    """
    cutoff = timezone.now() - older_than
    old = Job.objects.filter(
        created_at__lt=cutoff, status__in=[Job.Status.SUCCEEDED, Job.Status.FAILED]
    )
    count = 0
    for job in old.iterator():
        with transaction.atomic():
            if job.result_file:
                job.result_file.delete(save=False)
            audit_record(actor=None, action="job.prune", target=job, before={"kind": job.kind})
            job.delete()
            count += 1
    return count
