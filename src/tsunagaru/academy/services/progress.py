"""A participant's work during the course: the assignment, feedback, make-up sessions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tsunagaru.academy.models import Application, Assignment, Feedback, Makeup
from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record
from tsunagaru.core.uploads import validate_document
from tsunagaru.info.models import Event

TEXT_MAX = 5000
OPEN = (Application.Status.ACCEPTED,)


def assignment_submit(
    *, application: Application, text: str, file: UploadedFile | None, by: User
) -> Assignment:
    """Hand in (or hand in again) the assignment: a short text, a file, or both. A new file
    replaces the old one. Raises ValidationError "not_open" (not an accepted participant),
    "empty", "too_long" and the upload checks' codes (core.uploads.validate_document)."""
    if application.status not in OPEN:
        raise _not_open()
    text = (text or "").strip()
    if not text and file is None:
        raise ValidationError(_("Write the assignment or attach a file."), code="empty")
    if len(text) > TEXT_MAX:
        raise ValidationError(
            _("Keep it under %(max)d characters.") % {"max": TEXT_MAX}, code="too_long"
        )
    if file is not None:
        validate_document(file)
    with transaction.atomic():
        assignment, _created = Assignment.objects.get_or_create(application=application)
        assignment.text = text
        if file is not None:
            if assignment.file:
                assignment.file.delete(save=False)
            assignment.file = file
        assignment.save()
        audit_record(
            actor=by,
            action="assignment.submit",
            target=application,
            after={"text": bool(text), "file": file is not None},
        )
    return assignment


def feedback_add(*, application: Application, text: str, by: User) -> Feedback:
    """A lecturer's or staff member's feedback to a participant. Raises "empty", "not_open"."""
    if application.status not in (Application.Status.ACCEPTED, Application.Status.COMPLETED):
        raise _not_open()
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write the feedback."), code="empty")
    with transaction.atomic():
        feedback = Feedback.objects.create(application=application, text=text, created_by=by)
        audit_record(actor=by, action="feedback.add", target=application)
    return feedback


def makeup_record(*, application: Application, event: Event, note: str = "", by: User) -> Makeup:
    """Record that a participant made up (補講) a missed session; it then counts as attended.

    Raises "not_open", "not_a_session" (the event is not one of the cohort's), "not_held"
    (the session is still ahead), "already" (made up before).
    """
    if application.status not in OPEN:
        raise _not_open()
    if event.series_id != application.cohort.series_id:
        raise ValidationError(_("This is not a session of the cohort."), code="not_a_session")
    if event.starts_at > timezone.now():
        raise ValidationError(_("This session has not been held yet."), code="not_held")
    with transaction.atomic():
        makeup, created = Makeup.objects.get_or_create(
            application=application,
            event=event,
            defaults={"note": " ".join(note.split())[:200], "created_by": by},
        )
        if not created:
            raise ValidationError(_("This session is already made up."), code="already")
        audit_record(
            actor=by, action="makeup.record", target=application, after={"event": event.pk}
        )
    return makeup


def _not_open() -> ValidationError:
    return ValidationError(
        _("Only an accepted participant's record can be changed."), code="not_open"
    )
