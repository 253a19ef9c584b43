"""Seats, the waiting list and its promotions, guests, the counter, attendance, reminders."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from tsunagaru.audit.models import AuditEvent
from tsunagaru.info import services
from tsunagaru.info.models import Event, Registration

pytestmark = pytest.mark.django_db


def _register(event, user):
    return services.registration_create(event=event, user=user, by=user)


def test_the_third_person_for_two_seats_waits_and_moves_up_when_someone_cancels(
    event, make_resident
):
    first, second, third = (make_resident(n) for n in range(3))
    a = _register(event, first)
    _register(event, second)
    c = _register(event, third)
    assert a.status == Registration.Status.REGISTERED
    assert c.status == Registration.Status.WAITLISTED
    mail.outbox.clear()

    services.registration_cancel(registration=a, by=first)

    c.refresh_from_db()
    assert c.status == Registration.Status.REGISTERED
    assert [m.to for m in mail.outbox] == [[third.email]]
    assert "「" + event.title + "」" in mail.outbox[0].subject


def test_the_waiting_list_is_first_come_first_served(event, make_resident):
    people = [make_resident(n) for n in range(5)]
    registrations = [_register(event, p) for p in people]
    services.registration_cancel(registration=registrations[0], by=people[0])
    states = [Registration.objects.get(pk=r.pk).status for r in registrations]
    assert states == ["cancelled", "registered", "registered", "waitlisted", "waitlisted"]


def test_leaving_the_waiting_list_gives_no_seat_away(event, make_resident):
    people = [make_resident(n) for n in range(4)]
    registrations = [_register(event, p) for p in people]
    services.registration_cancel(registration=registrations[2], by=people[2])
    assert Registration.objects.get(pk=registrations[3].pk).status == "waitlisted"


def test_a_second_registration_by_the_same_person_is_refused(event, resident):
    _register(event, resident)
    with pytest.raises(ValidationError) as error:
        _register(event, resident)
    assert error.value.code == "already_registered"
    assert event.registrations.count() == 1


def test_a_cancelled_person_may_register_again(event, resident):
    services.registration_cancel(registration=_register(event, resident), by=resident)
    assert _register(event, resident).status == Registration.Status.REGISTERED


def test_registration_after_it_closed_is_refused(event, resident):
    event.registration_closes_at = timezone.now() - timedelta(minutes=1)
    event.save()
    with pytest.raises(ValidationError) as error:
        _register(event, resident)
    assert error.value.code == "closed"
    assert not event.registrations.exists()


def test_registration_before_it_opens_is_refused(event, resident):
    event.registration_opens_at = timezone.now() + timedelta(days=1)
    event.save()
    with pytest.raises(ValidationError) as error:
        _register(event, resident)
    assert error.value.code == "closed"


@pytest.mark.parametrize("status", ["draft", "in_review", "cancelled", "postponed"])
def test_only_a_published_event_takes_registrations(event, resident, status):
    Event.objects.filter(pk=event.pk).update(status=status)
    event.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        _register(event, resident)
    assert error.value.code == "closed"


def test_cancelling_twice_is_refused_and_gives_no_second_seat_away(event, make_resident):
    people = [make_resident(n) for n in range(4)]
    registrations = [_register(event, p) for p in people]
    services.registration_cancel(registration=registrations[0], by=people[0])
    stale = Registration.objects.get(pk=registrations[0].pk)
    stale.status = Registration.Status.REGISTERED  # a second tab still shows the seat
    with pytest.raises(ValidationError) as error:
        services.registration_cancel(registration=stale, by=people[0])
    assert error.value.code == "cancelled"
    assert Registration.objects.get(pk=registrations[3].pk).status == "waitlisted"


def test_a_guest_registers_by_name_and_email_and_takes_a_seat_only_after_confirming(event):
    event.allow_guests = True
    event.save()
    guest = services.registration_create(
        event=event, user=None, name="奥州 太郎", email="Taro@Example.jp", by=None
    )
    assert guest.status == Registration.Status.UNCONFIRMED
    assert guest.email == "taro@example.jp"
    assert guest.token in mail.outbox[-1].body

    confirmed = services.registration_confirm(token=guest.token)
    assert confirmed.status == Registration.Status.REGISTERED
    # Opening the link again changes nothing.
    assert services.registration_confirm(token=guest.token).status == "registered"
    assert event.registrations.filter(status="registered").count() == 1


def test_guests_are_refused_where_the_organiser_does_not_allow_them(event):
    with pytest.raises(ValidationError) as error:
        services.registration_create(
            event=event, user=None, name="奥州 太郎", email="taro@example.jp", by=None
        )
    assert error.value.code == "guests_not_allowed"


def test_a_guest_email_registered_already_is_refused(event):
    event.allow_guests = True
    event.save()
    first = services.registration_create(
        event=event, user=None, name="奥州 太郎", email="taro@example.jp", by=None
    )
    services.registration_confirm(token=first.token)
    with pytest.raises(ValidationError) as error:
        services.registration_create(
            event=event, user=None, name="奥州 太郎", email="TARO@example.jp", by=None
        )
    assert error.value.code == "already_registered"


def test_an_unknown_confirmation_link_is_refused():
    with pytest.raises(ValidationError) as error:
        services.registration_confirm(token="no-such-token")
    assert error.value.code == "unknown"


def test_the_organiser_adds_someone_who_phoned_without_an_email(event, organiser_member):
    person = services.registration_create(
        event=event,
        user=None,
        name="電話の 方",
        phone="0197-24-2111",
        by=organiser_member,
        at_counter=True,
    )
    assert person.status == Registration.Status.REGISTERED
    assert person.added_by == organiser_member
    assert person.phone == "0197-24-2111"


def test_answers_are_kept_only_for_the_events_questions(event, resident):
    event.questions = ["託児を希望しますか"]
    event.save()
    registration = services.registration_create(
        event=event,
        user=resident,
        answers={"託児を希望しますか": "はい（2歳）", "other": "x"},
        by=resident,
    )
    assert registration.answers == {"託児を希望しますか": "はい（2歳）"}


def test_attendance_marks_only_people_with_a_seat(event, make_resident, organiser_member):
    people = [make_resident(n) for n in range(3)]
    a, b, waiting = (_register(event, p) for p in people)
    count = services.attendance_record(
        event=event, attended=[a.pk, waiting.pk], by=organiser_member
    )
    assert count == 1
    assert Registration.objects.get(pk=a.pk).attended
    assert not Registration.objects.get(pk=b.pk).attended
    assert not Registration.objects.get(pk=waiting.pk).attended
    # Unticking someone takes the mark away.
    services.attendance_record(event=event, attended=[], by=organiser_member)
    assert not Registration.objects.get(pk=a.pk).attended


def test_every_registration_change_is_audited(event, make_resident):
    first, second, third = (make_resident(n) for n in range(3))
    a = _register(event, first)
    _register(event, second)
    _register(event, third)
    services.registration_cancel(registration=a, by=first)
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions.count("registration.create") == 3
    assert "registration.cancel" in actions
    assert "registration.promote" in actions


def test_reminders_go_once_to_people_with_a_seat_the_day_before(event, make_resident):
    people = [make_resident(n) for n in range(3)]
    for person in people:
        _register(event, person)
    mail.outbox.clear()
    the_day_before = event.starts_at - timedelta(days=1)
    assert services.reminders_send(now=the_day_before) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people[:2])
    assert services.reminders_send(now=the_day_before) == 0
    assert services.reminders_send(now=event.starts_at - timedelta(days=2)) == 0


def test_a_higher_capacity_gives_seats_to_people_waiting(event, make_resident, organiser_member):
    people = [make_resident(n) for n in range(3)]
    for person in people:
        _register(event, person)
    services.event_save(event=event, data={"capacity": 3}, by=organiser_member)
    assert event.registrations.filter(status="registered").count() == 3


def test_a_capacity_below_the_people_registered_is_refused(event, make_resident, organiser_member):
    for n in range(2):
        _register(event, make_resident(n))
    with pytest.raises(ValidationError) as error:
        services.event_save(event=event, data={"capacity": 1}, by=organiser_member)
    assert error.value.error_dict["capacity"][0].code == "capacity_below_registered"
    event.refresh_from_db()
    assert event.capacity == 2


def test_the_daily_command_sends_tomorrows_reminders(event, resident):
    import time_machine
    from django.core.management import call_command

    services.registration_create(event=event, user=resident, by=resident)
    mail.outbox.clear()
    with time_machine.travel(event.starts_at - timedelta(days=1), tick=False):
        call_command("event_reminders", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [[resident.email]]
