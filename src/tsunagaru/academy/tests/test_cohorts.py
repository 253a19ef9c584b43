"""Cohorts: applying, the waiting list, staff decisions, and the sessions as events."""

from __future__ import annotations

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from tsunagaru.academy import services
from tsunagaru.academy.models import Application
from tsunagaru.academy.tests.conftest import open_cohort
from tsunagaru.academy.tests.factories import in_days
from tsunagaru.audit.models import AuditEvent
from tsunagaru.info import services as info_services
from tsunagaru.info.models import Event, EventKind, Registration

pytestmark = pytest.mark.django_db
MOTIVATION = "地区の防災訓練を、若い人も来るものにしたいです。"


def apply(cohort, user, motivation=MOTIVATION):
    return services.application_apply(cohort=cohort, user=user, motivation=motivation)


def test_a_cohort_is_a_series_of_the_events_app_and_its_sessions_are_published_events(
    academy_staff,
):
    cohort = open_cohort(academy_staff)
    session = cohort.course.sessions.get(number=1)

    event = services.session_add(
        cohort=cohort,
        session=session,
        starts_at=in_days(20),
        ends_at=in_days(20, 20),
        place_name="奥州市役所",
        by=academy_staff,
    )

    assert event.series == cohort.series
    assert event.status == Event.Status.PUBLISHED
    assert "第1回 協働とは何か" in event.title
    # Nobody registers on the event page: the academy registers those it accepted.
    assert not info_services.registration_open(event)
    assert cohort.get_absolute_url() in event.description
    assert AuditEvent.objects.filter(action="cohort.session_add").count() == 1


def test_an_application_waits_for_staff_and_is_audited(academy_staff, resident):
    cohort = open_cohort(academy_staff)

    application = apply(cohort, resident)

    assert application.status == Application.Status.APPLIED
    assert AuditEvent.objects.filter(action="application.apply", actor=resident).count() == 1


def test_applying_after_the_close_date_is_refused(academy_staff, resident):
    cohort = open_cohort(academy_staff)

    with time_machine.travel(in_days(15)), pytest.raises(ValidationError) as refused:
        apply(cohort, resident)

    assert refused.value.code == "closed"
    assert not Application.objects.exists()


def test_a_second_application_is_refused(academy_staff, resident):
    cohort = open_cohort(academy_staff)
    apply(cohort, resident)

    with pytest.raises(ValidationError) as refused:
        apply(cohort, resident)

    assert refused.value.code == "already_applied"
    assert Application.objects.count() == 1


def test_an_application_without_a_motivation_is_refused(academy_staff, resident):
    cohort = open_cohort(academy_staff)

    with pytest.raises(ValidationError) as refused:
        apply(cohort, resident, motivation="   ")

    assert refused.value.code == "no_motivation"


def test_applying_to_a_full_cohort_puts_one_on_the_waiting_list(academy_staff, make_resident_users):
    cohort = open_cohort(academy_staff, capacity=1)
    first, second = make_resident_users(2)
    services.application_decide(application=apply(cohort, first), accept=True, by=academy_staff)

    late = apply(cohort, second)

    assert late.status == Application.Status.WAITLISTED


def test_acceptance_registers_for_every_session_and_later_sessions_too(academy_staff, resident):
    cohort = open_cohort(academy_staff)
    sessions = list(cohort.course.sessions.all())
    services.session_add(
        cohort=cohort,
        session=sessions[0],
        starts_at=in_days(20),
        ends_at=in_days(20, 20),
        place_name="奥州市役所",
        by=academy_staff,
    )
    application = apply(cohort, resident)
    mail.outbox.clear()

    services.application_decide(application=application, accept=True, by=academy_staff)
    # One mail, not one per session: the decision lists the sessions with their dates.
    assert [m.to for m in mail.outbox] == [[resident.email]]
    assert sessions[0].title in mail.outbox[0].body
    assert "奥州市役所" in mail.outbox[0].body
    services.session_add(
        cohort=cohort,
        session=sessions[1],
        starts_at=in_days(27),
        ends_at=in_days(27, 20),
        place_name="奥州市役所",
        by=academy_staff,
    )

    places = Registration.objects.filter(user=resident, status="registered")
    assert places.count() == 2
    assert set(places.values_list("event__series", flat=True)) == {cohort.series_id}
    assert application.status == Application.Status.ACCEPTED
    told = [m for m in mail.outbox if f"/academy/applications/{application.pk}/" in m.body]
    assert [m.to for m in told] == [[resident.email]]


def test_declining_needs_a_reason_and_the_applicant_reads_it(academy_staff, resident):
    cohort = open_cohort(academy_staff)
    application = apply(cohort, resident)

    with pytest.raises(ValidationError) as refused:
        services.application_decide(application=application, accept=False, by=academy_staff)
    assert refused.value.code == "no_reason"

    services.application_decide(
        application=application, accept=False, reason="定員を超えました。", by=academy_staff
    )
    application.refresh_from_db()
    assert application.status == Application.Status.DECLINED
    assert "定員を超えました。" in mail.outbox[-1].body
    assert mail.outbox[-1].to == [resident.email]


def test_two_acceptances_cannot_exceed_the_places(academy_staff, make_resident_users):
    cohort = open_cohort(academy_staff, capacity=1)
    first, second = (apply(cohort, u) for u in make_resident_users(2))
    services.application_decide(application=first, accept=True, by=academy_staff)

    with pytest.raises(ValidationError) as refused:
        services.application_decide(application=second, accept=True, by=academy_staff)

    assert refused.value.code == "full"
    assert cohort.applications.filter(status="accepted").count() == 1


def test_a_stale_copy_cannot_decide_an_application_twice(academy_staff, resident):
    cohort = open_cohort(academy_staff)
    application = apply(cohort, resident)
    stale = Application.objects.get(pk=application.pk)
    services.application_decide(application=application, accept=True, by=academy_staff)

    with pytest.raises(ValidationError) as refused:
        services.application_decide(application=stale, accept=False, reason="x", by=academy_staff)

    assert refused.value.code == "invalid_transition"
    assert AuditEvent.objects.filter(action__startswith="application.").count() == 2


def test_withdrawing_gives_up_the_places_at_the_sessions(running):
    application = running.application

    services.application_withdraw(application=application, by=application.user)

    assert application.status == Application.Status.WITHDRAWN
    assert not Registration.objects.filter(
        user=application.user, status__in=Registration.ACTIVE
    ).exists()


def _session_data(cohort, **extra):
    return {
        "title": "追加の回",
        "kind": EventKind.objects.get(code="course"),
        "series": cohort.series,
        "place_name": "奥州市役所",
        "starts_at": in_days(30),
        "ends_at": in_days(30, 20),
        **extra,
    }


def test_a_session_is_added_to_a_cohort_only_on_its_page(academy_staff):
    cohort = open_cohort(academy_staff)

    # Through the events' own service, the accepted people would not be registered: refused.
    with pytest.raises(ValidationError) as refused:
        info_services.event_save(
            event=None,
            data=_session_data(cohort),
            organiser=cohort.series.organiser,
            by=academy_staff,
        )

    assert refused.value.error_dict["series"][0].code == "series_owned"
    assert not cohort.series.sessions.exists()


def test_the_events_form_offers_a_cohort_series_only_to_its_own_sessions(academy_staff):
    from tsunagaru.info.forms import EventForm
    from tsunagaru.info.models import EventSeries

    cohort = open_cohort(academy_staff)
    plain = EventSeries.objects.create(title="防災講座", organiser=cohort.series.organiser)
    sessions = list(cohort.course.sessions.all())
    session = services.session_add(
        cohort=cohort,
        session=sessions[0],
        starts_at=in_days(20),
        ends_at=in_days(20, 20),
        place_name="奥州市役所",
        by=academy_staff,
    )

    new = EventForm(groups=[cohort.series.organiser]).fields["series"].queryset
    editing = EventForm(instance=session).fields["series"].queryset

    assert list(new) == [plain]
    assert set(editing) == {plain, cohort.series}
