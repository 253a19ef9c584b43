"""Writes of the core app: background jobs and their progress, the places, and the furigana
dictionary."""

from __future__ import annotations

import datetime
import unicodedata
from typing import Any

from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record, snapshot
from tsunagaru.core import furigana as furigana_pages
from tsunagaru.core.models import Area, District, Job, Municipality, WordReading
from tsunagaru.text import furigana


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


def word_reading_save(
    *, entry: WordReading | None, surface: str, reading: str, note: str = "", by: User
) -> WordReading:
    """Add a word to the furigana dictionary, or change one (`entry`), audited.

    The reading is kept in hiragana (katakana typed is turned into it). Raises ValidationError
    with code "no_kanji" (a word without kanji needs no reading), "reading_mismatch" (the kana
    do not read the word: 取り組み cannot be とくみ) or "duplicate" (the word is there already).
    """
    surface = unicodedata.normalize("NFKC", surface).strip()
    reading = furigana.hiragana(unicodedata.normalize("NFKC", reading)).replace(" ", "")
    if not furigana.has_kanji(surface):
        raise _field_error(
            "surface", _("This word has no kanji, so it needs no reading."), "no_kanji"
        )
    if not furigana.check_reading(surface, reading):
        message = _(
            "“%(reading)s” does not read “%(word)s”: write the reading in hiragana, "
            "with the kana of the word where it has them."
        ) % {"reading": reading, "word": surface}
        raise _field_error("reading", message, "reading_mismatch")
    fields = ["surface", "reading", "note"]
    before = snapshot(entry, fields) if entry is not None else None
    target = entry or WordReading()
    target.surface, target.reading, target.note = surface, reading, note.strip()
    taken = WordReading.objects.filter(surface=surface).exclude(pk=target.pk)
    duplicate = _field_error(
        "surface", _("“%(word)s” is in the dictionary already.") % {"word": surface}, "duplicate"
    )
    if taken.exists():
        raise duplicate
    try:
        with transaction.atomic():
            target.save()
            after = snapshot(target, fields)
            audit_record(
                actor=by,
                action="word_reading.update" if before else "word_reading.create",
                target=target,
                before=before,
                after=after,
            )
    except IntegrityError:  # the same word sent twice at once
        raise duplicate from None
    furigana_pages.refresh()
    return target


def word_reading_delete(*, entry: WordReading, by: User) -> None:
    """Remove a word from the furigana dictionary (Sudachi's reading applies again), audited."""
    with transaction.atomic():
        audit_record(
            actor=by,
            action="word_reading.delete",
            target=entry,
            before=snapshot(entry, ["surface", "reading", "note"]),
        )
        entry.delete()
    furigana_pages.refresh()


def _field_error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})
