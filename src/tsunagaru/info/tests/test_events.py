"""The event workflow: drafts, review per kind, publication, cancellation and postponement."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from tsunagaru.accounts.models import Role
from tsunagaru.audit.models import AuditEvent
from tsunagaru.info import services
from tsunagaru.info.models import Event, EventKind, Registration

pytestmark = pytest.mark.django_db


def _draft(event: Event, kind: str = "course") -> Event:
    Event.objects.filter(pk=event.pk).update(
        status=Event.Status.DRAFT, kind=EventKind.objects.get(code=kind), published_at=None
    )
    event.refresh_from_db()
    return event


def _data(event: Event, **changes):
    data = {
        "title": "防災ワークショップ",
        "description": "地区の防災マップをつくります。",
        "kind": event.kind,
        "place_name": "稲瀬地区センター",
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
    }
    return {**data, **changes}


def test_a_group_member_writes_a_draft_that_is_audited(event, organiser_member):
    made = services.event_save(
        event=None, data=_data(event), organiser=event.organiser, by=organiser_member
    )
    assert made.status == Event.Status.DRAFT
    assert made.created_by == organiser_member
    assert AuditEvent.objects.filter(action="event.create", target_id=str(made.pk)).exists()


def test_the_end_before_the_start_is_refused_and_nothing_is_saved(event, organiser_member):
    with pytest.raises(ValidationError) as error:
        services.event_save(
            event=None,
            data=_data(event, ends_at=event.starts_at - timedelta(hours=1)),
            organiser=event.organiser,
            by=organiser_member,
        )
    assert error.value.error_dict["ends_at"][0].code == "ends_before_start"
    assert Event.objects.count() == 1


def test_registration_closing_after_the_event_ends_is_refused(event, organiser_member):
    with pytest.raises(ValidationError) as error:
        services.event_save(
            event=event,
            data={"registration_closes_at": event.ends_at + timedelta(days=1)},
            by=organiser_member,
        )
    assert error.value.error_dict["registration_closes_at"][0].code == "closes_after_end"


def test_an_event_needs_a_place_or_an_online_link(event, organiser_member):
    with pytest.raises(ValidationError) as error:
        services.event_save(
            event=None,
            data=_data(event, place_name=""),
            organiser=event.organiser,
            by=organiser_member,
        )
    assert error.value.error_dict["place_name"][0].code == "no_place"
    online = services.event_save(
        event=None,
        data=_data(event, place_name="", online_url="https://meet.example.jp/abc"),
        organiser=event.organiser,
        by=organiser_member,
    )
    assert online.pk


def test_a_title_with_a_line_break_is_refused(event, organiser_member):
    with pytest.raises(ValidationError):
        services.event_save(event=event, data={"title": "講座\n第2回"}, by=organiser_member)


def test_a_course_is_published_by_the_group_itself(event, organiser_member):
    _draft(event, "course")
    services.event_submit(event=event, by=organiser_member)
    assert event.status == Event.Status.PUBLISHED
    assert event.published_at is not None


def test_a_call_for_volunteers_waits_for_the_citys_review(event, organiser_member, city_staff):
    _draft(event, "volunteers")
    services.event_submit(event=event, by=organiser_member)
    assert event.status == Event.Status.IN_REVIEW
    services.event_publish(event=event, by=city_staff)
    assert Event.objects.get(pk=event.pk).status == Event.Status.PUBLISHED


def test_staff_publish_their_own_call_for_volunteers_at_once(event, city_staff):
    _draft(event, "volunteers")
    services.event_submit(event=event, by=city_staff)
    assert event.status == Event.Status.PUBLISHED


def test_staff_send_an_event_back_with_a_reason(event, organiser_member, city_staff):
    _draft(event, "volunteers")
    services.event_submit(event=event, by=organiser_member)
    with pytest.raises(ValidationError) as error:
        services.event_return(event=event, reason="  ", by=city_staff)
    assert error.value.code == "no_reason"
    services.event_return(event=event, reason="集合場所を書いてください。", by=city_staff)
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT
    assert event.status_reason == "集合場所を書いてください。"


def test_publishing_twice_is_refused(event, organiser_member, city_staff):
    _draft(event, "volunteers")
    services.event_submit(event=event, by=organiser_member)
    stale = Event.objects.get(pk=event.pk)
    services.event_publish(event=event, by=city_staff)
    with pytest.raises(ValidationError) as error:
        services.event_publish(event=stale, by=city_staff)
    assert error.value.code in ("invalid_transition", "stale")


def test_a_double_submit_is_refused_by_the_second_request(event, organiser_member):
    _draft(event, "course")
    stale = Event.objects.get(pk=event.pk)
    services.event_submit(event=event, by=organiser_member)
    with pytest.raises(ValidationError) as error:
        services.event_submit(event=stale, by=organiser_member)
    assert error.value.code == "stale"


def test_cancelling_tells_everyone_registered_or_waiting_the_reason(
    event, make_resident, organiser_member
):
    people = [make_resident(n) for n in range(3)]
    for person in people:
        services.registration_create(event=event, user=person, by=person)
    mail.outbox.clear()
    services.event_cancel(event=event, reason="大雪のため中止します。", by=organiser_member)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert all("大雪のため中止します。" in m.body for m in mail.outbox)
    assert Event.objects.get(pk=event.pk).status == Event.Status.CANCELLED
    with pytest.raises(ValidationError):
        services.event_postpone(event=event, reason="x", by=organiser_member)


def test_a_postponed_event_gets_a_new_date_and_keeps_its_registrations(
    event, resident, organiser_member
):
    services.registration_create(event=event, user=resident, by=resident)
    services.event_postpone(event=event, reason="講師の都合で延期します。", by=organiser_member)
    mail.outbox.clear()
    later = event.starts_at + timedelta(days=14)
    with pytest.raises(ValidationError):
        services.event_reschedule(
            event=event, starts_at=later, ends_at=later - timedelta(hours=1), by=organiser_member
        )
    services.event_reschedule(
        event=event, starts_at=later, ends_at=later + timedelta(hours=2), by=organiser_member
    )
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    assert event.starts_at == later
    assert event.registrations.get().status == Registration.Status.REGISTERED
    assert [m.to for m in mail.outbox] == [[resident.email]]


def test_a_cancelled_event_cannot_be_published_again(event, organiser_member):
    services.event_cancel(event=event, reason="中止", by=organiser_member)
    for move in (services.event_publish, services.event_submit):
        with pytest.raises(ValidationError):
            move(event=event, by=organiser_member)


@pytest.mark.parametrize(
    ("status", "moves"),
    [
        ("draft", {"in_review", "published"}),
        ("in_review", {"published", "draft"}),
        ("published", {"cancelled", "postponed"}),
        ("postponed", {"published", "cancelled"}),
        ("cancelled", set()),
    ],
)
def test_the_transition_table(status, moves):
    assert {str(s) for s in Event.TRANSITIONS[status]} == moves


def test_changes_to_an_event_are_audited_with_before_and_after(event, organiser_member):
    services.event_save(event=event, data={"place_name": "江刺地区センター"}, by=organiser_member)
    record = AuditEvent.objects.get(action="event.update")
    assert record.before == {"place_name": "水沢地区センター"}
    assert record.after == {"place_name": "江刺地区センター"}


def test_co_organisers_never_include_the_organiser(event, organiser_member, make_user):
    from tsunagaru.partners.tests.factories import OrganisationFactory

    other = OrganisationFactory(name="江刺ボランティアの会")
    services.event_save(
        event=event,
        data={},
        many={"co_organisers": [event.organiser, other]},
        by=make_user(Role.CITY_STAFF),
    )
    assert list(event.co_organisers.all()) == [other]
