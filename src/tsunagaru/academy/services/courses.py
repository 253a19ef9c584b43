"""Courses are data staff edit (in the admin); each change is audited here."""

from __future__ import annotations

from django.db import transaction

from tsunagaru.academy.models import Course
from tsunagaru.accounts.models import User
from tsunagaru.audit.services import audit_record, snapshot

COURSE_FIELDS = ("name", "min_sessions", "requires_assignment", "is_active")


def course_save(*, course: Course, by: User) -> Course:
    """Save a course as edited (its aim, audience, rule). Audited."""
    creating = course.pk is None
    before = None
    if not creating:
        before = snapshot(Course.objects.get(pk=course.pk), COURSE_FIELDS)
    course.full_clean()
    with transaction.atomic():
        course.save()
        audit_record(
            actor=by,
            action="course.create" if creating else "course.update",
            target=course,
            before=before,
            after=snapshot(course, COURSE_FIELDS),
        )
    return course
