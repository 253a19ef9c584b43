"""Every refusal of the academy's services answers with its code and leaves nothing half-saved."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tsunagaru.academy import services
from tsunagaru.academy.models import Application, Assignment, Cohort, Course, Makeup
from tsunagaru.academy.tests.conftest import open_cohort
from tsunagaru.academy.tests.factories import DepartmentFactory, in_days
from tsunagaru.audit.models import AuditEvent
from tsunagaru.info.models import Registration

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


def code_of(call, **kwargs):
    with pytest.raises(ValidationError) as refused:
        call(**kwargs)
    return refused.value.code


def test_a_cohort_without_places_is_refused(academy_staff):
    code = code_of(
        services.cohort_create,
        course=Course.objects.get(code="skillup"),
        fiscal_year=2026,
        organiser=DepartmentFactory(),
        capacity=0,
        applications_close_at=in_days(5),
        by=academy_staff,
    )

    assert code == "no_places"
    assert not Cohort.objects.exists()


def test_a_motivation_too_long_is_refused(academy_staff, resident):
    cohort = open_cohort(academy_staff)

    code = code_of(services.application_apply, cohort=cohort, user=resident, motivation="あ" * 2001)

    assert code == "too_long"
    assert not Application.objects.exists()


def test_a_declined_application_cannot_be_withdrawn(academy_staff, resident):
    cohort = open_cohort(academy_staff)
    application = services.application_apply(cohort=cohort, user=resident, motivation="学びたい")
    services.application_decide(
        application=application, accept=False, reason="定員", by=academy_staff
    )

    assert code_of(services.application_withdraw, application=application, by=resident) == (
        "invalid_transition"
    )


def test_a_person_already_registered_for_a_session_keeps_that_place_when_accepted(
    running, make_user
):
    newcomer = make_user(email="newcomer@example.jp")
    session = running.sessions[0]
    info_place = Registration.objects.create(
        event=session, user=newcomer, name="新人", email=newcomer.email, status="registered"
    )
    application = services.application_apply(
        cohort=running.cohort, user=newcomer, motivation="学びたい"
    )

    services.application_decide(application=application, accept=True, by=running.staff)

    places = Registration.objects.filter(user=newcomer, status="registered")
    assert places.count() == len(running.sessions)
    assert info_place in places


def test_work_of_someone_not_accepted_is_refused(academy_staff, resident):
    cohort = open_cohort(academy_staff)
    application = services.application_apply(cohort=cohort, user=resident, motivation="学びたい")
    event = services.session_add(
        cohort=cohort,
        session=cohort.course.sessions.first(),
        starts_at=in_days(-3),
        ends_at=in_days(-3, 20),
        place_name="奥州市役所",
        by=academy_staff,
    )

    assert (
        code_of(
            services.assignment_submit, application=application, text="計画", file=None, by=resident
        )
        == "not_open"
    )
    assert (
        code_of(services.feedback_add, application=application, text="良い", by=academy_staff)
        == "not_open"
    )
    assert (
        code_of(services.makeup_record, application=application, event=event, by=academy_staff)
        == "not_open"
    )
    assert not Assignment.objects.exists()


def test_an_assignment_too_long_or_feedback_empty_is_refused(running):
    application = running.application

    assert (
        code_of(
            services.assignment_submit,
            application=application,
            text="あ" * 5001,
            file=None,
            by=application.user,
        )
        == "too_long"
    )
    assert (
        code_of(services.feedback_add, application=application, text="  ", by=running.staff)
        == "empty"
    )


def test_a_new_file_replaces_the_old_one(running):
    application = running.application
    first = services.assignment_submit(
        application=application,
        text="",
        file=SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
        by=application.user,
    )
    old_name = first.file.name

    second = services.assignment_submit(
        application=application,
        text="改訂版",
        file=SimpleUploadedFile("plan2.pdf", PDF, content_type="application/pdf"),
        by=application.user,
    )

    assert second.pk == first.pk
    assert second.file.name != old_name
    assert not second.file.storage.exists(old_name)


def test_a_session_not_held_yet_or_made_up_twice_is_refused(running, academy_staff):
    ahead = services.session_add(
        cohort=running.cohort,
        session=running.cohort.course.sessions.last(),
        starts_at=in_days(10),
        ends_at=in_days(10, 20),
        place_name="奥州市役所",
        by=academy_staff,
    )
    application = running.application

    assert (
        code_of(services.makeup_record, application=application, event=ahead, by=academy_staff)
        == "not_held"
    )
    services.makeup_record(application=application, event=running.sessions[0], by=academy_staff)
    assert (
        code_of(
            services.makeup_record,
            application=application,
            event=running.sessions[0],
            by=academy_staff,
        )
        == "already"
    )
    assert Makeup.objects.count() == 1


def test_the_graduate_downloading_their_own_certificate_is_not_logged_as_access(running):
    running.attend(6)
    services.assignment_submit(
        application=running.application, text="計画", file=None, by=running.application.user
    )
    certificate = services.completion_confirm(application=running.application, by=running.staff)

    services.certificate_downloaded(certificate=certificate, by=running.application.user)

    assert not AuditEvent.objects.filter(action="certificate.download").exists()


def test_a_course_edited_by_staff_is_audited(academy_staff):
    course = Course.objects.get(code="skillup")
    course.min_sessions = 3

    services.course_save(course=course, by=academy_staff)

    event = AuditEvent.objects.get(action="course.update")
    assert (event.before, event.after) == (
        {"name": course.name, "min_sessions": 2, "requires_assignment": False, "is_active": True},
        {"name": course.name, "min_sessions": 3, "requires_assignment": False, "is_active": True},
    )
