"""Progress read from the events app's attendance, make-ups, assignments, feedback, and the
completion rule."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tsunagaru.academy import selectors, services
from tsunagaru.academy.models import Application, Course
from tsunagaru.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def progress_of(running):
    found = selectors.application_progress(running.application)
    assert found is not None
    return found


def hand_in(running, text="地区の空き家を交流の場にする計画です。"):
    return services.assignment_submit(
        application=running.application, text=text, file=None, by=running.application.user
    )


def test_attendance_taken_with_the_events_app_is_the_progress(running):
    running.attend(4)

    progress = progress_of(running)

    assert progress.marks == [True, True, True, True, False, False]
    assert (progress.attended, progress.missed) == (4, 2)
    assert not progress.meets_rule
    # 5 of 6 allows one missed session: two missed need a make-up.
    assert progress.needs_makeup


def test_one_missed_session_needs_no_make_up(running):
    running.attend(5)

    progress = progress_of(running)

    assert not progress.needs_makeup
    assert not progress.meets_rule  # the plan is not handed in yet


def test_a_make_up_counts_as_attending_the_session(running):
    running.attend(4)

    services.makeup_record(
        application=running.application, event=running.sessions[4], by=running.staff
    )

    progress = progress_of(running)
    assert progress.attended == 5
    assert running.sessions[4].pk in progress.made_up
    assert AuditEvent.objects.filter(action="makeup.record").count() == 1


def test_a_session_of_another_cohort_cannot_be_made_up(running):
    other = selectors.cohort_sessions(running.cohort)[0]
    other.series = None
    other.save()

    with pytest.raises(ValidationError) as refused:
        services.makeup_record(application=running.application, event=other, by=running.staff)

    assert refused.value.code == "not_a_session"


def test_the_rule_needs_the_assignment_when_the_course_asks_for_it(running):
    running.attend(6)
    assert not progress_of(running).meets_rule

    hand_in(running)

    assert progress_of(running).meets_rule


def test_the_rule_table():
    beginner = Course.objects.get(code="beginner")
    skillup = Course.objects.get(code="skillup")  # 2 of 3, no assignment

    assert services.meets_rule(course=beginner, attended=5, assignment_done=True)
    assert not services.meets_rule(course=beginner, attended=4, assignment_done=True)
    assert not services.meets_rule(course=beginner, attended=6, assignment_done=False)
    assert services.meets_rule(course=skillup, attended=2, assignment_done=False)
    assert not services.needs_makeup(course=beginner, missed=1, total=6)
    assert services.needs_makeup(course=beginner, missed=2, total=6)


def test_an_empty_assignment_is_refused(running):
    with pytest.raises(ValidationError) as refused:
        hand_in(running, text="  ")

    assert refused.value.code == "empty"


def test_an_assignment_file_goes_through_the_checked_upload_path(running):
    fake = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")

    with pytest.raises(ValidationError):
        services.assignment_submit(
            application=running.application, text="", file=fake, by=running.application.user
        )
    assert not hasattr(Application.objects.get(pk=running.application.pk), "assignment")

    good = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    assignment = services.assignment_submit(
        application=running.application, text="", file=good, by=running.application.user
    )
    assert assignment.file.name.endswith(".pdf")
    assert AuditEvent.objects.filter(action="assignment.submit").count() == 1


def test_feedback_is_kept_and_audited(running):
    services.feedback_add(
        application=running.application, text="計画の目標が具体的で良いです。", by=running.staff
    )

    assert running.application.feedback.count() == 1
    assert AuditEvent.objects.filter(action="feedback.add").count() == 1


def test_cohort_progress_reads_everyone_in_a_fixed_number_of_queries(
    running, django_assert_max_num_queries
):
    running.attend(3)

    with django_assert_max_num_queries(8):
        rows = selectors.cohort_progress(running.cohort)

    assert [r.attended for r in rows] == [3]
